// The chat controller end to end without VS Code: a real client over real sockets to the loopback
// fixture server, a real store in a temp folder, a recording `post` and a fake ChatHost.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConversationStore } from '../../../src/history/conversationStore';
import { nodeStoreFs } from '../../../src/history/storeFs';
import type { HostToWebview } from '../../../src/protocol';
import { AppError } from '../../../src/common/appError';
import { assistantAdded, deltaText, finalOf, type Harness } from '../../helpers/chatHarness';
import { recordingLogger } from '../../helpers/logger';
import { DEFAULT_REPLY, REASONING_TEXT } from '../../fixtures/server';
import { fixtureSuite } from '../../helpers/fixtureSuite';

const KEY = 'test-key-not-secret';
const fixture = fixtureSuite({ key: KEY });

const harness = (): Promise<Harness> => fixture.harness();

function chatBodies(): Array<{ model: string; messages: Array<{ role: string; content: string }>; stream: boolean; temperature?: number }> {
  return fixture.server.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body as never);
}

test('send: user message, streamed deltas, final message with meta; the request carries system prompt, history and sampling', async () => {
  const h = await harness();
  await h.controller.handle({ type: 'send', text: 'What is 2+2?' });

  const types = h.posted.map((m) => m.type);
  assert.equal(types[0], 'messageAdded');
  const user = (h.posted[0] as Extract<HostToWebview, { type: 'messageAdded' }>).message;
  assert.equal(user.role, 'user');
  assert.equal(user.content, 'What is 2+2?');
  const [reply] = assistantAdded(h.posted);
  assert.ok(reply);
  assert.equal(reply.status, 'streaming');
  assert.ok(types.includes('delta'));
  assert.ok(types.indexOf('busy') < types.indexOf('delta'));

  const final = finalOf(h.posted, reply.id);
  assert.equal(final.status, 'done');
  assert.equal(final.content, DEFAULT_REPLY);
  assert.equal(deltaText(h.posted, reply.id), DEFAULT_REPLY, 'deltas add up to the reply');
  assert.equal(final.meta?.model, 'fixture/model-a');
  assert.equal(typeof final.meta?.completionTokens, 'number');
  assert.equal(typeof final.meta?.ttftMs, 'number');
  assert.equal(typeof final.meta?.durationMs, 'number');
  const busy = h.posted.filter((m) => m.type === 'busy').map((m) => (m as { busy: boolean }).busy);
  assert.deepEqual(busy, [true, false]);

  const [body] = chatBodies();
  assert.ok(body);
  assert.equal(body.model, 'fixture/model-a');
  assert.equal(body.stream, true);
  assert.equal(body.temperature, 0.3);
  assert.deepEqual(body.messages, [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'What is 2+2?' },
  ]);

  // Persisted, and the title comes from the first message.
  await h.store.flush();
  const again = await ConversationStore.open(h.dir, nodeStoreFs, recordingLogger());
  const saved = again.active();
  assert.equal(saved.title, 'What is 2+2?');
  assert.deepEqual(saved.messages.map((m) => [m.role, m.status]), [['user', 'done'], ['assistant', 'done']]);
  h.controller.dispose();
});

test('a reply cut at the max-tokens limit is marked in its meta (and stays marked after a reload)', async () => {
  const h = await harness();
  fixture.server.setScenario('length');
  await h.controller.handle({ type: 'send', text: 'Tell me everything' });
  const [reply] = assistantAdded(h.posted);
  assert.ok(reply);
  const final = finalOf(h.posted, reply.id);
  assert.equal(final.status, 'done');
  assert.equal(final.meta?.finishReason, 'length');
  assert.ok(h.posted.some((m) => m.type === 'notice' && m.level === 'warning' && /maximum number of tokens/.test(m.message)));
  await h.store.flush();
  const again = await ConversationStore.open(h.dir, nodeStoreFs, recordingLogger());
  assert.equal(again.active().messages[1]?.meta?.finishReason, 'length');
  // A plain 'stop' adds nothing.
  fixture.server.setScenario('normal');
  await h.controller.handle({ type: 'send', text: 'Short one' });
  const second = assistantAdded(h.posted)[1];
  assert.ok(second);
  assert.equal(finalOf(h.posted, second.id).meta?.finishReason, undefined);
  h.controller.dispose();
});

