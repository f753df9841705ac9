// Two VS Code windows on one chat history: two stores ("window A" and "window B", each with its own
// process id) on one folder, interleaved in every order of the bugs that version 1 of the store had, plus
// crashes, full disks, folders without permission and the cost of a save while a reply streams.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Conversation, type StoredMessage, createConversation } from '../../../src/history/conversation';
import { ConversationStore, type StoreEvent, type StoreOptions } from '../../../src/history/conversationStore';
import { CURRENT_VERSION } from '../../../src/history/storage/migrate';
import { type StoreFs, nodeStoreFs } from '../../../src/history/storeFs';
import { type RecordingLogger, recordingLogger } from '../../helpers/logger';

const A = 1001;
const B = 1002;
const C = 1003;
/** Windows whose process is alive; any other pid is a window that crashed. */
const ALIVE = new Set([process.pid, A, B, C]);
const tempDirs: string[] = [];
const stores: ConversationStore[] = [];
after(() => {
  for (const store of stores) store.dispose();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infchat-windows-'));
  tempDirs.push(dir);
  return dir;
}

async function window(dir: string, pid: number, opts: StoreOptions & { fs?: StoreFs; log?: RecordingLogger } = {}): Promise<ConversationStore> {
  const store = await ConversationStore.open(dir, opts.fs ?? nodeStoreFs, opts.log ?? recordingLogger(), {
    pid,
    processAlive: (p) => ALIVE.has(p),
    watch: false,
    heartbeatMs: 3_600_000,
    ...opts,
  });
  stores.push(store);
  return store;
}

function message(id: string, role: 'user' | 'assistant', content: string, extra: Partial<StoredMessage> = {}): StoredMessage {
  return { id, role, content, status: 'done', createdAt: 1000, ...extra };
}

/** A folder with one saved conversation (two messages), as a third window left it. */
async function seeded(): Promise<{ dir: string; id: string }> {
  const dir = tempDir();
  const c = createConversation(1000);
  c.messages.push(message('u1', 'user', 'q1'), message('a1', 'assistant', 'a1'));
  const first = await window(dir, C);
  first.add(c);
  await first.flush();
  first.dispose();
  return { dir, id: c.id };
}

/** What a window opening the folder now sees. */
async function reopened(dir: string): Promise<ConversationStore> {
  return window(dir, C);
}

function events(store: ConversationStore): StoreEvent[] {
  const seen: StoreEvent[] = [];
  store.onDidChange((e) => seen.push(e));
  return seen;
}

const ORDERS = ['A first', 'B first', 'at the same time'] as const;

async function inOrder(order: (typeof ORDERS)[number], a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<void> {
  if (order === 'A first') {
    await a();
    await b();
  } else if (order === 'B first') {
    await b();
    await a();
  } else await Promise.all([a(), b()]);
}

for (const order of ORDERS) {
  test(`A adds a turn while B (showing the same conversation) saves a draft — ${order}: both are kept, and each window sees the other's`, async () => {
    const { dir, id } = await seeded();
    const a = await window(dir, A);
    const b = await window(dir, B);
    a.update(id, [{ op: 'message', message: message('u2', 'user', 'q2') }, { op: 'message', message: message('a2', 'assistant', 'a2') }]);
    b.update(id, { op: 'draft', text: 'typing in B' });
    await inOrder(order, () => a.flush(), () => b.flush());

    const fresh = await reopened(dir);
    assert.deepEqual(fresh.get(id)!.messages.map((m) => m.id), ['u1', 'a1', 'u2', 'a2'], "A's turn is on disk");
    assert.equal(fresh.get(id)!.draft, 'typing in B', "B's draft is on disk");
    await b.refresh();
    await a.refresh();
    assert.deepEqual(b.get(id)!.messages.map((m) => m.id), ['u1', 'a1', 'u2', 'a2'], "B sees A's turn");
    assert.equal(a.get(id)!.draft, 'typing in B', "A sees B's draft");
  });

  test(`A deletes a conversation while B has a change to it — ${order}: it stays deleted`, async () => {
    const { dir, id } = await seeded();
    const a = await window(dir, A);
    const b = await window(dir, B);
    const seenByB = events(b);
    b.update(id, [{ op: 'draft', text: 'B was typing' }, { op: 'message', message: message('u2', 'user', 'from B') }]);
    await inOrder(order, () => a.remove(id), () => b.flush());
    await b.flush();
    await b.refresh();

    assert.equal((await reopened(dir)).get(id), undefined, 'not resurrected');
    assert.equal(b.get(id), undefined, 'B forgot it too');
    assert.ok(seenByB.some((e) => e.type === 'removed' && e.id === id), 'and said so');
    assert.equal(b.update(id, { op: 'draft', text: 'later' }), false);
    await b.flush();
    assert.equal((await reopened(dir)).get(id), undefined, 'a later flush of B does not bring it back either');
    const files = fs.readdirSync(dir);
    assert.ok(files.includes(`conv-${id}.deleted`), `a tombstone: ${files.join(', ')}`);
    assert.ok(!files.includes(`conv-${id}.json`) && !files.includes(`conv-${id}.jsonl`), files.join(', '));
  });
}

/** A StoreFs whose snapshot writes pause after the temp file is written, until `release()`. */
function pausingBeforeRename(): { fs: StoreFs; tempWritten: Promise<string>; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let written!: (file: string) => void;
  const tempWritten = new Promise<string>((resolve) => (written = resolve));
  const pausing: StoreFs = {
    ...nodeStoreFs,
    writeFileDurable: async (file, data) => {
      await nodeStoreFs.writeFileDurable(file, data);
      if (file.endsWith('.tmp') && path.basename(file).startsWith('conv-')) {
        written(file);
        await gate;
      }
    },
  };
  return { fs: pausing, tempWritten, release };
}

test("B starts while A is between writing its temp file and renaming it: A's temp file is left alone and A's save lands", async () => {
  const dir = tempDir();
  const log = recordingLogger();
  const gated = pausingBeforeRename();
  const a = await window(dir, A, { fs: gated.fs, log });
  const c = createConversation(1000);
  c.messages.push(message('u1', 'user', 'new in A'));
  a.add(c);
  const saving = a.flush();
  const temp = await gated.tempWritten;

  await window(dir, B); // B opens the folder (and tidies it) now
  assert.ok(fs.existsSync(temp), "B did not remove A's temp file");
  gated.release();
  await saving;

  assert.deepEqual(log.lines.filter((l) => l.startsWith('error')), [], 'no ENOENT or any other error in A');
  assert.equal((await reopened(dir)).get(c.id)?.messages[0]?.content, 'new in A');
});

test('B changes a conversation while A rewrites its snapshot (an upgrade from version 1): both changes land, nothing waits forever', async () => {
  const dir = tempDir();
  const c = createConversation(1000);
  c.messages.push(message('u1', 'user', 'q1'));
  fs.writeFileSync(path.join(dir, `conv-${c.id}.json`), JSON.stringify({ version: 1, conversation: c }));
  const gated = pausingBeforeRename();
  const a = await window(dir, A, { fs: gated.fs });
  const b = await window(dir, B);
  a.update(c.id, { op: 'message', message: message('a1', 'assistant', 'from A') });
  const saving = a.flush(); // holds the conversation's lock while it rewrites the snapshot
  const temp = await gated.tempWritten;
  b.update(c.id, { op: 'draft', text: 'from B' });
  const bSaving = b.flush(); // has to wait for the lock
  await window(dir, C);
  assert.ok(fs.existsSync(temp));
  gated.release();
  await Promise.all([saving, bSaving]);

  const fresh = await reopened(dir);
  assert.deepEqual(fresh.get(c.id)!.messages.map((m) => m.content), ['q1', 'from A']);
  assert.equal(fresh.get(c.id)!.draft, 'from B');
  assert.equal((JSON.parse(fs.readFileSync(path.join(dir, `conv-${c.id}.json`), 'utf8')) as { version: number }).version, CURRENT_VERSION, 'upgraded to the current version');
});

test('a crash while creating a conversation (temp written, no rename) loses only that unsaved conversation; the stale temp file goes on the next start', async () => {
  const { dir, id } = await seeded();
  const crashing: StoreFs = { ...nodeStoreFs, rename: async () => { throw new Error('simulated crash'); }, unlink: async () => { throw new Error('simulated crash'); } };
  const dead = 4242; // the crashed window's process: not alive any more
  const doomed = await window(dir, dead, { fs: crashing });
  doomed.add(createConversation(2000));
  await doomed.flush();
  assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')).length, 1);
  const fresh = await reopened(dir);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'the dead process left it: removed');
  assert.equal(fresh.get(id)!.messages.length, 2, 'the rest is untouched');
});

test("a live window's temp file is never removed, even an old-style one, until it is stale", async () => {
  const { dir, id } = await seeded();
  const live = path.join(dir, `conv-${id}.json.${process.pid}-7.tmp`);
  fs.writeFileSync(live, 'being written');
  await reopened(dir);
  assert.ok(fs.existsSync(live), 'a fresh temp file of any window stays');
  const old = new Date(Date.now() - 11 * 60_000);
  fs.utimesSync(live, old, old);
  await reopened(dir);
  assert.ok(!fs.existsSync(live), 'one older than 10 minutes is stale');
});

test('a writer that crashed in the middle of a journal line: the partial line is skipped and closed off, nothing else is lost', async () => {
  const { dir, id } = await seeded();
  const a = await window(dir, A);
  a.update(id, { op: 'draft', text: 'saved' });
  await a.flush();
  fs.appendFileSync(path.join(dir, `conv-${id}.jsonl`), '{"at":1,"change":{"op":"dra'); // the crash
  const b = await window(dir, B);
  b.update(id, { op: 'message', message: message('u2', 'user', 'after the crash') });
  await b.flush();
  const log = recordingLogger();
  const fresh = await window(dir, C, { log });
  assert.equal(fresh.get(id)!.draft, 'saved');
  assert.deepEqual(fresh.get(id)!.messages.map((m) => m.id), ['u1', 'a1', 'u2']);
  assert.ok(log.lines.some((l) => l.startsWith('warn') && /Skipped 1 damaged line/.test(l)), log.lines.join('\n'));
});

// ---------- a reply streaming in one window ----------

async function streamingInA(pid: number, opts: StoreOptions = {}): Promise<{ dir: string; id: string; a: ConversationStore }> {
  const { dir, id } = await seeded();
  const a = await window(dir, pid, opts);
  a.update(id, [{ op: 'message', message: message('u2', 'user', 'long one please') }, { op: 'message', message: message('r', 'assistant', '', { status: 'streaming' }) }]);
  a.beginStream(id, 'r');
  a.update(id, { op: 'append', id: 'r', field: 'content', text: 'Hello' });
  await a.flush();
  return { dir, id, a };
}

test('a reply streaming in A: B sees it streaming, read-only, growing — not interrupted — and sees its end', async () => {
  const { dir, id, a } = await streamingInA(A);
  const b = await window(dir, B);
  const seen = events(b);
  assert.equal(b.get(id)!.messages.at(-1)!.status, 'streaming');
  assert.equal(b.get(id)!.messages.at(-1)!.content, 'Hello');
  assert.equal(b.isStreamingElsewhere(id), true);

  a.update(id, { op: 'append', id: 'r', field: 'content', text: ', world' });
  await a.flush();
  await b.refresh();
  assert.equal(b.get(id)!.messages.at(-1)!.content, 'Hello, world');
  assert.equal(b.get(id)!.messages.at(-1)!.status, 'streaming', 'still streaming, not interrupted');
  const changed = seen.find((e) => e.type === 'changed');
  assert.ok(changed && changed.type === 'changed' && changed.wasStreamingElsewhere && changed.before.at(-1)!.content === 'Hello');

  a.update(id, { op: 'message', message: { ...a.get(id)!.messages.at(-1)!, status: 'done' } });
  await a.endStream(id);
  await b.refresh();
  assert.equal(b.get(id)!.messages.at(-1)!.status, 'done');
  assert.equal(b.isStreamingElsewhere(id), false);
  assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith('.lease')).length, 0, 'the lease is gone');
});

