// The webview → host protocol: what the host accepts and what it refuses.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { HostToWebview, parseWebviewMessage } from '../../src/protocol';

test('valid webview messages parse', () => {
  const valid: unknown[] = [
    { type: 'ready' },
    { type: 'send', text: 'hello' },
    { type: 'stop' },
    { type: 'regenerate' },
    { type: 'editLast', text: 'again' },
    { type: 'runAction', action: 'retry', messageId: 'm1' },
    { type: 'runAction', action: 'dropOldest' },
    { type: 'newChat' },
    { type: 'switchConversation', id: 'abc' },
    { type: 'renameConversation', id: 'abc', title: 'Title' },
    { type: 'deleteConversation', id: 'abc' },
    { type: 'exportConversation' },
    { type: 'copyText', text: '' },
    { type: 'insertCode', code: 'x', language: 'ts' },
    { type: 'openInEditor', code: 'x' },
    { type: 'openLink', href: 'https://example.com' },
    { type: 'draftChanged', text: '' },
    { type: 'pickModel' },
    { type: 'applyCode', messageId: 'm1', blockIndex: 0 },
  ];
  for (const raw of valid) {
    const parsed = parseWebviewMessage(raw);
    assert.equal(parsed.ok, true, `rejected ${JSON.stringify(raw)}`);
  }
});

test('malformed, unknown and oversized messages are rejected', () => {
  const invalid: unknown[] = [
    null,
    'send',
    42,
    {},
    { type: 'nope' },
    { type: 'send' },
    { type: 'send', text: '' },
    { type: 'send', text: 7 },
    { type: 'send', text: 'x'.repeat(2_000_001) },
    { type: 'runAction', action: 'rm -rf' },
    { type: 'switchConversation', id: '' },
    { type: 'switchConversation', id: 'x'.repeat(201) },
    { type: 'renameConversation', id: 'a', title: '' },
    { type: 'openLink', href: 'h'.repeat(9000) },
    { type: 'insertCode', code: 'x', language: 'l'.repeat(101) },
    { type: 'applyCode', messageId: 'm1' },
    { type: 'applyCode', messageId: 'm1', blockIndex: -1 },
    { type: 'applyCode', messageId: 'm1', blockIndex: 1.5 },
    { type: 'applyCode', messageId: '', blockIndex: 0 },
  ];
  for (const raw of invalid) {
    const parsed = parseWebviewMessage(raw);
    assert.equal(parsed.ok, false, `accepted ${JSON.stringify(raw)?.slice(0, 80)}`);
  }
});

test('host messages the controller builds validate against the host schema', () => {
  const message = {
    type: 'state',
    conversation: { id: 'c', title: 't', messages: [{ id: 'm', role: 'assistant', content: '', status: 'streaming', createdAt: 1 }] },
    conversations: [{ id: 'c', title: 't', updatedAt: 1, messageCount: 1 }],
    target: { providerName: 'P', hasKey: true },
    draft: '',
    busy: true,
    mode: 'ask',
  };
  assert.equal(HostToWebview.safeParse(message).success, true);
});

test('applyCode carries no code: text a page adds to it never reaches the host', () => {
  const parsed = parseWebviewMessage({ type: 'applyCode', messageId: 'm1', blockIndex: 2, code: 'rm -rf /', path: '/etc/passwd' });
  assert.deepEqual(parsed, { ok: true, message: { type: 'applyCode', messageId: 'm1', blockIndex: 2 } });
});