test('a server error that echoes the key shows it redacted, in the error and in the log', async () => {
  const h = await harness();
  fixture.server.setScenario('http-error', { status: 400, body: { error: { message: `Key ${KEY} is not valid for this model`, type: 'invalid_request_error' } } });
  await h.controller.handle({ type: 'send', text: 'hello' });
  const [reply] = assistantAdded(h.posted);
  assert.ok(reply);
  const final = finalOf(h.posted, reply.id);
  assert.equal(final.status, 'error');
  assert.match(final.error!.message, /is not valid for this model/, 'the rest of the message is kept');
  assert.ok(!JSON.stringify(h.posted).includes(KEY), 'the key reaches no posted message');
  assert.ok(!h.logs.join('\n').includes(KEY), 'nor the log');
  h.controller.dispose();
});

test('stop mid-stream: status stopped, the text so far kept, busy cleared', async () => {
  const h = await harness();
  fixture.server.setScenario('slow', { count: 2000, intervalMs: 10 });
  const firstDelta = h.next('delta');
  const sending = h.controller.handle({ type: 'send', text: 'long please' });
  const delta = await firstDelta;
  await h.controller.handle({ type: 'stop' });
  await sending;
  const final = finalOf(h.posted, delta.messageId);
  assert.equal(final.status, 'stopped');
  assert.ok(final.content.length > 0);
  assert.equal(final.content, deltaText(h.posted, delta.messageId));
  assert.equal(h.controller.busy, false);
  assert.equal(h.store.active().messages[1]?.status, 'stopped');
  h.controller.dispose();
});

test('send while a reply streams is refused with a notice (the first reply goes on)', async () => {
  const h = await harness();
  fixture.server.setScenario('slow', { count: 50, intervalMs: 5 });
  const firstDelta = h.next('delta');
  const sending = h.controller.handle({ type: 'send', text: 'one' });
  await firstDelta;
  const notice = h.next('notice');
  const answer = h.next('draft');
  await h.controller.handle({ type: 'send', text: 'two' });
  assert.match((await notice).message, /still streaming/);
  assert.deepEqual(await answer, { type: 'draft', conversationId: h.store.active().id, text: 'two' }, 'the refused text stays in the input');
  assert.equal(h.store.active().draft, 'two');
  await sending;
  assert.deepEqual(h.store.active().messages.map((m) => m.role), ['user', 'assistant']);
  assert.equal(h.store.active().messages[1]?.status, 'done');
  h.controller.dispose();
});

test('a ready view mid-stream gets the full state so far (busy), and deltas continue after it', async () => {
  const h = await harness();
  fixture.server.setScenario('slow', { count: 60, intervalMs: 5 });
  const firstDelta = h.next('delta');
  const sending = h.controller.handle({ type: 'send', text: 'stream' });
  const delta = await firstDelta;
  await h.controller.handle({ type: 'ready' });
  const stateIndex = h.posted.findIndex((m) => m.type === 'state');
  const state = h.posted[stateIndex] as Extract<HostToWebview, { type: 'state' }>;
  assert.equal(state.busy, true);
  const partial = state.conversation.messages[1]!;
  assert.equal(partial.status, 'streaming');
  assert.ok(partial.content.length > 0);
  await sending;
  const after = h.posted.slice(stateIndex + 1).filter((m) => m.type === 'delta').map((m) => (m as { text?: string }).text ?? '').join('');
  assert.equal(partial.content + after, finalOf(h.posted, delta.messageId).content, 'state + later deltas = the whole reply');
  h.controller.dispose();
});

test('errors: 401 → setApiKey; mid-stream error keeps the partial text; resolve() failures show in place', async () => {
  const h = await harness();
  fixture.server.setScenario('unauthorized');
  await h.controller.handle({ type: 'send', text: 'hi' });
  let [reply] = assistantAdded(h.posted);
  let final = finalOf(h.posted, reply!.id);
  assert.equal(final.status, 'error');
  assert.equal(final.error?.kind, 'auth');
  assert.deepEqual(final.error?.actions, ['setApiKey', 'retry']);
  assert.doesNotMatch(JSON.stringify(h.posted) + h.logs.join('\n'), new RegExp(KEY), 'the key never appears');

  fixture.server.setScenario('mid-stream-error');
  await h.controller.handle({ type: 'regenerate' });
  reply = assistantAdded(h.posted).at(-1);
  final = finalOf(h.posted, reply!.id);
  assert.equal(final.status, 'error');
  assert.ok(final.content.length > 0, 'partial text kept');
  assert.deepEqual(final.error?.actions, ['retry']);

  h.targetError.current = new AppError('auth', 'no_key', 'No API key is set for Fixture.', { actions: ['setApiKey'] });
  await h.controller.handle({ type: 'regenerate' });
  final = finalOf(h.posted, assistantAdded(h.posted).at(-1)!.id);
  assert.equal(final.status, 'error');
  assert.equal(final.error?.message, 'No API key is set for Fixture.');
  assert.deepEqual(final.error?.actions, ['setApiKey', 'retry']);
  h.targetError.current = undefined;

  await h.controller.handle({ type: 'runAction', action: 'setApiKey', messageId: final.id });
  assert.deepEqual(h.hostCalls, ['command:setApiKey']);
  h.controller.dispose();
});

