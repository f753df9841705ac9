// Agent mode's loop end to end without VS Code: the real client over loopback to the fixture server's scripted
// agent models, the real store, a ChatController with an in-memory toolbox (the real edit-block matching). It shows
// the turn's steps, approvals on the cards, every call id answered, the limits, Stop, undo and the text fallback.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { HostToWebview } from '../../../src/protocol';
import type { AgentSettings } from '../../../src/config/core/agentSettings';
import { fixtureSuite } from '../../helpers/fixtureSuite';
import { fakeToolbox, type FakeToolbox } from '../../helpers/fakeToolbox';
import type { Harness } from '../../helpers/chatHarness';

const fixture = fixtureSuite({ key: 'agent-test-key' });
const MATH = 'function add(a, b) {\n  return a - b;\n}\nmodule.exports = { add };\n';
/** Every test has a deadline: a turn left waiting on a card must fail, not hang. */
const DEADLINE = { timeout: 30_000 };
const LIMITS: AgentSettings = { autoApplyEdits: false, readWithoutAsking: true, commandTimeoutSeconds: 60, maxSteps: 25, maxTokensPerTurn: 0, maxCostPerTurn: 0 };

type Answer = 'once' | 'always' | 'deny';

/** A chat in Agent mode over `box`; `answer` decides each approval as its card shows up (none: left waiting). */
async function agentChat(box: FakeToolbox, answer?: (call: { name: string; title: string }) => Answer | undefined, limits: Partial<AgentSettings> = {}): Promise<Harness> {
  const answered = new Set<string>();
  const h: Harness = await fixture.harness({
    deps: {
      agent: {
        toolbox: box,
        settings: () => ({ ...LIMITS, ...limits }),
        announceApproval: () => undefined,
        chooseTools: async () => undefined,
      },
    },
    onPost: (m: HostToWebview) => {
      if (!answer || m.type !== 'messageUpdated') return;
      for (const call of m.message.toolCalls ?? []) {
        // Keyed by message too: a scripted server may give the calls of a later turn the same ids.
        const key = `${m.message.id}/${call.id}`;
        if (call.status !== 'awaiting-approval' || answered.has(key)) continue;
        const decision = answer({ name: call.name, title: call.approval?.title ?? '' });
        if (!decision) continue;
        answered.add(key);
        queueMicrotask(() => void h.controller.handle({ type: 'toolDecision', callId: call.id, decision }));
      }
    },
  });
  await h.controller.handle({ type: 'setMode', mode: 'agent' });
  return h;
}

const chatRequests = (): Array<{ messages: Array<Record<string, unknown>>; tools?: unknown[] }> =>
  fixture.server.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body as never);

function assertEveryCallAnswered(request: { messages: Array<Record<string, unknown>> }): void {
  const answered = new Set(request.messages.filter((m) => m.role === 'tool').map((m) => m.tool_call_id));
  for (const m of request.messages) {
    for (const call of (m.tool_calls as Array<{ id: string }> | undefined) ?? []) assert.ok(answered.has(call.id), `call ${call.id} has a tool message`);
  }
}

test('agent-fix-test: reads, edits (approved), runs the test (approved), answers; every call id answered; one busy turn; a checkpoint', DEADLINE, async () => {
  fixture.server.setScenario('agent-fix-test');
  const box = fakeToolbox({ 'math.js': MATH }, (line, files) => ({ output: files.get('math.js')!.includes('a + b') ? 'PASS 1 test' : 'FAIL', code: 0 }));
  const h = await agentChat(box, () => 'once');
  await h.controller.handle({ type: 'send', text: 'Fix the failing test' });

  assert.equal(box.files.get('math.js'), MATH.replace('a - b', 'a + b'));
  assert.deepEqual(box.ran, ['read_file', 'edit_file', 'run_command']);
  assert.deepEqual(box.asked.map((a) => a.kind), ['edit', 'command']);
  const all = h.store.active().messages;
  assert.equal(all[0]!.role, 'user');
  assert.equal(all[0]!.mode, 'agent');
  assert.equal(all[0]!.checkpoint?.files.length, 1);
  assert.equal(all[0]!.checkpoint?.commandsRan, true);
  const steps = all.slice(1);
  assert.equal(steps.length, 4, 'three steps with calls and the answer');
  assert.deepEqual(steps.map((m) => m.toolCalls?.map((c) => `${c.name}:${c.status}`) ?? []), [['read_file:done'], ['edit_file:done'], ['run_command:done'], []]);
  assert.match(steps[3]!.content, /PASS 1 test/);
  assert.ok(steps.every((m) => m.status === 'done'));
  const busy = h.posted.filter((m) => m.type === 'busy').map((m) => (m as { busy: boolean }).busy);
  assert.deepEqual(busy, [true, false], 'the chat is busy for the whole turn, once');

  const requests = chatRequests();
  assert.equal(requests.length, 4);
  assert.ok(requests.every((r) => Array.isArray(r.tools) && r.tools.length > 0), 'every step offers the tools');
  for (const r of requests) assertEveryCallAnswered(r);
  const last = requests[3]!;
  assert.deepEqual(last.messages.filter((m) => m.role === 'tool').length, 3);
  assert.match(String(last.messages.find((m) => m.role === 'system')?.content), /coding agent/);
});