test("B re-reading at the moment A's reply ends (lease already gone, final state just written) does not call it interrupted", async () => {
  const { dir, id, a } = await streamingInA(A);
  let endedInBetween = false;
  const racing: StoreFs = {
    ...nodeStoreFs,
    readFile: async (file) => {
      if (file.endsWith('.r.lease') && !endedInBetween && bReady) {
        // B has read the journal (reply still streaming) and now looks at the lease: A finishes right then.
        endedInBetween = true;
        a.update(id, { op: 'message', message: { ...a.get(id)!.messages.at(-1)!, status: 'done' } });
        await a.endStream(id);
      }
      return nodeStoreFs.readFile(file);
    },
  };
  let bReady = false;
  const b = await window(dir, B, { fs: racing });
  bReady = true;
  const seen = events(b);
  a.update(id, { op: 'append', id: 'r', field: 'content', text: '!' });
  await a.flush();
  await b.refresh();
  assert.ok(endedInBetween, 'the race happened');
  assert.equal(b.get(id)!.messages.at(-1)!.status, 'done');
  const statuses = seen.flatMap((e) => (e.type === 'changed' ? [b.get(id)!.messages.at(-1)!.status] : []));
  assert.ok(!statuses.includes('error'), 'never shown as interrupted');
});

test('a window that crashed mid-reply (its process is gone): the reply loads as interrupted, text kept, retry offered', async () => {
  const crashed = 4343;
  const { dir, id } = await streamingInA(crashed); // no dispose, no endStream: the process died
  const b = await window(dir, B);
  const reply = b.get(id)!.messages.at(-1)!;
  assert.equal(reply.status, 'error');
  assert.equal(reply.error?.kind, 'interrupted');
  assert.deepEqual(reply.error?.actions, ['retry']);
  assert.equal(reply.content, 'Hello');
  assert.equal(b.isStreamingElsewhere(id), false);
});