test('agent mode: the webview\'s new messages parse; a bad mode, decision or id is refused', () => {
  const valid: unknown[] = [
    { type: 'setMode', mode: 'agent' },
    { type: 'setMode', mode: 'ask' },
    { type: 'toolDecision', callId: 'call_0', decision: 'once' },
    { type: 'toolDecision', callId: 'call_0', decision: 'always' },
    { type: 'toolDecision', callId: 'call_0', decision: 'deny' },
    { type: 'undoTurn', messageId: 'm1' },
    { type: 'chooseAgentTools' },
  ];
  for (const raw of valid) assert.equal(parseWebviewMessage(raw).ok, true, `rejected ${JSON.stringify(raw)}`);
  const invalid: unknown[] = [
    { type: 'setMode' },
    { type: 'setMode', mode: 'auto' },
    { type: 'toolDecision', callId: 'call_0' },
    { type: 'toolDecision', callId: 'call_0', decision: 'yes' },
    { type: 'toolDecision', callId: '', decision: 'once' },
    { type: 'toolDecision', callId: 'x'.repeat(201), decision: 'once' },
    { type: 'toolDecision', callId: 7, decision: 'once' },
    { type: 'undoTurn' },
    { type: 'undoTurn', messageId: '' },
  ];
  for (const raw of invalid) assert.equal(parseWebviewMessage(raw).ok, false, `accepted ${JSON.stringify(raw).slice(0, 80)}`);
  // What the page adds is dropped: the host decides for the call id alone.
  assert.deepEqual(parseWebviewMessage({ type: 'toolDecision', callId: 'c', decision: 'always', allowEntry: 'rm -rf /' }), { ok: true, message: { type: 'toolDecision', callId: 'c', decision: 'always' } });
});

test('agent mode: the host\'s new messages and message fields validate, within their caps', () => {
  const call = { id: 'c1', name: 'run_command', status: 'awaiting-approval', args: 'command: npm test', approval: { kind: 'command', title: 'npm test', allowEntry: 'npm test' } };
  const ok: unknown[] = [
    { type: 'mode', conversationId: 'c', mode: 'agent' },
    { type: 'mode', conversationId: 'c', mode: 'agent', agentRestricted: 'Restricted Mode' },
    { type: 'toolCallUpdated', conversationId: 'c', messageId: 'm', call },
    { type: 'messageAdded', conversationId: 'c', message: { id: 'u', role: 'user', content: 'x', status: 'done', createdAt: 1, mode: 'agent', checkpoint: { files: 2, commandsRan: true, undone: false } } },
    { type: 'messageUpdated', conversationId: 'c', message: { id: 'a', role: 'assistant', content: '', status: 'done', createdAt: 1, toolCalls: [call], agentStop: { reason: 'steps', message: 'Stopped after 25 steps.' } } },
  ];
  for (const raw of ok) assert.equal(HostToWebview.safeParse(raw).success, true, JSON.stringify(raw));
  const bad: unknown[] = [
    { type: 'mode', conversationId: 'c', mode: 'auto' },
    { type: 'toolCallUpdated', conversationId: 'c', messageId: 'm', call: { ...call, status: 'paused' } },
    { type: 'toolCallUpdated', conversationId: 'c', messageId: 'm', call: { ...call, args: 'a'.repeat(201) } },
    { type: 'toolCallUpdated', conversationId: 'c', messageId: 'm', call: { ...call, output: 'o'.repeat(20_001) } },
    { type: 'toolCallUpdated', conversationId: 'c', messageId: 'm', call: { ...call, approval: { kind: 'shell', title: 'x' } } },
    { type: 'messageUpdated', conversationId: 'c', message: { id: 'a', role: 'assistant', content: '', status: 'done', createdAt: 1, agentStop: { reason: 'bored', message: 'x' } } },
    { type: 'messageUpdated', conversationId: 'c', message: { id: 'a', role: 'user', content: '', status: 'done', createdAt: 1, checkpoint: { files: -1 } } },
    { type: 'state', conversation: { id: 'c', title: 't', messages: [] }, conversations: [], target: { providerName: 'P', hasKey: true }, draft: '', busy: false },
  ];
  for (const raw of bad) assert.equal(HostToWebview.safeParse(raw).success, false, `accepted ${JSON.stringify(raw).slice(0, 120)}`);
});