test('a denied command: the model is told, the loop goes on to its answer', DEADLINE, async () => {
  fixture.server.setScenario('agent-fix-test');
  const box = fakeToolbox({ 'math.js': MATH });
  const h = await agentChat(box, (call) => (call.name === 'run_command' ? 'deny' : 'once'));
  await h.controller.handle({ type: 'send', text: 'Fix it' });
  const steps = h.store.active().messages.slice(1);
  const run = steps[2]!.toolCalls![0]!;
  assert.equal(run.status, 'denied');
  assert.match(run.result ?? '', /denied/i);
  assert.match(steps[3]!.content, /was denied/);
  assert.equal(steps[3]!.status, 'done');
});

test('Undo this turn\'s changes restores the file, marks the checkpoint undone, and a second undo has nothing to do', DEADLINE, async () => {
  fixture.server.setScenario('agent-fix-test');
  const box = fakeToolbox({ 'math.js': MATH });
  const h = await agentChat(box, () => 'once');
  await h.controller.handle({ type: 'send', text: 'Fix it' });
  const user = h.store.active().messages[0]!;
  assert.notEqual(box.files.get('math.js'), MATH);
  await h.controller.handle({ type: 'undoTurn', messageId: user.id });
  assert.equal(box.files.get('math.js'), MATH);
  assert.equal(typeof h.store.active().messages[0]!.checkpoint?.undoneAt, 'number');
  const shown = h.posted.filter((m): m is Extract<HostToWebview, { type: 'messageUpdated' }> => m.type === 'messageUpdated' && m.message.id === user.id).at(-1);
  assert.equal(shown?.message.checkpoint?.undone, true);
  h.mark();
  await h.controller.handle({ type: 'undoTurn', messageId: user.id });
  assert.match((await h.next('notice')).message, /nothing to undo/);
});

test('the same call over and over is stopped on its third time, with the reason on the message', DEADLINE, async () => {
  fixture.server.setScenario('agent-loop');
  const box = fakeToolbox({ 'a.txt': 'a' });
  const h = await agentChat(box);
  await h.controller.handle({ type: 'send', text: 'List forever' });
  const steps = h.store.active().messages.slice(1);
  assert.equal(steps.length, 3);
  assert.deepEqual(steps.map((m) => m.toolCalls?.[0]?.status), ['done', 'done', 'cancelled']);
  assert.equal(steps[2]!.agentStop?.reason, 'repeat');
  assert.equal(box.ran.length, 2, 'the repeated call did not run');
  for (const r of chatRequests()) assertEveryCallAnswered(r);
});

test('a loop that varies its calls stops at the step limit, says so, and the next message can go on', DEADLINE, async () => {
  fixture.server.setScenario('agent-loop', { vary: true });
  const box = fakeToolbox({ 'a.txt': 'a' });
  const h = await agentChat(box, undefined, { maxSteps: 4 });
  await h.controller.handle({ type: 'send', text: 'List forever' });
  const steps = h.store.active().messages.slice(1);
  assert.equal(steps.length, 4);
  assert.equal(steps[3]!.agentStop?.reason, 'steps');
  assert.match(steps[3]!.agentStop?.message ?? '', /4 steps/);
  assert.equal(h.controller.busy, false);
});

test('Stop while a command waits for approval: the call is cancelled, the turn marked stopped, the command never runs', DEADLINE, async () => {
  fixture.server.setScenario('agent-fix-test');
  const box = fakeToolbox({ 'math.js': MATH });
  const h = await agentChat(box, (call) => (call.name === 'edit_file' ? 'once' : undefined));
  const waiting = h.next('messageUpdated', (m) => m.message.toolCalls?.some((c) => c.name === 'run_command' && c.status === 'awaiting-approval') === true);
  const sending = h.controller.handle({ type: 'send', text: 'Fix it' });
  const card = (await waiting).message.toolCalls!.find((c) => c.name === 'run_command')!;
  assert.equal(card.approval?.kind, 'command');
  assert.equal(card.approval?.title, 'node test.js');
  await h.controller.handle({ type: 'toolDecision', callId: 'not-the-waiting-call', decision: 'once' });
  assert.equal(h.controller.busy, true, 'a decision for another id changes nothing');
  await h.controller.handle({ type: 'stop' });
  await sending;
  const steps = h.store.active().messages.slice(1);
  const run = steps[2]!.toolCalls![0]!;
  assert.equal(run.status, 'cancelled');
  assert.equal(steps[2]!.agentStop?.reason, 'stopped');
  assert.equal(steps.length, 3, 'no request after Stop');
  assert.equal(h.controller.busy, false);
  assert.equal(box.asked.filter((a) => a.kind === 'command').length, 1, 'asked once, never run');
});

