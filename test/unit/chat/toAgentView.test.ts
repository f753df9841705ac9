// Agent records (storage v3) as the webview sees them: toView's projection of tool calls, checkpoints and stops.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { ReadonlyMessage } from '../../../src/history/conversation';
import { MessageView } from '../../../src/protocol';
import { modeOf, shortArgs, toToolCallView } from '../../../src/chat/toAgentView';
import { toMessageView } from '../../../src/chat/toView';

/** A stored message with the v3 fields (typed structurally until history's v3 types are on this branch). */
function record(fields: Record<string, unknown>): ReadonlyMessage {
  return { id: 'm1', role: 'assistant', content: 'Working on it.', status: 'done', createdAt: 1, ...fields } as unknown as ReadonlyMessage;
}

const readCall = { id: 'call_1', name: 'read_file', arguments: '{"path":"math.js","start_line":1}', status: 'done', result: '1| x', summary: 'math.js lines 1–3', output: '1| x' };

test('a step\'s tool calls become cards: the arguments in short, summary and output kept, the result (the model\'s copy) left out', () => {
  const view = toMessageView(record({ toolCalls: [readCall] }));
  assert.deepEqual(view.toolCalls, [{ id: 'call_1', name: 'read_file', status: 'done', args: 'path: math.js, start_line: 1', summary: 'math.js lines 1–3', output: '1| x' }]);
  assert.equal(MessageView.safeParse(view).success, true);
  assert.equal(toMessageView(record({})).toolCalls, undefined, 'a message without calls has no cards');
  assert.equal(toMessageView(record({ toolCalls: [] })).toolCalls, undefined);
});

test('arguments are one line of at most 200 characters', () => {
  const edit = JSON.stringify({ path: 'src/a.ts', edits: `<<<<<<< SEARCH\n${'  old line\n'.repeat(40)}=======\n  new\n>>>>>>> REPLACE` });
  const args = shortArgs(edit);
  assert.ok(args.length <= 200, `${args.length}`);
  assert.ok(!/[\n\r\t]/.test(args), 'one line');
  assert.ok(args.startsWith('path: src/a.ts, edits: <<<<<<< SEARCH old line old line'));
  assert.ok(args.endsWith('…'), 'says it was cut');
  assert.equal(shortArgs('{"command":"npm test"}'), 'command: npm test');
  assert.equal(shortArgs('{"max_results":5,"case_sensitive":true,"glob":null}'), 'max_results: 5, case_sensitive: true, glob: null');
  assert.equal(shortArgs('{}'), '');
  assert.equal(shortArgs('{"path": "a.ts"'), '{"path": "a.ts"', 'broken JSON is shown as written');
  assert.equal(shortArgs('["a",\n"b"]'), '["a", "b"]');
  const emoji = shortArgs(JSON.stringify({ text: `${'x'.repeat(190)}😀😀😀😀😀😀` }));
  assert.ok(emoji.length <= 200 && !/[\uD800-\uDBFF]…$/.test(emoji), 'a cut never splits a surrogate pair');
});

test('a running or awaiting call of a message that no longer streams shows as interrupted; while it streams, as it is', () => {
  const running = { ...readCall, status: 'running' };
  const asking = { id: 'call_2', name: 'run_command', arguments: '{"command":"npm test"}', status: 'awaiting-approval', approval: { kind: 'command', title: 'npm test', detail: '/w', allowEntry: 'npm test' } };
  for (const status of ['done', 'stopped', 'error']) {
    const view = toMessageView(record({ status, toolCalls: [running, asking] }));
    assert.deepEqual(view.toolCalls!.map((c) => c.status), ['interrupted', 'interrupted'], status);
    assert.equal(view.toolCalls![1]!.approval, undefined, 'no question on an interrupted call');
  }
  const live = toMessageView(record({ status: 'streaming', toolCalls: [running, asking] }));
  assert.deepEqual(live.toolCalls!.map((c) => c.status), ['running', 'awaiting-approval']);
  assert.deepEqual(live.toolCalls![1]!.approval, { kind: 'command', title: 'npm test', detail: '/w', allowEntry: 'npm test' });
});

test('what this version does not know still renders: an unknown status, approval kind or stop reason', () => {
  assert.equal(toToolCallView({ ...readCall, status: 'paused' }, false).status, 'interrupted');
  const ask = toToolCallView({ id: 'c', name: 'x', arguments: '{}', status: 'awaiting-approval', approval: { kind: 'teleport', title: 't' } }, false);
  assert.equal(ask.approval!.kind, 'tool');
  const stop = toMessageView(record({ agentStop: { reason: 'bored', message: 'Stopped.' } })).agentStop;
  assert.deepEqual(stop, { reason: 'error', message: 'Stopped.' });
});

test('long stored text is cut to the view\'s caps, so the view always validates', () => {
  const view = toMessageView(record({
    status: 'streaming',
    toolCalls: [{ id: 'c', name: 'run_command', arguments: '{}', status: 'awaiting-approval', summary: 's\n'.repeat(400), output: 'o'.repeat(30_000), approval: { kind: 'command', title: 't'.repeat(5000), detail: 'd'.repeat(5000), allowEntry: 'a'.repeat(2000) } }],
    agentStop: { reason: 'steps', message: 'm'.repeat(3000) },
  }));
  assert.equal(MessageView.safeParse(view).success, true);
  const card = view.toolCalls![0]!;
  assert.equal(card.output!.length, 20_000);
  assert.ok(!card.summary!.includes('\n'), 'the summary is one line');
});

test('the user message of an agent turn: its mode, and its checkpoint as a count (undone once undone)', () => {
  const files = [{ path: '/w/a.js', created: false, afterHash: 'h' }, { path: '/w/b.js', created: true }];
  const user = (checkpoint: unknown) => toMessageView(record({ role: 'user', mode: 'agent', checkpoint }));
  assert.equal(user(undefined).mode, 'agent');
  assert.equal(user(undefined).checkpoint, undefined);
  assert.deepEqual(user({ id: 'k1', files }).checkpoint, { files: 2 });
  assert.deepEqual(user({ id: 'k1', files, commandsRan: true }).checkpoint, { files: 2, commandsRan: true });
  assert.deepEqual(user({ id: 'k1', files, undoneAt: 5 }).checkpoint, { files: 2, undone: true });
  assert.equal(toMessageView(record({ role: 'user', mode: 'ask' })).mode, undefined, 'only agent is a mode a message carries');
  assert.equal(MessageView.safeParse(user({ id: 'k1', files, commandsRan: true })).success, true);
});

test('a conversation\'s mode: agent when it says so, ask otherwise (every conversation before agent mode)', () => {
  assert.equal(modeOf({ mode: 'agent' }), 'agent');
  assert.equal(modeOf({ mode: 'ask' }), 'ask');
  assert.equal(modeOf({}), 'ask');
  assert.equal(modeOf({ mode: 'AGENT' }), 'ask');
});
