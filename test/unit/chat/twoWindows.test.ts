// Two chat controllers (two VS Code windows) on one chat history folder, each with its own store and
// its own recording `post`, against the loopback fixture server. The stores watch the folder for real
// (fs.watch): window B learns what window A did without anyone asking it to look.
import { afterEach, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createClient } from '../../../src/api';
import { ChatController, type ChatHost } from '../../../src/chat/chatController';
import { ConversationStore } from '../../../src/history/conversationStore';
import { type StoreFs, nodeStoreFs } from '../../../src/history/storeFs';
import type { HostToWebview } from '../../../src/protocol';
import { HostToWebview as HostToWebviewSchema } from '../../../src/protocol';
import type { ChatTarget } from '../../../src/providers/core/providerService';
import { chatTarget } from '../../helpers/chatTarget';
import { DEFAULT_REPLY } from '../../fixtures/server';
import { fixtureSuite } from '../../helpers/fixtureSuite';
import { recordingLogger } from '../../helpers/logger';
import { PostLog, type Posted } from '../../helpers/postLog';

const KEY = 'two-windows-key-not-secret';
const fixture = fixtureSuite({ key: KEY });
const { tempDirs } = fixture;
/** The windows of the running test: disposed after it, also after a failure. */
const windows: Window[] = [];
afterEach(() => {
  for (const w of windows.splice(0)) w.dispose();
});


interface Window {
  controller: ChatController;
  store: ConversationStore;
  posted: HostToWebview[];
  next<T extends HostToWebview['type']>(type: T, match?: (m: Posted<T>) => boolean): Promise<Posted<T>>;
  mark(): void;
  dispose(): void;
}

async function openWindow(dir: string, pid: number, fs: StoreFs = nodeStoreFs): Promise<Window> {
  const log = recordingLogger();
  const store = await ConversationStore.open(dir, fs, log, { pid, processAlive: () => true, refreshDelayMs: 20 });
  const postLog = new PostLog();
  const client = createClient({ baseUrl: fixture.server.url, apiKey: KEY, retry: { maxRetries: 0 } });
  const target: ChatTarget = chatTarget({ model: 'fixture/model-a', client, secrets: [KEY] });
  const host: ChatHost = {
    copyText: async () => undefined,
    insertCode: async () => undefined,
    openInEditor: async () => undefined,
    applyCode: async () => undefined,
    openExternal: async () => undefined,
    runCommand: async () => undefined,
    showMarkdown: async () => undefined,
    showReadOnly: async () => undefined,
  };
  const controller = new ChatController({
    store,
    targets: { resolve: async () => target, describe: async () => ({ providerName: 'Fixture', model: target.model, hasKey: true }) },
    host,
    post: (m) => {
      assert.equal(HostToWebviewSchema.safeParse(m).success, true, `invalid post ${JSON.stringify(m).slice(0, 200)}`);
      postLog.record(m);
    },
    log,
    deltaIntervalMs: 5,
  });
  const window: Window = {
    controller,
    store,
    posted: postLog.messages,
    next: (type, match) => postLog.next(type, match),
    mark: () => postLog.mark(),
    dispose: () => {
      controller.dispose();
      postLog.dispose();
    },
  };
  windows.push(window);
  return window;
}

async function twoWindowsOnOneConversation(): Promise<{ a: Window; b: Window; id: string; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infchat-2win-'));
  tempDirs.push(dir);
  const a = await openWindow(dir, 2001);
  await a.controller.handle({ type: 'send', text: 'first question' });
  const id = a.store.active().id;
  await a.store.flush();
  const b = await openWindow(dir, 2002);
  await b.controller.handle({ type: 'switchConversation', id });
  return { a, b, id, dir };
}

