// Part 1 of the completion benchmark: the extension's own time per suggestion, debounce excluded. The real
// InlineProvider with debounceMs 0 gets each keystroke of the script typed into a ~300-line file:
//   (a) keystroke → request at the server: from the keystroke (VS Code's change event, which the snippet ring
//       listens to, then provideInlineCompletionItems) to the moment the server has the whole request body;
//   (b) last byte → suggestion: from the moment the server handed the reply's last byte to its socket to the
//       provider returning the InlineCompletionItem (stream parsing, cleanSuggestion, cache write).
// The server is a child process with a fixed service time; both ends read CLOCK_MONOTONIC (process.hrtime), one clock
// for both processes. The server's reports are collected after the measurements, so no IPC lands inside one.
// Keystrokes answered from the cache (typing through) send nothing; they are timed apart.
import type * as Harness from './completionHarness';
import { CancellationTokenSource, BenchDocument, onDidChangeTextDocument } from '../helpers/completionVscode';
import { nowUs } from './completionServerCore';
import type { ServerHandle } from './completionServerHandle';
import { p50p99, percentile, within } from './completionStats';
import { DOCUMENT_FILE, SCRIPT, scriptKeys, type BenchText } from './typingScript';

const SAMPLES = Math.max(20, Number(process.env.BENCH_COMPLETION_SAMPLES ?? 300) || 300);
const WARMUP = 30;
const SERVICE_MS = 5;
/** A multi-line fill of ~25 tokens, sent in one write after the service time. */
const FILL = 'const total = values.reduce((sum, value) => sum + value, 0);\n    return total / values.length;';
export const OVERHEAD_TARGET_MS = 5;

interface Sample {
  startUs: number;
  fetchUs?: number;
  seq?: number;
  endUs: number;
  /** CPU time of this process (all its threads) from the keystroke to the suggestion. */
  cpuMs: number;
  shown: boolean;
}

export async function runOverheadBench(harness: typeof Harness, server: ServerHandle, text: BenchText): Promise<{ p50: number }> {
  await server.configure({ serviceMs: SERVICE_MS, tokenMs: 0, fill: FILL, honourStop: true });
  let fetched: { seq: number; atUs: number } | undefined;
  const strategy = harness.ours(server.baseUrl, 0, (seq) => {
    fetched = { seq, atUs: nowUs() };
  });
  const samples: Sample[] = [];
  let keys: string[] = [];
  let document = new BenchDocument(DOCUMENT_FILE, '', 0);
  let requests = 0;
  for (let i = 0, pass = 0; requests < SAMPLES + WARMUP; i++) {
    if (i === keys.length) {
      // Each pass types another method name: the same text again would be answered from the cache.
      keys = scriptKeys(SCRIPT.replace('median', `median${++pass}`));
      document = new BenchDocument(DOCUMENT_FILE, text.before + text.after, text.before.length);
      i = 0;
    }
    const change = document.type(keys[i]!); // the editor's own work, before the keystroke reaches us
    fetched = undefined;
    const tokens = new CancellationTokenSource();
    const cpu = process.cpuUsage();
    const startUs = nowUs();
    onDidChangeTextDocument.fire(change);
    const suggestion = await within(strategy.suggest(document, tokens.token), 10_000, 'a suggestion');
    const endUs = nowUs();
    const used = process.cpuUsage(cpu);
    const got = fetched as { seq: number; atUs: number } | undefined;
    samples.push({ startUs, endUs, cpuMs: (used.user + used.system) / 1000, shown: suggestion !== undefined, ...(got ? { seq: got.seq, fetchUs: got.atUs } : {}) });
    if (got) requests++;
  }
  strategy.dispose();
  if (strategy.errors() > 0) throw new Error(`completion bench: ${strategy.errors()} suggestions failed`);

  const reports = new Map((await server.collectAll(samples.flatMap((s) => (s.seq === undefined ? [] : [s.seq])))).map((r) => [r.seq, r]));
  const measured = samples.filter((s) => s.seq !== undefined).slice(WARMUP);
  const toWire: number[] = [];
  const toFetch: number[] = [];
  const fromLastByte: number[] = [];
  const total: number[] = [];
  const cpuMs: number[] = [];
  let newConnections = 0;
  let empty = 0;
  for (const s of measured) {
    const r = reports.get(s.seq!);
    if (!r?.lastByteUs || r.outcome !== 'complete') throw new Error(`completion bench: request ${String(s.seq)} did not complete`);
    if (!s.shown) empty++;
    if (r.firstOnSocket) newConnections++;
    cpuMs.push(s.cpuMs);
    toWire.push((r.arrivedUs - s.startUs) / 1000);
    toFetch.push((s.fetchUs! - s.startUs) / 1000);
    fromLastByte.push((s.endUs - r.lastByteUs) / 1000);
    total.push((r.arrivedUs - s.startUs + s.endUs - r.lastByteUs) / 1000);
  }
  const cached = samples.filter((s) => s.seq === undefined).map((s) => (s.endUs - s.startUs) / 1000);

  console.log(
    `1. own overhead per suggestion, debounce excluded: the real InlineProvider (debounceMs 0), ${measured.length} keystrokes ` +
      `(after ${WARMUP} warm-up) typed into ${DOCUMENT_FILE} (${text.lines} lines); server: child process, ${SERVICE_MS} ms service time, ` +
      `a ${FILL.length}-character two-line fill in one write; ${newConnections} new connections, ${empty} suggestions cleaned to nothing`,
  );
  console.log(`   ${p50p99('(a) keystroke → whole request at the server', toWire)}`);
  console.log(`   ${p50p99('    of which keystroke → fetch() called', toFetch)}`);
  console.log(`   ${p50p99('(b) last reply byte sent → suggestion returned', fromLastByte)}`);
  const p50 = percentile(total, 0.5);
  console.log(`   ${p50p99('(a) + (b)', total)}   target ≤ ${OVERHEAD_TARGET_MS} ms p50: ${p50 <= OVERHEAD_TARGET_MS ? 'met' : 'NOT met'}`);
  console.log(`   ${p50p99('CPU time of this process, keystroke → suggestion', cpuMs)}   (wall-clock times above include waiting for a busy CPU)`);
  if (cached.length) console.log(`   ${p50p99(`keystroke answered from the cache (${cached.length}×)`, cached)}`);
  return { p50 };
}
