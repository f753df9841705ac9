// Chat history benchmark: the time of one save while a reply streams (a few hundred characters appended
// since the last save), for conversations with 1 MB, 10 MB and 100 MB of history before the reply. The
// real store on the real disk (temp folder, fsync included). The last line is the ratio of the largest to
// the smallest: flat means about 1. For comparison it also times one whole-file durable write of each
// size (serialise, write, fsync, rename), which is what every save cost before the journal: version 1 of the
// store rewrote the whole file on every save.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Conversation, type StoredMessage, createConversation } from '../../src/history/conversation';
import { ConversationStore } from '../../src/history/conversationStore';
import { nodeStoreFs } from '../../src/history/storeFs';

const SIZES_MB = (process.env.BENCH_STORE_MB ?? '1,10,100').split(',').map(Number);
const FLUSHES = Number(process.env.BENCH_STORE_FLUSHES ?? 40);
const CHUNK = 'The quick brown fox jumps over the lazy dog. '.repeat(10); // ~450 characters per save
const quiet = { debug() {}, info() {}, warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function conversationOf(megabytes: number): Conversation {
  const c = createConversation(1_700_000_000_000);
  const text = 'lorem ipsum dolor sit amet, '.repeat(360); // ~10 kB per message
  const target = megabytes * 1024 * 1024;
  for (let i = 0, size = 0; size < target; i++, size += text.length) {
    const message: StoredMessage = { id: `m${i}`, role: i % 2 ? 'assistant' : 'user', content: text, status: 'done', createdAt: 1_700_000_000_000 + i };
    c.messages.push(message);
  }
  return c;
}

interface Result {
  megabytes: number;
  fileBytes: number;
  msPerFlush: number;
  rewriteMs: number;
}

async function measure(megabytes: number): Promise<Result> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infchat-bench-store-'));
  try {
    const c = conversationOf(megabytes);
    const setup = await ConversationStore.open(dir, nodeStoreFs, quiet, { watch: false });
    setup.add(c);
    await setup.flush();
    setup.dispose();
    const file = path.join(dir, `conv-${c.id}.json`);
    const fileBytes = fs.statSync(file).size;

    const store = await ConversationStore.open(dir, nodeStoreFs, quiet, { watch: false });
    store.update(c.id, { op: 'message', message: { id: 'reply', role: 'assistant', content: '', status: 'streaming', createdAt: Date.now() } });
    store.beginStream(c.id, 'reply');
    await store.saveNow(c.id);
    const times: number[] = [];
    for (let i = 0; i < FLUSHES; i++) {
      store.update(c.id, { op: 'append', id: 'reply', field: 'content', text: CHUNK });
      const t0 = process.hrtime.bigint();
      await store.saveNow(c.id);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    store.dispose();

    // What one save cost before: the whole conversation serialised, written to a temp file, fsynced, renamed.
    const t0 = process.hrtime.bigint();
    const temp = path.join(dir, 'rewrite.json.tmp');
    await nodeStoreFs.writeFileDurable(temp, JSON.stringify({ version: 1, conversation: c }));
    await nodeStoreFs.rename(temp, path.join(dir, 'rewrite.json'));
    const rewriteMs = Number(process.hrtime.bigint() - t0) / 1e6;
    return { megabytes, fileBytes, msPerFlush: median(times), rewriteMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runStoreFlushBench(): Promise<number> {
  console.log(`\nchat history: one save while a reply streams (${CHUNK.length} characters appended), median of ${FLUSHES} saves`);
  console.log(`${'history'.padEnd(10)}${'file'.padEnd(12)}${'ms / save'.padEnd(12)}whole-file rewrite (before)`);
  const results: Result[] = [];
  for (const megabytes of SIZES_MB) {
    const r = await measure(megabytes);
    results.push(r);
    console.log(`${`${megabytes} MB`.padEnd(10)}${`${(r.fileBytes / 1e6).toFixed(1)} MB`.padEnd(12)}${r.msPerFlush.toFixed(2).padEnd(12)}${r.rewriteMs.toFixed(0)} ms`);
  }
  const ratio = results.at(-1)!.msPerFlush / results[0]!.msPerFlush;
  console.log(`store flush time ${SIZES_MB.at(-1)} MB / ${SIZES_MB[0]} MB: ${ratio.toFixed(2)}× (flat ≈ 1)`);
  return ratio;
}
