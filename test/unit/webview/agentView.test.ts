// Agent mode in the chat UI (jsdom), driven by host messages as the extension sends them: the mode switch, the tool
// cards and their approval buttons, a card changed in place, the undo of a turn, the stop note — and model text that
// stays text.
import { beforeEach, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type { HostToWebview, MessageView, ToolCallView, WebviewToHost } from '../../../src/protocol';
import { ChatApp } from '../../../src/webview/app';
import { createSanitizer } from '../../../src/webview/render/sanitize';

const dom = new JSDOM('<!doctype html><body><div id="app"></div></body>', { pretendToBeVisual: true, url: 'https://webview.invalid/' });
const g = globalThis as Record<string, unknown>;
for (const name of ['window', 'document', 'Element', 'HTMLElement', 'Node', 'MessageEvent', 'Event', 'KeyboardEvent', 'MouseEvent', 'requestAnimationFrame', 'cancelAnimationFrame', 'getComputedStyle']) {
  g[name] = (dom.window as unknown as Record<string, unknown>)[name];
}

let posted: WebviewToHost[];
let app: ChatApp;
const doc = dom.window.document;
const $ = (testId: string, root: ParentNode = doc) => root.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
const $$ = (testId: string, root: ParentNode = doc) => Array.from(root.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`));

type StateMessage = Extract<HostToWebview, { type: 'state' }>;

function msg(partial: Partial<MessageView> & Pick<MessageView, 'id' | 'role'>): MessageView {
  return { content: '', status: 'done', createdAt: 0, ...partial };
}

function call(partial: Partial<ToolCallView> & Pick<ToolCallView, 'id'>): ToolCallView {
  return { name: 'read_file', status: 'done', args: 'path: math.js', ...partial };
}

function send(message: HostToWebview): void {
  app.handle(message);
  app.flush();
}

function state(messages: MessageView[], extra: Partial<StateMessage> = {}): StateMessage {
  return {
    type: 'state',
    conversation: { id: 'c1', title: 'Agent chat', messages },
    conversations: [{ id: 'c1', title: 'Agent chat', updatedAt: 1, messageCount: messages.length }],
    target: { providerName: 'Local', model: 'qwen', hasKey: true },
    draft: '',
    busy: false,
    mode: 'ask',
    ...extra,
  };
}

const card = (id: string) => doc.querySelector<HTMLElement>(`[data-testid="tool-call"][data-call-id="${id}"]`)!;

beforeEach(() => {
  posted = [];
  app = new ChatApp(doc.getElementById('app')!, { post: (m) => posted.push(m), readLocal: () => undefined, writeLocal: () => {} }, {
    sanitizer: createSanitizer(dom.window as unknown as Window),
    highlight: false,
  });
});

test('the mode switch shows the mode the host says (state, then mode messages) and asks for the other one on click', () => {
  send(state([]));
  const modeSwitch = $('mode-switch')!;
  assert.equal(modeSwitch.tagName, 'BUTTON', 'a button: reachable by Tab, pressed with Enter or Space');
  assert.equal(modeSwitch.dataset.mode, 'ask');
  assert.match(modeSwitch.title, /Click for Agent mode/);
  assert.equal($('agent-tools')!.hidden, true, 'no Tools… in Ask mode');

  modeSwitch.click();
  assert.deepEqual(posted.at(-1), { type: 'setMode', mode: 'agent' });
  assert.equal(modeSwitch.dataset.mode, 'ask', 'the host owns the mode: nothing changes until it answers');

  send({ type: 'mode', conversationId: 'c1', mode: 'agent' });
  assert.equal(modeSwitch.dataset.mode, 'agent');
  assert.equal(modeSwitch.textContent, 'Agent');
  assert.equal($('agent-tools')!.hidden, false);
  $('agent-tools')!.click();
  assert.deepEqual(posted.at(-1), { type: 'chooseAgentTools' });
  modeSwitch.click();
  assert.deepEqual(posted.at(-1), { type: 'setMode', mode: 'ask' });

  send({ type: 'mode', conversationId: 'other', mode: 'ask' });
  assert.equal(modeSwitch.dataset.mode, 'agent', 'another conversation\'s mode is not this one\'s');

  send(state([], { mode: 'ask' }));
  assert.equal(modeSwitch.dataset.mode, 'ask');
  send(state([], { mode: 'agent' }));
  assert.equal(modeSwitch.dataset.mode, 'agent');
});

test('in Agent mode the composer says why the agent may not act here (Restricted Mode); in Ask mode it does not', () => {
  send(state([], { mode: 'agent', agentRestricted: 'Restricted Mode: the agent can read but not edit or run.' }));
  assert.equal($('agent-restricted')!.hidden, false);
  assert.equal($('agent-restricted')!.textContent, 'Restricted Mode: the agent can read but not edit or run.');
  send({ type: 'mode', conversationId: 'c1', mode: 'ask', agentRestricted: 'Restricted Mode: the agent can read but not edit or run.' });
  assert.equal($('agent-restricted')!.hidden, true);
  send({ type: 'mode', conversationId: 'c1', mode: 'agent' });
  assert.equal($('agent-restricted')!.hidden, true, 'trusted again: no note');
});

test('a card per tool call, below the message text and in order, with data-tool and data-status', () => {
  send(state([
    msg({ id: 'u1', role: 'user', content: 'Fix the test', mode: 'agent' }),
    msg({
      id: 'a1',
      role: 'assistant',
      content: 'Let me look.',
      toolCalls: [
        call({ id: 'c-1', name: 'read_file', args: 'path: math.js', summary: 'math.js lines 1–3', output: '1| return a - b;' }),
        call({ id: 'c-2', name: 'run_command', status: 'error', args: 'command: node test.js', summary: 'exit 1 in 0.1 s' }),
        call({ id: 'c-3', name: 'some_vscode_tool', status: 'interrupted', args: '' }),
      ],
    }),
  ], { mode: 'agent' }));
  const cards = $$('tool-call');
  assert.deepEqual(cards.map((c) => [c.dataset.tool, c.dataset.status]), [['read_file', 'done'], ['run_command', 'error'], ['some_vscode_tool', 'interrupted']]);
  const assistant = $$('message').find((m) => m.dataset.id === 'a1')!;
  const text = $('message-content', assistant)!;
  assert.ok(text.compareDocumentPosition(cards[0]!) & dom.window.Node.DOCUMENT_POSITION_FOLLOWING, 'the cards come after the text');
  assert.ok(assistant.contains(cards[0]!));
  assert.match(cards[0]!.textContent, /read_file/);
  assert.match(cards[0]!.textContent, /path: math\.js/);
  assert.equal($('tool-summary', cards[0])!.textContent, 'math.js lines 1–3');
  const output = $('tool-output', cards[0]) as HTMLDetailsElement;
  assert.equal(output.tagName, 'DETAILS');
  assert.equal(output.open, false, 'the output is collapsed');
  assert.equal(output.hidden, false);
  assert.equal(($('tool-output', cards[1]) as HTMLDetailsElement).hidden, true, 'no output: no block');
  assert.equal($('tool-status', cards[1])!.textContent, 'Failed');
  assert.equal($('tool-question', cards[0])!.hidden, true, 'nothing to ask once done');
  assert.ok($('agent-badge', $$('message').find((m) => m.dataset.id === 'u1')), 'the user message says it was sent in Agent mode');
});

test('a command awaiting approval asks with its exact line; Allow once, Always allow and Deny answer that call', () => {
  send(state([msg({
    id: 'a1',
    role: 'assistant',
    status: 'streaming',
    toolCalls: [call({ id: 'call-7', name: 'run_command', status: 'awaiting-approval', args: 'command: npm test', approval: { kind: 'command', title: 'npm test', detail: '/work/project', allowEntry: 'npm test' } })],
  })], { busy: true, mode: 'agent' }));
  const c = card('call-7');
  assert.equal(c.dataset.status, 'awaiting-approval');
  assert.equal($('tool-question', c)!.hidden, false);
  assert.equal($('tool-approval-title', c)!.tagName, 'CODE');
  assert.equal($('tool-approval-title', c)!.textContent, 'npm test');
  assert.match($('tool-question', c)!.textContent, /Run this command\?/);
  assert.match($('tool-question', c)!.textContent, /\/work\/project/);
  assert.equal($('tool-approve', c)!.textContent, 'Allow once');
  assert.equal($('tool-always', c)!.textContent, 'Always allow npm test');
  assert.equal($('tool-always', c)!.querySelector('code')!.textContent, 'npm test', 'the entry that will be saved, as code');
  assert.equal($('tool-deny', c)!.textContent, 'Deny');
  for (const [testId, decision] of [['tool-approve', 'once'], ['tool-always', 'always'], ['tool-deny', 'deny']] as const) {
    $(testId, c)!.click();
    assert.deepEqual(posted.at(-1), { type: 'toolDecision', callId: 'call-7', decision }, testId);
  }
});

test('an edit asks "Apply", a VS Code tool "Allow"; neither offers Always allow', () => {
  send(state([msg({
    id: 'a1',
    role: 'assistant',
    status: 'streaming',
    toolCalls: [
      call({ id: 'e1', name: 'edit_file', status: 'awaiting-approval', approval: { kind: 'edit', title: 'math.js', detail: '1 block' } }),
      call({ id: 't1', name: 'mcp_search', status: 'awaiting-approval', approval: { kind: 'tool', title: 'mcp_search' } }),
      call({ id: 'w1', name: 'create_file', status: 'awaiting-approval', approval: { kind: 'write', title: '.vscode/tasks.json' } }),
    ],
  })], { busy: true }));
  assert.equal($('tool-approve', card('e1'))!.textContent, 'Apply');
  assert.equal($('tool-approve', card('t1'))!.textContent, 'Allow');
  assert.equal($('tool-approve', card('w1'))!.textContent, 'Apply');
  assert.match($('tool-question', card('w1'))!.textContent, /can make code run/);
  for (const id of ['e1', 't1', 'w1']) assert.equal($('tool-always', card(id)), null, id);
  $('tool-deny', card('t1'))!.click();
  assert.deepEqual(posted.at(-1), { type: 'toolDecision', callId: 't1', decision: 'deny' });
});

test('toolCallUpdated changes that one card in place (the others and the streaming text are untouched) or adds a new one', () => {
  send(state([msg({ id: 'a1', role: 'assistant', status: 'streaming', content: 'Reading', toolCalls: [
    call({ id: 'c-1', status: 'done', output: 'old output' }),
    call({ id: 'c-2', name: 'run_command', status: 'awaiting-approval', args: 'command: node test.js', approval: { kind: 'command', title: 'node test.js', allowEntry: 'node test.js' } }),
  ] })], { busy: true, mode: 'agent' }));
  const first = card('c-1');
  const firstName = first.querySelector('.tool-call-name');
  const second = card('c-2');
  const output = $('tool-output', first) as HTMLDetailsElement;
  output.open = true; // the user opened it

  send({ type: 'toolCallUpdated', conversationId: 'c1', messageId: 'a1', call: call({ id: 'c-2', name: 'run_command', status: 'running', args: 'command: node test.js', output: 'ok 1' }) });
  assert.equal(card('c-2'), second, 'the same card element, changed');
  assert.equal(second.dataset.status, 'running');
  assert.equal($('tool-question', second)!.hidden, true, 'the question goes once answered');
  assert.equal($('tool-approve', second), null);
  assert.equal(card('c-1'), first);
  assert.equal(first.querySelector('.tool-call-name'), firstName, 'the other card was not rebuilt');
  assert.equal(output.open, true);

  send({ type: 'delta', conversationId: 'c1', messageId: 'a1', text: ' the file…' });
  assert.equal($('message-content')!.textContent.trim(), 'Reading the file…', 'streamed text still arrives');

  send({ type: 'toolCallUpdated', conversationId: 'c1', messageId: 'a1', call: call({ id: 'c-1', status: 'done', output: 'new output' }) });
  assert.equal(($('tool-output', first) as HTMLDetailsElement).open, true, 'an open output block stays open while it changes');
  assert.equal($('tool-output', first)!.textContent, 'Outputnew output');

  send({ type: 'toolCallUpdated', conversationId: 'c1', messageId: 'a1', call: call({ id: 'c-3', name: 'list_dir', status: 'running', args: 'path: .' }) });
  assert.deepEqual($$('tool-call').map((c) => c.dataset.callId), ['c-1', 'c-2', 'c-3']);
  send({ type: 'toolCallUpdated', conversationId: 'other', messageId: 'a1', call: call({ id: 'c-1', status: 'error' }) });
  send({ type: 'toolCallUpdated', conversationId: 'c1', messageId: 'unknown', call: call({ id: 'c-1', status: 'error' }) });
  assert.equal(first.dataset.status, 'done', 'updates for another conversation or message are ignored');
});

test('a turn that changed files offers its undo on the user message; undoTurn names that message', () => {
  send(state([
    msg({ id: 'u1', role: 'user', content: 'Fix it', mode: 'agent', checkpoint: { files: 2, commandsRan: true } }),
    msg({ id: 'a1', role: 'assistant', content: 'Fixed.' }),
  ], { mode: 'agent' }));
  const undo = $('undo-turn')! as HTMLButtonElement;
  assert.ok($$('message').find((m) => m.dataset.id === 'u1')!.contains(undo));
  assert.equal(undo.textContent, "Undo this turn's changes");
  assert.match(undo.title, /Restores the 2 file\(s\).*Files changed by the commands it ran are not restored/);
  assert.match($('undo-not-covered')!.textContent, /Commands ran in this turn/);
  undo.click();
  assert.deepEqual(posted.at(-1), { type: 'undoTurn', messageId: 'u1' });

  send({ type: 'busy', busy: true });
  assert.equal(($('undo-turn') as HTMLButtonElement).disabled, true, 'not while a turn runs');

  send({ type: 'messageUpdated', conversationId: 'c1', message: msg({ id: 'u1', role: 'user', content: 'Fix it', mode: 'agent', checkpoint: { files: 2, undone: true } }) });
  assert.equal($('undo-turn'), null);
  assert.ok($('turn-undone'));
  send(state([msg({ id: 'u1', role: 'user', content: 'Look', mode: 'agent', checkpoint: { files: 0, commandsRan: true } })]));
  assert.equal($('undo-turn'), null, 'nothing to undo');
  send(state([msg({ id: 'u1', role: 'user', content: 'Fix', mode: 'agent', checkpoint: { files: 1 } })]));
  assert.ok($('undo-turn'));
  assert.equal($('undo-not-covered'), null, 'no command ran: nothing to warn about');
});

test('a turn stopped early says why under its last message', () => {
  send(state([msg({ id: 'a1', role: 'assistant', content: 'Still working', agentStop: { reason: 'steps', message: 'Stopped after 25 steps (inferenceChat.agent.maxSteps).' } })]));
  const note = $('agent-stop')!;
  assert.equal(note.dataset.reason, 'steps');
  assert.equal(note.textContent, 'Stopped after 25 steps (inferenceChat.agent.maxSteps).');
});

test('model and tool text on a card is inert: an <img onerror> in the arguments, output, summary or question stays text', () => {
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  (dom.window as unknown as { __pwned?: number }).__pwned = undefined;
  send(state([msg({
    id: 'a1',
    role: 'assistant',
    status: 'streaming',
    agentStop: { reason: 'error', message: evil },
    toolCalls: [
      call({ id: 'x1', name: `read_file${evil}`, args: evil, summary: evil, output: evil }),
      call({ id: 'x2', name: 'run_command', status: 'awaiting-approval', args: evil, approval: { kind: 'command', title: evil, detail: evil, allowEntry: evil } }),
    ],
  })], { busy: true }));
  const calls = $$('tool-call');
  assert.equal(calls.length, 2);
  for (const c of [...calls, $('agent-stop')!]) {
    assert.equal(c.querySelector('img, script'), null, 'no element made from the text');
    assert.ok(c.textContent.includes('<img src=x onerror="window.__pwned=1">'), 'shown as the text it is');
  }
  assert.equal($('tool-output', calls[0])!.querySelector('pre')!.textContent, evil);
  assert.equal($('tool-always', calls[1])!.querySelector('code')!.textContent, evil);
  assert.equal((dom.window as unknown as { __pwned?: number }).__pwned, undefined);
});

test('a call that starts waiting for approval is announced to screen readers, once', async () => {
  send(state([msg({ id: 'a1', role: 'assistant', status: 'streaming', toolCalls: [call({ id: 'c-1', name: 'run_command', status: 'running' })] })], { busy: true }));
  const nextFrame = () => new Promise((resolve) => dom.window.requestAnimationFrame(resolve));
  const asking = call({ id: 'c-1', name: 'run_command', status: 'awaiting-approval', approval: { kind: 'command', title: 'npm test' } });
  send({ type: 'toolCallUpdated', conversationId: 'c1', messageId: 'a1', call: asking });
  await nextFrame();
  assert.equal($('announcer')!.textContent, 'run_command is waiting for your approval');
  $('announcer')!.textContent = '';
  send({ type: 'toolCallUpdated', conversationId: 'c1', messageId: 'a1', call: { ...asking, output: 'diff' } });
  await nextFrame();
  assert.equal($('announcer')!.textContent, '', 'not again while it still waits');
});