test('a window on another host that stops renewing its lease: the reply counts as interrupted once the lease ran out', async () => {
  let clock = 1_700_000_000_000;
  const now = () => clock;
  const { dir, id } = await streamingInA(A, { hostname: 'another-host', now });
  const b = await window(dir, B, { now });
  assert.equal(b.isStreamingElsewhere(id), true, 'alive while its heartbeat is recent');
  clock += 19_000;
  await b.refresh();
  assert.equal(b.isStreamingElsewhere(id), true);
  clock += 2_000; // 21 s without a heartbeat
  await b.refresh();
  assert.equal(b.isStreamingElsewhere(id), false);
  assert.equal(b.get(id)!.messages.at(-1)!.error?.kind, 'interrupted');
});

test('B learns about changes through the folder watcher, without being asked to look', async () => {
  const { dir, id } = await seeded();
  const a = await window(dir, A);
  const b = await window(dir, B, { watch: true, refreshDelayMs: 20 });
  const seen = new Promise<StoreEvent>((resolve) => b.onDidChange(resolve));
  a.update(id, { op: 'set', title: 'Renamed in A', customTitle: true });
  await a.flush();
  const event = await seen;
  assert.equal(event.type, 'changed');
  assert.equal(b.get(id)!.title, 'Renamed in A');

  const added = new Promise<StoreEvent>((resolve) => b.onDidChange((e) => e.type === 'added' && resolve(e)));
  const fresh = createConversation(Date.now() + 60_000);
  fresh.messages.push(message('x', 'user', 'hello from A'));
  a.add(fresh);
  await a.flush();
  assert.deepEqual(await added, { type: 'added', id: fresh.id });
  assert.equal(b.list()[0]!.id, fresh.id, 'newest first in B');

  const removed = new Promise<StoreEvent>((resolve) => b.onDidChange((e) => e.type === 'removed' && resolve(e)));
  await a.remove(fresh.id);
  assert.equal((await removed).type, 'removed');
  assert.equal(b.get(fresh.id), undefined);
});

