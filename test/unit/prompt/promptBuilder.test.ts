import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { type Conversation, type StoredMessage, createConversation, titleFromText } from '../../../src/history/conversation';
import { buildPrompt, oldestTurnsToDrop } from '../../../src/prompt/promptBuilder';

/** Applies what oldestTurnsToDrop() decides, as the controller does through the store; returns the count. */
function dropOldestTurns(c: Conversation): number {
  const { dropped, contextFromId } = oldestTurnsToDrop(c);
  if (contextFromId !== undefined) c.contextFromId = contextFromId;
  return dropped;
}

let n = 0;
function msg(role: 'user' | 'assistant', content: string, extra: Partial<StoredMessage> = {}): StoredMessage {
  return { id: `m${++n}`, role, content, status: 'done', createdAt: n, ...extra };
}

function conversationOf(...messages: StoredMessage[]): Conversation {
  const c = createConversation(0);
  c.messages = messages;
  return c;
}

test('system prompt first, then the history in order', () => {
  const c = conversationOf(msg('user', 'q1'), msg('assistant', 'a1'), msg('user', 'q2'));
  assert.deepEqual(buildPrompt(c, 'Be brief.'), [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'q1' },
    { role: 'assistant', content: 'a1' },
    { role: 'user', content: 'q2' },
  ]);
});

test('an empty system prompt is left out', () => {
  const c = conversationOf(msg('user', 'q1'));
  assert.deepEqual(buildPrompt(c, '  '), [{ role: 'user', content: 'q1' }]);
});

test('sendContent is sent instead of the display text, and a per-message system prompt wins', () => {
  const c = conversationOf(msg('user', 'Explain selection', { sendContent: 'Explain:\n```ts\nx\n```', systemPrompt: 'You explain code.' }));
  assert.deepEqual(buildPrompt(c, 'chat prompt'), [
    { role: 'system', content: 'You explain code.' },
    { role: 'user', content: 'Explain:\n```ts\nx\n```' },
  ]);
});

test('stopped replies keep their text; failed and streaming replies are left out; roles stay alternating', () => {
  const c = conversationOf(
    msg('user', 'q1'),
    msg('assistant', 'partial but stopped', { status: 'stopped' }),
    msg('user', 'q2'),
    msg('assistant', 'half an answer', { status: 'error', error: { kind: 'network', message: 'x', actions: ['retry'] } }),
    msg('user', 'q3'),
    msg('assistant', '', { status: 'streaming' }),
  );
  assert.deepEqual(buildPrompt(c, ''), [
    { role: 'user', content: 'q1' },
    { role: 'assistant', content: 'partial but stopped' },
    { role: 'user', content: 'q2\n\nq3' },
  ]);
});

test('upTo limits the history (the reply being generated and what follows are not sent)', () => {
  const c = conversationOf(msg('user', 'q1'), msg('assistant', 'a1'), msg('user', 'q2'), msg('assistant', 'a2'));
  assert.deepEqual(buildPrompt(c, '', 2).map((m) => m.content), ['q1', 'a1', 'q2']);
});

test('dropOldestTurns drops the older half of the turns, keeps the system prompt and the last user message', () => {
  const c = conversationOf(
    msg('user', 'q1'), msg('assistant', 'a1'),
    msg('user', 'q2'), msg('assistant', 'a2'),
    msg('user', 'q3'), msg('assistant', 'a3'),
    msg('user', 'q4'), msg('assistant', 'a4'),
    msg('user', 'q5'),
  );
  assert.equal(dropOldestTurns(c), 2);
  assert.deepEqual(buildPrompt(c, 'sys').map((m) => m.content), ['sys', 'q3', 'a3', 'q4', 'a4', 'q5']);
  assert.equal(dropOldestTurns(c), 1);
  assert.deepEqual(buildPrompt(c, 'sys').map((m) => m.content), ['sys', 'q4', 'a4', 'q5']);
  assert.equal(dropOldestTurns(c), 1);
  assert.deepEqual(buildPrompt(c, 'sys').map((m) => m.content), ['sys', 'q5']);
  assert.equal(dropOldestTurns(c), 0, 'nothing left to drop');
  assert.equal(c.messages.length, 9, 'dropped turns stay in the conversation');
});

test('titles come from the first line of the first message, shortened at a word', () => {
  assert.equal(titleFromText('  How do I   sort a list?\nmore'), 'How do I sort a list?');
  assert.equal(titleFromText('```ts\ncode\n```'), 'code');
  assert.equal(titleFromText('\n\n'), 'New chat');
  const long = titleFromText('word '.repeat(40));
  assert.ok(long.length <= 61 && long.endsWith('…'), long);
});
