// Part 2 of the completion benchmark: one scripted typing session replayed in real time against three strategies
// at once, each in its own editor (a BenchDocument) with its own client, all on the same server: every keystroke
// reaches the three editors in the same tick, so they see the same timing. The server streams each reply after a
// fixed service time at a fixed token rate and counts the tokens it wrote before the reply ended or the client left.
// Its fill is the "oracle": what the script types next (the rest of the line and the next line), the best case for
// typing through a suggestion; a real model is right less often.
import type * as Harness from './completionHarness';
import { BenchDocument, CancellationTokenSource, onDidChangeTextDocument } from '../helpers/completionVscode';
import type { RequestReport } from './completionServerCore';
import type { ServerHandle } from './completionServerHandle';
import { median, ms, sum, within } from './completionStats';
import { DOCUMENT_FILE, typingSession, type BenchText, type Keystroke } from './typingScript';

const SEED = Number(process.env.BENCH_TYPING_SEED ?? 18) || 18;
const SERVICE_MS = 150;
const TOKEN_MS = 10;
export const OURS_DEBOUNCE_MS = 250;
const FIXED_DEBOUNCE_MS = 350;

class SessionEditor {
  readonly document: BenchDocument;
  strategy!: Harness.Strategy;
  private latest = -1;
  private tokens: CancellationTokenSource | undefined;
  /** Request sequence number → the keystroke it was sent for. */
  readonly requests = new Map<number, number>();
  /** Keystroke → ms from the keystroke until its suggestion was shown. */
  readonly shown = new Map<number, number>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    readonly name: string,
    text: BenchText,
  ) {
    this.document = new BenchDocument(DOCUMENT_FILE, text.before + text.after, text.before.length);
  }

  readonly onFetch = (seq: number): void => void this.requests.set(seq, this.latest);

  key(index: number, key: Keystroke): void {
    const change = this.document.type(key.text);
    this.tokens?.cancel(); // VS Code cancels the provider call of the previous keystroke
    const tokens = (this.tokens = new CancellationTokenSource());
    this.latest = index;
    const at = performance.now();
    onDidChangeTextDocument.fire(change);
    const done = this.strategy.suggest(this.document, tokens.token).then((text) => {
      if (text !== undefined && this.latest === index) this.shown.set(index, performance.now() - at);
    });
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
  }

  async settle(): Promise<void> {
    this.tokens?.cancel();
    await Promise.all(this.pending);
  }
}

export interface SessionResult {
  name: string;
  requests: number;
  generated: number;
  wasted: number;
  shown: number;
  fromCache: number;
  aborted: number;
  /** Aborted before the server wrote a token (during its service time). */
  abortedEarly: number;
  /** Per pause: ms from its start to the first suggestion shown, Infinity when none was. */
  pauseFirst: number[];
}

function resultOf(editor: SessionEditor, reports: RequestReport[], keys: Keystroke[]): SessionResult {
  const shownKeys = new Set(editor.shown.keys());
  const requested = new Set(editor.requests.values());
  const mine = reports.filter((r) => r.strategy === editor.name);
  if (mine.length !== editor.requests.size) throw new Error(`completion bench: ${editor.name} sent ${editor.requests.size} requests, the server saw ${mine.length}`);
  const wasted = mine.filter((r) => r.outcome === 'aborted' || !shownKeys.has(editor.requests.get(r.seq) ?? -1));
  const pauses = keys.flatMap((k, i) => (k.pauseAfter && i < keys.length - 1 ? [i] : []));
  return {
    name: editor.name,
    requests: editor.requests.size,
    generated: sum(mine.map((r) => r.tokens)),
    wasted: sum(wasted.map((r) => r.tokens)),
    shown: shownKeys.size,
    fromCache: [...shownKeys].filter((k) => !requested.has(k)).length,
    aborted: mine.filter((r) => r.outcome === 'aborted').length,
    abortedEarly: mine.filter((r) => r.outcome === 'aborted' && r.tokens === 0).length,
    pauseFirst: pauses.map((i) => editor.shown.get(i) ?? Infinity),
  };
}

export async function runTypingSessionBench(harness: typeof Harness, server: ServerHandle, text: BenchText): Promise<SessionResult[]> {
  await server.configure({ serviceMs: SERVICE_MS, tokenMs: TOKEN_MS, fill: 'oracle', finalText: text.finalText, honourStop: true });
  await server.collect(); // start from no reports
  const keys = typingSession(SEED);
  const editors = [new SessionEditor('ours', text), new SessionEditor('per-keystroke', text), new SessionEditor(`fixed ${FIXED_DEBOUNCE_MS} ms`, text)];
  editors[0]!.strategy = harness.ours(server.baseUrl, OURS_DEBOUNCE_MS, editors[0]!.onFetch);
  editors[1]!.strategy = harness.baseline(editors[1]!.name, server.baseUrl, 0, editors[1]!.onFetch);
  editors[2]!.strategy = harness.baseline(editors[2]!.name, server.baseUrl, FIXED_DEBOUNCE_MS, editors[2]!.onFetch);

  const durationMs = keys.at(-1)!.atMs;
  const pauses = keys.filter((k, i) => k.pauseAfter && i < keys.length - 1).length;
  console.log(
    `2. typing session: ${keys.length} keystrokes (${keys.map((k) => k.text).join('').length} characters of code) in ${(durationMs / 1000).toFixed(1)} s, ` +
      `keys 60–180 ms apart, ${pauses} pauses of 500–1500 ms (line ends, some identifiers), seed ${SEED}; replayed in real time to the three ` +
      `strategies at once; server: ${SERVICE_MS} ms + ${TOKEN_MS} ms per token, fill = what the script types next (rest of the line and the next line)`,
  );
  const start = performance.now();
  for (const [i, key] of keys.entries()) {
    const wait = start + key.atMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    for (const editor of editors) editor.key(i, key);
  }
  // The last pause: long enough for the slowest strategy's answer (debounce, service time, a full reply).
  await new Promise((resolve) => setTimeout(resolve, FIXED_DEBOUNCE_MS + SERVICE_MS + 128 * TOKEN_MS + 500));
  for (const editor of editors) await within(editor.settle(), 10_000, `${editor.name}'s last suggestions`);
  for (const editor of editors) {
    editor.strategy.dispose();
    if (editor.strategy.errors() > 0) throw new Error(`completion bench: ${editor.strategy.errors()} suggestions of ${editor.name} failed`);
  }
  const reports = await server.collectAll(editors.flatMap((e) => [...e.requests.keys()]));
  const results = editors.map((e) => resultOf(e, reports, keys));

  const w = Math.max(...results.map((r) => r.name.length));
  for (const r of results) {
    const covered = r.pauseFirst.filter(Number.isFinite).length;
    console.log(
      `   ${r.name.padEnd(w)}  requests ${String(r.requests).padStart(3)} (aborted ${r.aborted}, ${r.abortedEarly} before a token) · ` +
        `tokens generated ${r.generated}, for nothing ${r.wasted} · shown ${r.shown} (${r.fromCache} from the cache) · ` +
        `first after a pause: median ${ms(median(r.pauseFirst))} (${covered} of ${r.pauseFirst.length} pauses had one)`,
    );
  }
  return results;
}