// ---------- full disks and folders without permission ----------

function failingFs(code: string): { fs: StoreFs; failing: { on: boolean } } {
  const failing = { on: true };
  const fail = (): never => {
    throw Object.assign(new Error(`${code}: simulated`), { code });
  };
  const broken: StoreFs = {
    ...nodeStoreFs,
    // Half of the data reaches the disk before the error, as a full disk does.
    appendDurable: async (file, data) => {
      if (!failing.on) return nodeStoreFs.appendDurable(file, data);
      await nodeStoreFs.appendDurable(file, data.slice(0, Math.floor(data.length / 2)));
      fail();
    },
    writeFileDurable: async (file, data) => {
      if (!failing.on) return nodeStoreFs.writeFileDurable(file, data);
      await nodeStoreFs.writeFileDurable(file, data.slice(0, Math.floor(data.length / 2)));
      fail();
    },
  };
  return { fs: broken, failing };
}

for (const code of ['ENOSPC', 'EACCES']) {
  test(`${code} on save: one visible error and a log line, everything kept in memory, no half-written file; saved once the disk is back`, async () => {
    const { dir, id } = await seeded();
    const { fs: broken, failing } = failingFs(code);
    const log = recordingLogger();
    const store = await window(dir, A, { fs: broken, log });
    const seen = events(store);
    const journal = path.join(dir, `conv-${id}.jsonl`);
    store.update(id, { op: 'draft', text: 'first' });
    failing.on = false;
    await store.flush();
    failing.on = true;
    const before = fs.readFileSync(journal);

    store.update(id, [{ op: 'message', message: message('u2', 'user', 'kept in memory') }, { op: 'draft', text: '' }]);
    const fresh = createConversation(5000);
    fresh.messages.push(message('n1', 'user', 'a new conversation'));
    store.add(fresh);
    await store.flush();
    await store.flush(); // a second failure: still one notice

    const failures = seen.filter((e) => e.type === 'saveFailed');
    assert.equal(failures.length, 1);
    assert.match(failures[0]!.type === 'saveFailed' ? failures[0]!.message : '', new RegExp(code));
    assert.ok(log.lines.some((l) => l.startsWith('error') && l.includes(code)), log.lines.join('\n'));
    assert.deepEqual(fs.readFileSync(journal), before, 'the journal is exactly as before (the partial append was cut back)');
    assert.ok(!fs.existsSync(path.join(dir, `conv-${fresh.id}.json`)), 'no half-written snapshot');
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temp file left');
    assert.equal(store.get(id)!.messages.at(-1)!.content, 'kept in memory');
    assert.equal((await reopened(dir)).get(id)!.messages.length, 2, 'nothing of it on disk yet');

    failing.on = false;
    const recovered = new Promise<void>((resolve) => store.onDidChange((e) => e.type === 'saveRecovered' && resolve()));
    await recovered; // the store retries by itself
    await store.flush();
    const after = await reopened(dir);
    assert.deepEqual(after.get(id)!.messages.map((m) => m.content), ['q1', 'a1', 'kept in memory'], 'saved once, not twice');
    assert.equal(after.get(id)!.draft, '');
    assert.equal(after.get(fresh.id)!.messages[0]!.content, 'a new conversation');
  });
}

