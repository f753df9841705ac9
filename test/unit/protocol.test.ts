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
