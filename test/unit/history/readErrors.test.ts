// A conversation file that cannot be READ for a moment (EMFILE: too many open files; EBUSY/EPERM: a virus scanner
// holding it on Windows) is kept, skipped for now and read again with a bounded backoff — it appears once it can
// be read. Only a file whose CONTENT does not parse (twice: the second time under the conversation's lock) is
// moved aside as `.corrupt-…`.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createConversation } from '../../../src/history/conversation';
import { ConversationStore, type StoreEvent } from '../../../src/history/conversationStore';
import { type StoreFs, nodeStoreFs } from '../../../src/history/storeFs';
import { recordingLogger } from '../../helpers/logger';
import { waitFor } from '../../helpers/waitFor';

const tempDirs: string[] = [];
after(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const FAST_RETRY = { baseMs: 10, maxMs: 40, attempts: 4 };

/** A folder holding one saved conversation (snapshot and journal); returns the folder, the id and the file names. */
async function savedConversation(): Promise<{ dir: string; id: string; snapshot: string; journal: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infchat-readerr-'));
  tempDirs.push(dir);
  const c = createConversation(1000);
  c.title = 'healthy';
  c.messages.push({ id: 'u1', role: 'user', content: 'hello', status: 'done', createdAt: 1001 });
  const writer = await ConversationStore.open(dir, nodeStoreFs, recordingLogger(), { watch: false });
  writer.add(c);
  await writer.flush();
  writer.update(c.id, { op: 'message', message: { id: 'a1', role: 'assistant', content: 'hi there', status: 'done', createdAt: 1002 } });
  await writer.flush();
  writer.dispose();
  const snapshot = path.join(dir, `conv-${c.id}.json`);
  const journal = path.join(dir, `conv-${c.id}.jsonl`);
  assert.ok(fs.existsSync(journal), 'the reply went to the journal');
  return { dir, id: c.id, snapshot, journal };
}

function ioError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated, open '${code}'`), { code });
}

/** nodeStoreFs whose `op` on `file` fails with `code` `times` times (Infinity: while `failing.on`), then works. */
function flakyFs(op: 'readFile' | 'readFrom' | 'stat', file: string, code: string, times: number) {
  const state = { failures: 0, on: true };
  const fail = (p: string): void => {
    if (p === file && state.on && state.failures < times) {
      state.failures++;
      throw ioError(code);
    }
  };
  const flaky: StoreFs = {
    ...nodeStoreFs,
    readFile: async (p) => (op === 'readFile' && fail(p), nodeStoreFs.readFile(p)),
    readFrom: async (p, start) => (op === 'readFrom' && fail(p), nodeStoreFs.readFrom(p, start)),
    stat: async (p) => (op === 'stat' && fail(p), nodeStoreFs.stat(p)),
  };
  return { fs: flaky, state };
}

const asideFiles = (dir: string): string[] => fs.readdirSync(dir).filter((f) => f.includes('.corrupt-'));

for (const [code, op, which] of [
  ['EMFILE', 'readFile', 'snapshot'],
  ['EBUSY', 'readFrom', 'journal'],
  ['EPERM', 'stat', 'snapshot'],
] as const) {
  test(`${code} once while the ${which} is read (${op}): the file is kept, skipped for now, and the conversation appears once it can be read`, async () => {
    const saved = await savedConversation();
    const before = { snapshot: fs.readFileSync(saved.snapshot, 'utf8'), journal: fs.readFileSync(saved.journal, 'utf8') };
    const { fs: flaky, state } = flakyFs(op, which === 'snapshot' ? saved.snapshot : saved.journal, code, 1);
    const log = recordingLogger();
    const store = await ConversationStore.open(saved.dir, flaky, log, { watch: false, readRetry: FAST_RETRY });
    const events: StoreEvent[] = [];
    store.onDidChange((e) => events.push(e));
    try {
      assert.equal(state.failures, 1, 'the read failed once');
      assert.equal(store.get(saved.id), undefined, 'skipped for now');
      assert.ok(log.lines.some((l) => l.startsWith('warn') && l.includes(`Could not read conv-${saved.id}.json now (${code}`)), log.lines.join('\n'));
      await waitFor('the conversation to appear', () => store.get(saved.id), 10_000);
      assert.deepEqual(store.get(saved.id)?.messages.map((m) => m.content), ['hello', 'hi there']);
      assert.deepEqual(events, [{ type: 'added', id: saved.id }]);
      assert.deepEqual(asideFiles(saved.dir), [], 'nothing moved aside');
      assert.equal(fs.readFileSync(saved.snapshot, 'utf8'), before.snapshot);
      assert.equal(fs.readFileSync(saved.journal, 'utf8'), before.journal);
    } finally {
      store.dispose();
    }
  });
}

test('a file that stays unreadable: tried a bounded number of times, kept, then read when the folder changes', async () => {
  const saved = await savedConversation();
  const { fs: flaky, state } = flakyFs('readFile', saved.snapshot, 'EBUSY', Infinity);
  const log = recordingLogger();
  const store = await ConversationStore.open(saved.dir, flaky, log, { watch: false, readRetry: FAST_RETRY });
  try {
    await waitFor('the reader to give up', () => log.lines.some((l) => l.includes(`Still could not read conv-${saved.id}.json (EBUSY`)), 10_000);
    assert.equal(state.failures, 1 + FAST_RETRY.attempts, 'the first read and each retry, no more');
    assert.equal(store.get(saved.id), undefined);
    assert.deepEqual(asideFiles(saved.dir), []);
    assert.ok(fs.existsSync(saved.snapshot));
    state.on = false; // the scanner let go
    await store.refresh(); // what the folder watcher does on the next change
    assert.deepEqual(store.get(saved.id)?.messages.map((m) => m.content), ['hello', 'hi there']);
  } finally {
    store.dispose();
  }
});

test('a file whose content does not parse is still moved aside (also when its first read failed with EBUSY)', async () => {
  const saved = await savedConversation();
  fs.writeFileSync(saved.snapshot, '{"version":2,"conversation":{"id":"');
  const { fs: flaky, state } = flakyFs('readFile', saved.snapshot, 'EBUSY', 1);
  const log = recordingLogger();
  const store = await ConversationStore.open(saved.dir, flaky, log, { watch: false, readRetry: FAST_RETRY });
  try {
    await waitFor('the damaged file to be moved aside', () => asideFiles(saved.dir).length === 2, 10_000);
    assert.equal(state.failures, 1);
    const aside = asideFiles(saved.dir).sort();
    assert.match(aside[0]!, new RegExp(`^conv-${saved.id}\\.json\\.corrupt-\\d+$`));
    assert.match(aside[1]!, new RegExp(`^conv-${saved.id}\\.jsonl\\.corrupt-\\d+$`));
    assert.equal(store.get(saved.id), undefined);
    assert.ok(log.lines.some((l) => l.includes(`conv-${saved.id}.json is damaged and was moved aside`)), log.lines.join('\n'));
  } finally {
    store.dispose();
  }
});

test('a read that sees damaged content once (a torn read) is read again under the lock before anything is moved', async () => {
  const saved = await savedConversation();
  let torn = 0;
  const tearing: StoreFs = {
    ...nodeStoreFs,
    readFile: async (p) => {
      const text = await nodeStoreFs.readFile(p);
      return p === saved.snapshot && torn++ === 0 ? text.slice(0, text.length / 2) : text;
    },
  };
  const store = await ConversationStore.open(saved.dir, tearing, recordingLogger(), { watch: false, readRetry: FAST_RETRY });
  try {
    assert.equal(torn, 2, 'read twice');
    assert.deepEqual(asideFiles(saved.dir), []);
    assert.deepEqual(store.get(saved.id)?.messages.map((m) => m.content), ['hello', 'hi there']);
  } finally {
    store.dispose();
  }
});
