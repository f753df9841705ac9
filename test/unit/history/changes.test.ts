// Changes as data: applying a journal twice changes nothing (a save retried after a partial write, a crash
// between a compaction's rename and the journal's removal), and the view is told the smallest difference.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { type Change, applyChange } from '../../../src/history/changes';
import { type Conversation, type StoredMessage, createConversation } from '../../../src/history/conversation';
import { postsForChange } from '../../../src/chat/viewSync';

function msg(id: string, role: 'user' | 'assistant', content: string, extra: Partial<StoredMessage> = {}): StoredMessage {
  return { id, role, content, status: 'done', createdAt: 1, ...extra };
}

const JOURNAL: Array<{ at: number; change: Change }> = [
  { at: 10, change: { op: 'message', message: msg('u1', 'user', 'How do I sort?') } },
  { at: 11, change: { op: 'message', message: msg('a1', 'assistant', '', { status: 'streaming' }) } },
  { at: 12, change: { op: 'append', id: 'a1', field: 'reasoning', from: 0, text: 'Think.' } },
  { at: 12, change: { op: 'append', id: 'a1', field: 'content', from: 0, text: 'Use ' } },
  { at: 13, change: { op: 'append', id: 'a1', field: 'content', from: 4, text: 'sort().' } },
  { at: 14, change: { op: 'message', message: msg('a1', 'assistant', 'Use sort().', { reasoning: 'Think.' }) } },
  { at: 15, change: { op: 'draft', text: 'and numbers?' } },
  { at: 16, change: { op: 'message', message: msg('u2', 'user', 'x') } },
  { at: 17, change: { op: 'remove', ids: ['u2'] } },
  { at: 18, change: { op: 'set', contextFromId: 'a1' } },
];

function replay(conversation: Conversation): Conversation {
  for (const { at, change } of JOURNAL) applyChange(conversation, change, at);
  return conversation;
}

test('a journal applied twice gives the same conversation as applied once', () => {
  const base = createConversation(1);
  const once = replay({ ...base, messages: [] });
  const twice = replay(replay({ ...base, messages: [] }));
  assert.deepEqual(twice, once);
  assert.equal(once.title, 'How do I sort?', 'the title follows the first user message');
  assert.equal(once.updatedAt, 18, 'stamped by the changes (drafts and appends do not move it)');
  assert.deepEqual(once.messages.map((m) => m.content), ['How do I sort?', 'Use sort().']);
});

test('appends: at their offset, never twice, and a message object is never modified in place', () => {
  const c = createConversation(1);
  applyChange(c, { op: 'message', message: msg('a', 'assistant', 'abc', { status: 'streaming' }) }, 2);
  const before = c.messages[0]!;
  applyChange(c, { op: 'append', id: 'a', field: 'content', from: 3, text: 'def' }, 3);
  applyChange(c, { op: 'append', id: 'a', field: 'content', from: 3, text: 'def' }, 3);
  assert.equal(c.messages[0]!.content, 'abcdef');
  assert.equal(before.content, 'abc', 'copy on write');
  applyChange(c, { op: 'append', id: 'a', field: 'content', from: 2, text: 'XYZ' }, 4);
  assert.equal(c.messages[0]!.content, 'abXYZ', 'text at an earlier offset replaces what follows it');
  applyChange(c, { op: 'append', id: 'gone', field: 'content', from: 0, text: 'x' }, 5);
  assert.equal(c.messages.length, 1);
});

test('a renamed conversation keeps its title; removing the message contextFromId points at clears it', () => {
  const c = createConversation(1);
  applyChange(c, { op: 'message', message: msg('u1', 'user', 'first') }, 2);
  applyChange(c, { op: 'set', title: 'Mine', customTitle: true }, 3);
  applyChange(c, { op: 'message', message: msg('u1', 'user', 'edited') }, 4);
  assert.equal(c.title, 'Mine');
  applyChange(c, { op: 'set', contextFromId: 'u1' }, 5);
  applyChange(c, { op: 'remove', ids: ['u1'] }, 6);
  assert.equal(c.contextFromId, undefined);
});

test('what the view is told about a change made elsewhere: deltas for a growing reply, the rest as small posts', () => {
  const u1 = msg('u1', 'user', 'q');
  const a1 = msg('a1', 'assistant', 'Hel', { status: 'streaming', reasoning: 'r' });
  const grown = { ...a1, content: 'Hello', reasoning: 'r2' };
  assert.deepEqual(postsForChange('c', [u1, a1], [u1, grown]), [{ type: 'delta', conversationId: 'c', messageId: 'a1', text: 'lo', reasoning: '2' }]);

  const done = { ...grown, status: 'done' as const };
  assert.deepEqual(postsForChange('c', [u1, grown], [u1, done]).valueOf(), [
    { type: 'messageUpdated', conversationId: 'c', message: { id: 'a1', role: 'assistant', content: 'Hello', reasoning: 'r2', status: 'done', createdAt: 1 } },
  ]);

  const u2 = msg('u2', 'user', 'again');
  const posts = postsForChange('c', [u1, done], [u1, u2]);
  assert.deepEqual(posts, [
    { type: 'messagesTruncated', conversationId: 'c', fromMessageId: 'a1' },
    { type: 'messageAdded', conversationId: 'c', message: { id: 'u2', role: 'user', content: 'again', status: 'done', createdAt: 1 } },
  ]);
  assert.deepEqual(postsForChange('c', [u1, done], [u1, done]), [], 'nothing changed, nothing posted');
  assert.deepEqual(postsForChange('c', [u1, done], [{ ...u1 }, { ...done }]), [], 'an equal copy is no change either');
  assert.equal(postsForChange('c', [u1, done], [done, u1]), 'reset', 'reordered: the whole state');
  const hidden = postsForChange('c', [msg('u1', 'user', 'q', { sendContent: 'secret prompt' })], [msg('u1', 'user', 'q2', { sendContent: 'secret prompt' })]);
  assert.ok(!JSON.stringify(hidden).includes('secret prompt'), 'host-only fields stay on the host');
});
