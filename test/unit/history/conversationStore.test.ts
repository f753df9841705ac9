import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Conversation, createConversation } from '../../../src/history/conversation';
import { ConversationStore } from '../../../src/history/conversationStore';
import { recordingLogger } from '../../helpers/logger';
import { type StoreFs, nodeStoreFs } from '../../../src/history/storeFs';

const tempDirs: string[] = [];
after(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infchat-store-'));
  tempDirs.push(dir);
  return dir;
}

function sampleConversation(text = 'hello'): Conversation {
  const c = createConversation(1000);
  c.title = text;
  c.messages.push({ id: 'u1', role: 'user', content: text, status: 'done', createdAt: 1001 });
  c.messages.push({ id: 'a1', role: 'assistant', content: `re: ${text}`, status: 'done', createdAt: 1002, meta: { model: 'm', ttftMs: 5 } });
  return c;
}

test('round trip: conversations, the active one and drafts survive a reopen', async () => {
  const dir = tempDir();
  const store = await ConversationStore.open(dir, nodeStoreFs, recordingLogger());
  const a = sampleConversation('first');
  const b = sampleConversation('second');
  b.draft = 'half typed';
  b.updatedAt = 2000;
  store.add(a);
  store.add(b);
  store.setActive(a.id);
  await store.flush();

  const again = await ConversationStore.open(dir, nodeStoreFs, recordingLogger());
  assert.deepEqual(again.get(a.id), a);
  assert.deepEqual(again.get(b.id), b);
  assert.equal(again.active().id, a.id);
  assert.deepEqual(again.list().map((s) => s.id), [b.id, a.id], 'newest first');
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temp files left');
});

test('a crash between write and rename leaves the previous version; the temp file is cleaned on load', async () => {
  const dir = tempDir();
  const c = sampleConversation('version one');
  // A version-1 file, as the extension wrote it before: the first save after the update rewrites it as
  // version 2 (temp file, fsync, rename), which is where the crash hits.
  fs.writeFileSync(path.join(dir, `conv-${c.id}.json`), JSON.stringify({ version: 1, conversation: c }));

  // The "crash": the temp file is written and synced, then the process dies before the rename
  // (rename and cleanup both fail, as nothing runs after a crash). It was process 999999 (gone now).
  const crashing: StoreFs = {
    ...nodeStoreFs,
    rename: async () => {
      throw new Error('simulated crash');
    },
    unlink: async () => {
      throw new Error('simulated crash');
    },
  };
  const doomed = await ConversationStore.open(dir, crashing, recordingLogger(), { pid: 999_999, processAlive: (pid) => pid === process.pid, watch: false });
  const loaded = doomed.get(c.id)!;
  doomed.update(c.id, { op: 'message', message: { ...loaded.messages[0]!, content: 'version two' } });
  await doomed.flush();
  assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')).length, 1, 'the crash left a temp file');

  const log = recordingLogger();
  const after = await ConversationStore.open(dir, nodeStoreFs, log, { watch: false });
  assert.equal(after.get(c.id)!.messages[0]!.content, 'version one');
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'temp file removed on load');
  doomed.dispose();
  after.dispose();
});

test('a corrupt file is moved aside with a warning; the rest loads; nothing throws', async () => {
  const dir = tempDir();
  const good = sampleConversation('good');
  const store = await ConversationStore.open(dir, nodeStoreFs, recordingLogger());
  store.add(good);
  await store.flush();
  fs.writeFileSync(path.join(dir, 'conv-broken-1.json'), '{"version":1,"conversation":{"id":"broken-1","tit');
  fs.writeFileSync(path.join(dir, 'conv-wrong-2.json'), JSON.stringify({ version: 1, conversation: { id: 'wrong-2', messages: 'no' } }));
  fs.writeFileSync(path.join(dir, 'conv-future-3.json'), JSON.stringify({ version: 99, conversation: {} }));
  fs.writeFileSync(path.join(dir, 'state.json'), 'not json');

  const log = recordingLogger();
  const loaded = await ConversationStore.open(dir, nodeStoreFs, log);
  assert.deepEqual(loaded.list().filter((s) => s.id === good.id).length, 1);
  assert.equal(loaded.get('broken-1'), undefined);
  const files = fs.readdirSync(dir);
  assert.ok(files.some((f) => /^conv-broken-1\.json\.corrupt-\d+$/.test(f)), files.join(','));
  assert.ok(files.some((f) => /^conv-wrong-2\.json\.corrupt-\d+$/.test(f)), files.join(','));
  assert.ok(files.some((f) => /^state\.json\.corrupt-\d+$/.test(f)), files.join(','));
  assert.ok(files.includes('conv-future-3.json'), 'a newer format is left alone');
  assert.equal(log.lines.filter((l) => l.startsWith('warn')).length, 4);
});