test('a server that refuses tools: the step is asked again with the tools in the prompt, calls read from the text', DEADLINE, async () => {
  fixture.server.setScenario('agent-refuses-tools');
  const box = fakeToolbox({ 'math.js': MATH });
  const h = await agentChat(box, () => 'once');
  await h.controller.handle({ type: 'send', text: 'Fix it' });
  assert.equal(box.files.get('math.js'), MATH.replace('a - b', 'a + b'));
  const steps = h.store.active().messages.slice(1);
  assert.equal(steps.length, 4);
  assert.equal(steps[0]!.toolFormat, 'text');
  assert.doesNotMatch(steps[0]!.content, /<tool_call>/, 'the call is not shown as text');
  const requests = chatRequests();
  // The refused request (the client asks a 400 once more without stream_options), then every step without tools.
  const firstWithout = requests.findIndex((r) => r.tools === undefined);
  assert.ok(firstWithout >= 1 && requests.slice(0, firstWithout).every((r) => r.tools !== undefined), 'first asked with tools');
  assert.equal(requests.slice(firstWithout).filter((r) => r.tools === undefined).length, 4, 'then four steps without');
  assert.equal(requests.length - firstWithout, 4);
  const lastMessages = requests.at(-1)!.messages;
  assert.ok(!lastMessages.some((m) => m.role === 'tool'), 'no tool messages in the text format');
  assert.match(String(lastMessages.find((m) => m.role === 'system')?.content), /<tool_call>/);
  assert.ok(lastMessages.some((m) => m.role === 'user' && /<tool_response>/.test(String(m.content))));

  // The next turn on this model starts in the text format: the server is not asked with tools again.
  const before = requests.length;
  box.files.set('math.js', MATH);
  await h.controller.handle({ type: 'send', text: 'Once more' });
  const next = chatRequests().slice(before);
  assert.equal(next.length, 4);
  assert.ok(next.every((r) => r.tools === undefined));
});

test('Ask mode offers no tools and a tool call in a reply is not acted on', DEADLINE, async () => {
  fixture.server.setScenario('agent-fix-test');
  const box = fakeToolbox({ 'math.js': MATH });
  const h = await agentChat(box, () => 'once');
  await h.controller.handle({ type: 'setMode', mode: 'ask' });
  await h.controller.handle({ type: 'send', text: 'Fix it' });
  assert.deepEqual(box.ran, []);
  assert.equal(chatRequests()[0]!.tools, undefined);
  assert.equal(h.store.active().messages.length, 2);
});

test('the mode belongs to the conversation, and a new chat keeps the mode the user works in', DEADLINE, async () => {
  const h = await agentChat(fakeToolbox({}));
  await h.controller.handle({ type: 'send', text: 'Hello' }); // the plain fixture answers without calls
  const agentConversation = h.store.active().id;
  h.mark();
  await h.controller.handle({ type: 'newChat' });
  assert.notEqual(h.store.active().id, agentConversation);
  assert.equal(h.store.active().mode, 'agent');
  assert.equal((await h.next('mode')).mode, 'agent');
  await h.controller.handle({ type: 'setMode', mode: 'ask' });
  assert.equal(h.store.get(agentConversation)?.mode, 'agent', 'the other conversation keeps its own');
  await h.controller.handle({ type: 'switchConversation', id: agentConversation });
  const state = await h.next('state', (m) => m.conversation.id === agentConversation);
  assert.equal(state.mode, 'agent');
});

test('Regenerate answers an Agent turn again as an Agent turn, and undo still goes back to before its first attempt', DEADLINE, async () => {
  fixture.server.setScenario('agent-fix-test');
  const box = fakeToolbox({ 'math.js': MATH });
  const h = await agentChat(box, () => 'once');
  await h.controller.handle({ type: 'send', text: 'Fix it' });
  const firstId = h.store.active().messages[0]!.checkpoint?.id;
  assert.ok(firstId);
  const before = chatRequests().length;
  await h.controller.handle({ type: 'regenerate' });
  const again = chatRequests().slice(before);
  assert.ok(again.length >= 2 && again.every((r) => Array.isArray(r.tools)), 'asked again with the tools');
  const user = h.store.active().messages[0]!;
  assert.equal(user.checkpoint?.id, firstId, 'the same checkpoint, continued');
  await h.controller.handle({ type: 'undoTurn', messageId: user.id });
  assert.equal(box.files.get('math.js'), MATH);
});

test('a call whose arguments are not JSON is answered with why (not run), and the model tries again', DEADLINE, async () => {
  fixture.server.setScenario('agent-bad-arguments');
  const box = fakeToolbox({ 'math.js': MATH });
  const h = await agentChat(box);
  await h.controller.handle({ type: 'send', text: 'Read math.js' });
  const steps = h.store.active().messages.slice(1);
  assert.equal(steps.length, 3);
  const bad = steps[0]!.toolCalls![0]!;
  assert.equal(bad.status, 'error');
  assert.match(bad.result ?? '', /not valid JSON/);
  assert.equal(steps[0]!.status, 'done', 'the step itself did not fail');
  assert.equal(steps[1]!.toolCalls![0]!.status, 'done');
  assert.deepEqual(box.ran, ['read_file'], 'only the well-written call ran');
  assert.match(steps[2]!.content, /After the error/);
});