test('retry replaces the failed reply with a fresh one', async () => {
  const h = await harness();
  fixture.server.setScenario('server-error-html');
  await h.controller.handle({ type: 'send', text: 'hi' });
  const failed = assistantAdded(h.posted)[0]!;
  assert.equal(finalOf(h.posted, failed.id).error?.kind, 'server');
  assert.doesNotMatch(finalOf(h.posted, failed.id).error?.message ?? '', /<html|<body/i);
  fixture.server.setScenario('normal');
  await h.controller.handle({ type: 'runAction', action: 'retry', messageId: failed.id });
  assert.ok(h.posted.some((m) => m.type === 'messagesTruncated' && m.fromMessageId === failed.id));
  const messages = h.store.active().messages;
  assert.deepEqual(messages.map((m) => [m.role, m.status]), [['user', 'done'], ['assistant', 'done']]);
  assert.equal(messages[1]!.content, DEFAULT_REPLY);
  h.controller.dispose();
});

test('regenerate and edit & resend drop what followed and send the right history', async () => {
  const h = await harness();
  fixture.server.setScenario('echo');
  await h.controller.handle({ type: 'send', text: 'first question' });
  await h.controller.handle({ type: 'send', text: 'second question' });
  const oldReply = h.store.active().messages[3]!;
  await h.controller.handle({ type: 'regenerate' });
  assert.ok(h.posted.some((m) => m.type === 'messagesTruncated' && m.fromMessageId === oldReply.id));
  assert.equal(h.store.active().messages.length, 4);

  await h.controller.handle({ type: 'editLast', text: 'second question, edited' });
  const messages = h.store.active().messages;
  assert.equal(messages.length, 4);
  assert.equal(messages[2]!.content, 'second question, edited');
  assert.match(messages[3]!.content, /second question, edited/);
  const last = chatBodies().at(-1)!;
  assert.deepEqual(last.messages.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
  assert.equal(last.messages[3]!.content, 'second question, edited');
  h.controller.dispose();
});

test('context length: dropOldest leaves out the oldest turns and resends; newChat carries the question over', async () => {
  const h = await harness();
  for (const q of ['q1', 'q2', 'q3']) await h.controller.handle({ type: 'send', text: q });
  fixture.server.setScenario('context-length');
  await h.controller.handle({ type: 'send', text: 'q4' });
  const failed = h.store.active().messages.at(-1)!;
  assert.deepEqual(failed.error?.actions, ['dropOldest', 'newChat']);

  fixture.server.setScenario('normal');
  const notice = h.next('notice');
  await h.controller.handle({ type: 'runAction', action: 'dropOldest', messageId: failed.id });
  assert.match((await notice).message, /oldest turns/);
  const sent = chatBodies().at(-1)!.messages.map((m) => m.content);
  assert.deepEqual(sent.filter((c) => /^q\d$/.test(c)), ['q3', 'q4']);
  assert.equal(h.store.active().messages.at(-1)!.status, 'done');
  assert.equal(h.store.active().messages.length, 8, 'nothing removed from view');

  fixture.server.setScenario('context-length');
  await h.controller.handle({ type: 'send', text: 'q5' });
  const oldId = h.store.active().id;
  await h.controller.handle({ type: 'runAction', action: 'newChat' });
  const state = h.posted.filter((m) => m.type === 'state').at(-1) as Extract<HostToWebview, { type: 'state' }>;
  assert.notEqual(state.conversation.id, oldId);
  assert.equal(state.draft, 'q5');
  h.controller.dispose();
});

test('ask(): shows the display text with its context, sends the full prompt with its own system prompt', async () => {
  const h = await harness();
  fixture.server.setScenario('echo');
  await h.controller.ask({
    content: 'Explain this code:\n```ts\nconst a = 1;\n```',
    display: 'Explain selection',
    systemPrompt: 'You explain code.',
    context: { fileName: 'a.ts', languageId: 'typescript', startLine: 1, endLine: 1 },
  });
  const user = (h.posted.find((m) => m.type === 'messageAdded') as Extract<HostToWebview, { type: 'messageAdded' }>).message;
  assert.equal(user.content, 'Explain selection');
  assert.equal(user.context?.fileName, 'a.ts');
  assert.ok(!('sendContent' in user), 'host-only fields stay on the host');
  const body = chatBodies()[0]!;
  assert.deepEqual(body.messages, [
    { role: 'system', content: 'You explain code.' },
    { role: 'user', content: 'Explain this code:\n```ts\nconst a = 1;\n```' },
  ]);
  h.controller.dispose();
});

test('reasoning deltas are kept apart from the answer; a reply cut at max tokens says so', async () => {
  const h = await harness();
  fixture.server.setScenario('reasoning');
  await h.controller.handle({ type: 'send', text: 'think' });
  const reply = h.store.active().messages[1]!;
  assert.equal(reply.reasoning, REASONING_TEXT);
  assert.equal(reply.content, DEFAULT_REPLY);
  assert.equal(deltaText(h.posted, reply.id, 'reasoning'), REASONING_TEXT);

  fixture.server.setScenario('length');
  const notice = h.next('notice');
  await h.controller.handle({ type: 'send', text: 'more' });
  assert.match((await notice).message, /maximum number of tokens/);
  h.controller.dispose();
});

test('conversations: draft kept, new chat, switch, rename, delete, export', async () => {
  const h = await harness();
  await h.controller.handle({ type: 'draftChanged', text: 'half' });
  await h.controller.handle({ type: 'ready' });
  // The window meter ('budget') follows every state on its own schedule: the order checked here is the rest's.
  const lastPost = (): HostToWebview | undefined => h.posted.filter((m) => m.type !== 'budget').at(-1);
  let state = lastPost() as Extract<HostToWebview, { type: 'state' }>;
  assert.equal(state.draft, 'half');
  const taken = h.next('draft');
  await h.controller.handle({ type: 'send', text: 'hello there' });
  assert.equal(h.store.active().draft, '', 'sending clears the draft');
  assert.equal((await taken).text, '', 'and tells the view to clear its input');
  const first = h.store.active().id;

  await h.controller.handle({ type: 'newChat' });
  const second = h.store.active().id;
  assert.notEqual(second, first);
  assert.equal(lastPost()!.type, 'focusInput');
  await h.controller.handle({ type: 'newChat' });
  assert.equal(h.store.active().id, second, 'an empty chat is reused');

  await h.controller.handle({ type: 'renameConversation', id: first, title: '  My   chat ' });
  const list = h.posted.filter((m) => m.type === 'conversations').at(-1) as Extract<HostToWebview, { type: 'conversations' }>;
  assert.equal(list.conversations.find((c) => c.id === first)?.title, 'My chat');

  await h.controller.handle({ type: 'switchConversation', id: first });
  state = lastPost() as Extract<HostToWebview, { type: 'state' }>;
  assert.equal(state.conversation.id, first);
  assert.equal(state.conversation.messages.length, 2);

  await h.controller.handle({ type: 'exportConversation' });
  assert.match(h.hostCalls.at(-1)!, /^markdown:My-chat\.md:\d+$/);

  await h.controller.handle({ type: 'deleteConversation', id: first });
  assert.equal(h.store.get(first), undefined);
  assert.equal(fs.existsSync(path.join(h.dir, `conv-${first}.json`)), false);
  state = lastPost() as Extract<HostToWebview, { type: 'state' }>;
  assert.notEqual(state.conversation.id, first);

  await h.controller.handle({ type: 'switchConversation', id: 'gone' });
  assert.ok(h.posted.some((m) => m.type === 'notice' && /no longer exists/.test(m.message)));
  h.controller.dispose();
});

test('links: only http/https/mailto reach openExternal; code actions go to the host', async () => {
  const h = await harness();
  await h.controller.handle({ type: 'openLink', href: 'https://example.com/a?b=1' });
  await h.controller.handle({ type: 'openLink', href: 'mailto:a@example.com' });
  await h.controller.handle({ type: 'openLink', href: 'javascript:alert(1)' });
  await h.controller.handle({ type: 'openLink', href: 'command:workbench.action.terminal.new' });
  await h.controller.handle({ type: 'openLink', href: 'file:///etc/passwd' });
  assert.deepEqual(h.hostCalls, ['open:https://example.com/a?b=1', 'open:mailto:a@example.com']);
  assert.equal(h.posted.filter((m) => m.type === 'notice' && m.level === 'warning').length, 3);

  await h.controller.handle({ type: 'copyText', text: 'copied' });
  await h.controller.handle({ type: 'openInEditor', code: 'x = 1', language: 'py' });
  await h.controller.handle({ type: 'insertCode', code: 'x' });
  await h.controller.handle({ type: 'pickModel' });
  assert.deepEqual(h.hostCalls.slice(2), ['copy:copied', 'editor:py:x = 1', 'command:pickModel']);
  assert.ok(h.posted.some((m) => m.type === 'notice' && /no open editor/.test(m.message)));
  h.controller.dispose();
});

test("the welcome's buttons: each runs its command in the host", async () => {
  const h = await harness();
  for (const action of ['switchProvider', 'setApiKey', 'pickModel', 'openWalkthrough'] as const) await h.controller.handle({ type: 'runAction', action });
  assert.deepEqual(h.hostCalls, ['command:switchProvider', 'command:setApiKey', 'command:pickModel', 'command:openWalkthrough']);
});

test('mailto links open with their query stripped: no body, cc, bcc or attach a reply could smuggle in', async () => {
  const h = await harness();
  await h.controller.handle({ type: 'openLink', href: 'mailto:a@example.com?subject=Hi&body=The%20key%20is%20x&cc=evil@example.com&attach=/etc/passwd' });
  await h.controller.handle({ type: 'openLink', href: 'MAILTO:b@example.com?bcc=evil@example.com#frag' });
  await h.controller.handle({ type: 'openLink', href: 'mailto:?body=no-recipient' });
  assert.deepEqual(h.hostCalls, ['open:mailto:a@example.com', 'open:mailto:b@example.com']);
  assert.ok(h.posted.some((m) => m.type === 'notice' && m.level === 'warning' && /no address/.test(m.message)));
  const opened = h.logs.filter((l) => l.includes('opening a mailto link externally'));
  assert.equal(opened.length, 2, 'each open is logged, with the scheme only');
  assert.doesNotMatch(h.logs.join('\n'), /example\.com|key%20is/);
  h.controller.dispose();
});

test('malformed messages are ignored and logged without their content', async () => {
  const h = await harness();
  await h.controller.handle({ type: 'send', text: 'SECRET-CONTENT', extra: 1 }); // extra keys are stripped, so this is valid
  const before = h.posted.length;
  await h.controller.handle({ type: 'send', text: 42, note: 'PRIVATE-TEXT' });
  await h.controller.handle({ type: 'bogus', text: 'PRIVATE-TEXT' });
  await h.controller.handle('PRIVATE-TEXT');
  await h.controller.handle(null);
  assert.equal(h.posted.length, before, 'nothing posted for malformed input');
  const warnings = h.logs.filter((l) => l.startsWith('warn Ignored a malformed message'));
  assert.equal(warnings.length, 4);
  assert.doesNotMatch(warnings.join('\n'), /PRIVATE-TEXT/);
  h.controller.dispose();
});

test('applyCode: the host gets the code of that block from its own copy, with the question\'s selection', async () => {
  const h = await harness();
  fixture.server.setReply('<think>```ts\nthought();\n```</think>Two blocks:\n```ts src/math.ts\nexport const one = 1;\n```\nand\n```py\nx = 2\n```\n');
  const context = { fileName: 'src/math.ts', languageId: 'typescript', startLine: 1, endLine: 1, uri: 'file:///w/src/math.ts', textHash: 'ab' };
  await h.controller.ask({ content: 'Fix this', display: 'Fix', context });
  const reply = assistantAdded(h.posted)[0]!;
  await h.controller.handle({ type: 'applyCode', messageId: reply.id, blockIndex: 1 });
  await h.controller.handle({ type: 'applyCode', messageId: reply.id, blockIndex: 0 });
  assert.deepEqual(h.hostCalls, ['apply:py:x = 2\n:src/math.ts', 'apply:ts src/math.ts:export const one = 1;\n:src/math.ts']);
  for (const [messageId, blockIndex] of [[reply.id, 2], ['nope', 0]] as const) {
    await h.controller.handle({ type: 'applyCode', messageId, blockIndex });
  }
  const user = h.store.active().messages[0]!;
  await h.controller.handle({ type: 'applyCode', messageId: user.id, blockIndex: 0 });
  assert.equal(h.hostCalls.length, 2, 'no block, no message, or a user message: nothing reaches the host');
  assert.equal(h.posted.filter((m) => m.type === 'notice' && /no longer in this conversation/.test(m.message)).length, 3);
  h.controller.dispose();
});

test('a state asked for the moment the reply says it is done (the save still running) says not busy', async () => {
  let asked = false;
  const h = await fixture.harness({
    onPost: (m) => {
      if (m.type === 'busy' && !m.busy && !asked) {
        asked = true;
        void h.controller.handle({ type: 'ready' }); // a view that (re)loads right then
      }
    },
  });
  await h.controller.handle({ type: 'send', text: 'Hi' });
  const state = await h.next('state');
  assert.equal(asked, true);
  assert.equal(state.busy, false);
});