test('an unreadable folder gives an empty, working store', async () => {
  const failing: StoreFs = { ...nodeStoreFs, mkdir: async () => { throw new Error('EACCES'); } };
  const log = recordingLogger();
  const store = await ConversationStore.open('/nonexistent/infchat', failing, log);
  assert.equal(store.active().messages.length, 0);
  assert.ok(log.lines.some((l) => l.startsWith('error') && l.includes('EACCES')));
});

test('concurrent saves of one conversation end with the latest content and no stray files', async () => {
  const dir = tempDir();
  const store = await ConversationStore.open(dir, nodeStoreFs, recordingLogger());
  const c = sampleConversation('v0');
  store.add(c);
  const saves: Promise<void>[] = [];
  for (let i = 1; i <= 25; i++) {
    store.update(c.id, { op: 'message', message: { ...c.messages[1]!, content: `v${i}` } });
    saves.push(store.saveNow(c.id));
  }
  await Promise.all(saves);
  const onDisk = JSON.parse(fs.readFileSync(path.join(dir, `conv-${c.id}.json`), 'utf8')) as { conversation: Conversation };
  assert.equal(onDisk.conversation.messages[1]!.content, 'v25');
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});

test('changes while streaming are throttled into few writes', async () => {
  const dir = tempDir();
  let writes = 0;
  let wrote!: () => void;
  const firstWrite = new Promise<void>((r) => (wrote = r));
  const counting: StoreFs = {
    ...nodeStoreFs,
    writeFileDurable: async (p, d) => {
      writes++;
      await nodeStoreFs.writeFileDurable(p, d);
      wrote();
    },
  };
  const store = await ConversationStore.open(dir, counting, recordingLogger(), { throttleMs: 30 });
  const c = sampleConversation('stream');
  store.add(c);
  for (let i = 0; i < 200; i++) store.update(c.id, { op: 'append', id: 'a1', field: 'content', text: 'x' });
  await firstWrite;
  await store.flush();
  assert.equal(writes, 1, 'two hundred changes, one write');
  const onDisk = JSON.parse(fs.readFileSync(path.join(dir, `conv-${c.id}.json`), 'utf8')) as { conversation: Conversation };
  assert.equal(onDisk.conversation.messages[1]!.content.length, 're: stream'.length + 200);
});

test('dispose writes pending changes synchronously; a reply cut by a crash loads as interrupted', async () => {
  const dir = tempDir();
  const store = await ConversationStore.open(dir, nodeStoreFs, recordingLogger(), { throttleMs: 60_000 });
  const c = sampleConversation('mid-stream');
  c.messages[1]!.status = 'streaming';
  store.add(c);
  store.dispose();
  const onDisk = JSON.parse(fs.readFileSync(path.join(dir, `conv-${c.id}.json`), 'utf8')) as { conversation: Conversation };
  assert.equal(onDisk.conversation.messages[1]!.content, 're: mid-stream');

  const again = await ConversationStore.open(dir, nodeStoreFs, recordingLogger());
  const reply = again.get(c.id)!.messages[1]!;
  assert.equal(reply.status, 'error');
  assert.equal(reply.error?.kind, 'interrupted');
  assert.deepEqual(reply.error?.actions, ['retry']);
  assert.equal(reply.content, 're: mid-stream', 'text kept');
});

test('remove deletes the file and picks another active conversation', async () => {
  const dir = tempDir();
  const store = await ConversationStore.open(dir, nodeStoreFs, recordingLogger());
  const a = sampleConversation('a');
  const b = sampleConversation('b');
  store.add(a);
  store.add(b);
  store.setActive(b.id);
  await store.flush();
  await store.remove(b.id);
  assert.equal(fs.existsSync(path.join(dir, `conv-${b.id}.json`)), false);
  assert.equal(store.active().id, a.id);
  const again = await ConversationStore.open(dir, nodeStoreFs, recordingLogger());
  assert.equal(again.get(b.id), undefined);
  assert.equal(again.active().id, a.id);
});