test("a turn sent in window A appears in window B without a reload; B is read-only while A's reply streams, and writable again after", async () => {
  const { a, b, id } = await twoWindowsOnOneConversation();
  const bState = b.posted.filter((m): m is Posted<'state'> => m.type === 'state').at(-1)!;
  assert.deepEqual(bState.conversation.messages.map((m) => m.content), ['first question', DEFAULT_REPLY]);
  assert.equal(bState.readOnly, undefined);

  fixture.server.setScenario('slow', { count: 400, intervalMs: 10 });
  a.mark();
  b.mark();
  const userInB = b.next('messageAdded', (m) => m.conversationId === id && m.message.role === 'user');
  const replyInB = b.next('messageAdded', (m) => m.conversationId === id && m.message.role === 'assistant');
  const readOnly = b.next('readOnly', (m) => m.conversationId === id && m.readOnly !== undefined);
  const firstDeltaInA = a.next('delta');
  const sending = a.controller.handle({ type: 'send', text: 'second question' });
  assert.equal((await userInB).message.content, 'second question');
  assert.equal((await replyInB).message.status, 'streaming', 'B shows the reply as streaming, not interrupted');
  assert.equal((await readOnly).readOnly?.reason, 'streamingElsewhere');
  await firstDeltaInA;
  const growing = await b.next('delta', (m) => m.conversationId === id && (m.text ?? '').length > 0);
  assert.ok(growing.text, 'the reply grows in B as deltas');

  // B cannot send, regenerate or edit meanwhile; what it typed stays.
  const notice = b.next('notice');
  const answer = b.next('draft');
  await b.controller.handle({ type: 'send', text: 'from B' });
  assert.match((await notice).message, /another window/);
  assert.equal((await answer).text, 'from B', 'the refused text stays in the input');
  const regenerateNotice = b.next('notice');
  await b.controller.handle({ type: 'regenerate' });
  assert.match((await regenerateNotice).message, /another window/);
  assert.equal(fixture.server.requests.filter((r) => r.path.endsWith('/chat/completions')).length, 2, 'B sent nothing');
  const deleteNotice = b.next('notice');
  await b.controller.handle({ type: 'deleteConversation', id });
  assert.match((await deleteNotice).message, /another window/);
  assert.ok(b.store.get(id), 'not deleted while it streams elsewhere');

  const writable = b.next('readOnly', (m) => m.conversationId === id && m.readOnly === undefined);
  const finalInB = b.next('messageUpdated', (m) => m.conversationId === id && m.message.status === 'done');
  await sending;
  const finalInA = a.store.get(id)!.messages.at(-1)!;
  assert.equal((await finalInB).message.content, finalInA.content, 'B ends with exactly what A streamed');
  await writable;
  assert.ok(!b.posted.some((m) => m.type === 'messageUpdated' && m.message.status === 'error'), 'never shown as interrupted in B');
  assert.deepEqual(b.store.get(id)!.messages.map((m) => m.status), ['done', 'done', 'done', 'done']);
  assert.equal(b.store.get(id)!.draft, 'from B', "B's draft is kept");

  // And B may send again.
  fixture.server.setScenario('normal');
  a.mark();
  const userInA = a.next('messageAdded', (m) => m.conversationId === id && m.message.role === 'user');
  await b.controller.handle({ type: 'send', text: 'third, from B' });
  assert.equal((await userInA).message.content, 'third, from B', "and A sees B's turn");
});

test('a conversation deleted in window A disappears from B; when it was the one B showed, B says so and shows another', async () => {
  const { a, b, id, dir } = await twoWindowsOnOneConversation();
  b.mark();
  const notice = b.next('notice', (m) => /deleted in another window/.test(m.message));
  const state = b.next('state');
  await a.controller.handle({ type: 'deleteConversation', id });
  await notice;
  assert.notEqual((await state).conversation.id, id);
  assert.equal(b.store.get(id), undefined);
  assert.ok(!b.store.list().some((c) => c.id === id));
  await b.controller.handle({ type: 'draftChanged', text: 'typed in the new one' });
  await b.store.flush();
  const fresh = await ConversationStore.open(dir, nodeStoreFs, recordingLogger(), { watch: false });
  assert.equal(fresh.get(id), undefined, 'still deleted after B saved');
  fresh.dispose();
});

test('a conversation renamed or started in window A shows up in the history of B', async () => {
  const { a, b, id } = await twoWindowsOnOneConversation();
  const renamed = b.next('conversations', (m) => m.conversations.some((c) => c.id === id && c.title === 'Renamed in A'));
  await a.controller.handle({ type: 'renameConversation', id, title: 'Renamed in A' });
  await renamed;
  await a.controller.handle({ type: 'newChat' });
  const started = b.next('conversations', (m) => m.conversations.some((c) => c.title === 'brand new'));
  await a.controller.handle({ type: 'send', text: 'brand new' });
  await started;
});

test('a full disk while chatting: the chat says so once (and the log), the reply is kept, and it says when saving works again', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infchat-2win-'));
  tempDirs.push(dir);
  const failing = { on: false };
  const full: StoreFs = {
    ...nodeStoreFs,
    appendDurable: async (file, data) => {
      if (failing.on) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return nodeStoreFs.appendDurable(file, data);
    },
  };
  const w = await openWindow(dir, 2003, full);
  await w.controller.handle({ type: 'send', text: 'before the disk filled up' });
  failing.on = true;
  const notice = w.next('notice', (m) => m.level === 'error');
  await w.controller.handle({ type: 'send', text: 'while the disk is full' });
  assert.match((await notice).message, /Could not save the chat history: the disk is full \(ENOSPC\)\. Nothing is lost/);
  assert.equal(w.posted.filter((m) => m.type === 'notice' && m.level === 'error').length, 1, 'said once');
  assert.deepEqual(w.store.active().messages.map((m) => m.status), ['done', 'done', 'done', 'done'], 'the reply is there');
  const again = w.next('notice', (m) => /saved again/.test(m.message));
  failing.on = false;
  await again;
  const fresh = await ConversationStore.open(dir, nodeStoreFs, recordingLogger(), { watch: false });
  assert.deepEqual(fresh.active().messages.map((m) => m.content.slice(0, 24)), ['before the disk filled u', DEFAULT_REPLY.slice(0, 24), 'while the disk is full', DEFAULT_REPLY.slice(0, 24)]);
  fresh.dispose();
});