test('a conversation file of a newer version is left exactly as it is, whatever the windows do', async () => {
  const { dir, id } = await seeded();
  const future = path.join(dir, 'conv-future-1.json');
  const text = JSON.stringify({ version: 99, conversation: { id: 'future-1', whatever: true } });
  fs.writeFileSync(future, text);
  const a = await window(dir, A);
  a.update(id, { op: 'draft', text: 'x' });
  await a.flush();
  await a.refresh();
  assert.equal(a.get('future-1'), undefined);
  assert.equal(fs.readFileSync(future, 'utf8'), text);
  assert.ok(!fs.existsSync(path.join(dir, 'conv-future-1.jsonl')));
});

test('durability: a snapshot is written to a temp file, fsynced, renamed, then the folder is fsynced; a deletion records its tombstone durably first', async () => {
  const dir = tempDir();
  const ops: string[] = [];
  const short = (p: string) => path.basename(p).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, 'ID').replace(/\.[a-z0-9]+-\d+-\d+\.tmp$/, '.TMP');
  const recording: StoreFs = {
    ...nodeStoreFs,
    writeFileDurable: async (p, d) => (ops.push(`write+fsync ${short(p)}`), nodeStoreFs.writeFileDurable(p, d)),
    appendDurable: async (p, d) => (ops.push(`append+fsync ${short(p)}`), nodeStoreFs.appendDurable(p, d)),
    rename: async (a, b) => (ops.push(`rename ${short(a)} → ${short(b)}`), nodeStoreFs.rename(a, b)),
    unlink: async (p) => (ops.push(`unlink ${short(p)}`), nodeStoreFs.unlink(p)),
    syncDir: async (d) => (ops.push(d === dir ? 'fsync folder' : `fsync ${d}`), nodeStoreFs.syncDir(d)),
  };
  const store = await window(dir, A, { fs: recording });
  const c = createConversation(1000);
  c.messages.push(message('u1', 'user', 'q'));
  store.add(c);
  await store.saveNow(c.id);
  const created = ops.splice(0).filter((o) => !o.includes('.lock'));
  assert.deepEqual(created, ['write+fsync conv-ID.json.TMP', 'rename conv-ID.json.TMP → conv-ID.json', 'fsync folder']);
  store.update(c.id, { op: 'draft', text: 'd' });
  await store.saveNow(c.id);
  assert.deepEqual(ops.splice(0).filter((o) => !o.includes('.lock')), ['append+fsync conv-ID.jsonl', 'fsync folder'], 'a new journal: its folder entry is made durable too');
  await store.remove(c.id);
  const removal = ops.splice(0).filter((o) => !o.includes('.lock') && !o.includes('state.json'));
  assert.deepEqual(removal.slice(0, 2), ['write+fsync conv-ID.deleted', 'fsync folder'], 'the tombstone is durable before anything is removed');
  assert.ok(removal.indexOf('unlink conv-ID.json') > 1 && removal.indexOf('unlink conv-ID.jsonl') > 1, removal.join('\n'));
});

// ---------- the cost of a save while a reply streams ----------

interface Counter {
  fs: StoreFs;
  written: number;
  read: number;
}

function counting(): Counter {
  const counter: Counter = { fs: nodeStoreFs, written: 0, read: 0 };
  const wrote = (data: string) => (counter.written += Buffer.byteLength(data));
  counter.fs = {
    ...nodeStoreFs,
    writeFileDurable: async (p, d) => (wrote(d), nodeStoreFs.writeFileDurable(p, d)),
    appendDurable: async (p, d) => (wrote(d), nodeStoreFs.appendDurable(p, d)),
    writeFile: async (p, d) => (wrote(d), nodeStoreFs.writeFile(p, d)),
    createExclusive: async (p, d) => {
      const created = await nodeStoreFs.createExclusive(p, d);
      if (created) wrote(d);
      return created;
    },
    readFile: async (p) => {
      const text = await nodeStoreFs.readFile(p);
      counter.read += Buffer.byteLength(text);
      return text;
    },
    readFrom: async (p, start) => {
      const bytes = await nodeStoreFs.readFrom(p, start);
      counter.read += bytes.length;
      return bytes;
    },
  };
  return counter;
}

/** Bytes written and read by each of 10 saves of a reply growing by 200 characters, after `history` bytes of conversation. */
async function costPerFlush(historyBytes: number): Promise<{ written: number[]; read: number[] }> {
  const dir = tempDir();
  const c: Conversation = createConversation(1000);
  const chunk = 'x'.repeat(10_000);
  for (let i = 0; c.messages.length * chunk.length < historyBytes || i < 2; i++) {
    c.messages.push(message(`m${i}`, i % 2 ? 'assistant' : 'user', chunk));
  }
  const setup = await window(dir, C);
  setup.add(c);
  await setup.flush();
  setup.dispose();

  const counter = counting();
  const store = await window(dir, A, { fs: counter.fs, now: () => 1_700_000_000_000 });
  store.update(c.id, { op: 'message', message: message('reply', 'assistant', '', { status: 'streaming' }) });
  store.beginStream(c.id, 'reply');
  await store.saveNow(c.id);
  const written: number[] = [];
  const read: number[] = [];
  for (let i = 0; i < 10; i++) {
    store.update(c.id, { op: 'append', id: 'reply', field: 'content', text: 'y'.repeat(200) });
    counter.written = counter.read = 0;
    await store.saveNow(c.id);
    written.push(counter.written);
    read.push(counter.read);
  }
  store.dispose();
  return { written, read };
}

test('a save while a reply streams costs the same for a 20 kB and a 20 MB conversation (bytes through StoreFs)', async () => {
  const small = await costPerFlush(20_000);
  const large = await costPerFlush(20_000_000);
  assert.deepEqual(large.written, small.written, 'bytes written per save do not grow with the conversation');
  assert.deepEqual(large.read, small.read, 'nor do bytes read');
  for (const bytes of small.written) assert.ok(bytes > 200 && bytes < 1_000, `a save writes about what was streamed: ${bytes} bytes for 200 characters`);
});
