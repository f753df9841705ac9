// First token on screen: for every chunk of a long reply, the time from the server's write to its text in the
// webview's DOM. The path is the real one but for VS Code itself: the loopback fixture server's `stamped` stream
// (each chunk's write time in epoch ms, its index as a marker ⟦i⟧ in the text) → the real API client → ChatController
// / ReplyStream / DeltaCoalescer → each host post delivered into the real webview bundle (dist/webview.js) in
// headless Chromium as a `message` event → the marker seen in the DOM (a MutationObserver, on the same epoch clock).
// Run idle, then with a second process spinning on a core. Printed per chunk: write → DOM, and its two legs
// (write → host post, host post → DOM), as p50/p90/p99/max.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import { createClient } from '../../../src/api';
import { ChatController } from '../../../src/chat/chatController';
import { ConversationStore } from '../../../src/history/conversationStore';
import { nodeStoreFs } from '../../../src/history/storeFs';
import type { HostToWebview } from '../../../src/protocol';
import { startFixtureServer } from '../../fixtures/server';
import type { StampReport } from '../../fixtures/stampedScenario';
import { chatTarget } from '../../helpers/chatTarget';
import { longReply } from './reply';
import { openTokenPage, type TokenPage } from './tokenPage';

const TOKENS = Number(process.env.BENCH_TOKEN_REPLY_TOKENS ?? 1600);
const GAP_MS = Number(process.env.BENCH_TOKEN_GAP_MS ?? 8);
const PAUSE_EVERY = 100;
const PAUSE_MS = 150;

const quiet = { debug() {}, info() {}, warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };
const noHost = { copyText: async () => undefined, insertCode: async () => undefined, openInEditor: async () => undefined, applyCode: async () => undefined, openExternal: async () => undefined, runCommand: async () => undefined, showMarkdown: async () => undefined, showReadOnly: async () => undefined };
const epochNow = (): number => performance.timeOrigin + performance.now();

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  n: number;
}

export function percentiles(values: readonly number[]): Percentiles {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: s[s.length - 1] ?? NaN, n: s.length };
}

const fmt = (p: Percentiles): string => `p50 ${p.p50.toFixed(1)}, p90 ${p.p90.toFixed(1)}, p99 ${p.p99.toFixed(1)}, max ${p.max.toFixed(1)} ms`;

interface RunResult {
  total: Percentiles;
  toHost: Percentiles;
  toDom: Percentiles;
  chunks: number;
  missing: number;
}

/** Chunk indices whose marker completes in `text` (a marker may straddle two posts: `carry` holds the open part). */
function markersIn(text: string, carry: { text: string }): number[] {
  const all = carry.text + text;
  const found = [...all.matchAll(/⟦(\d+)⟧/g)].map((m) => Number(m[1]));
  const open = all.lastIndexOf('⟦');
  carry.text = open > all.lastIndexOf('⟧') ? all.slice(open) : '';
  return found;
}

export async function runFirstTokenBench(browser: Browser, dist: string): Promise<{ idle: RunResult; busy: RunResult }> {
  const server = await startFixtureServer({ apiKey: 'bench-key' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infchat-bench-token-'));
  const report: StampReport = { written: [] };
  let page: TokenPage | undefined;
  let controller: ChatController | undefined;
  try {
    server.setScenario('stamped', { report, gapMs: GAP_MS, pauseEvery: PAUSE_EVERY, pauseMs: PAUSE_MS });
    const client = createClient({ baseUrl: server.url, apiKey: 'bench-key', retry: { maxRetries: 0 } });
    const target = chatTarget({ model: 'bench/model', client }, { override: { contextWindow: 1_000_000 } });
    const store = await ConversationStore.open(dir, nodeStoreFs, quiet, { watch: false });
    // Per run: each chunk's host post time, and a waiter for the end of the reply.
    let posted = new Map<number, number>();
    const carry = { text: '' };
    let ended: (() => void) | undefined;
    const trail: string[] = [];
    const post = (m: HostToWebview): void => {
      if (m.type !== 'delta') trail.push(m.type); // what the host said, for a reply that never ends
      const at = epochNow();
      if (m.type === 'delta' && m.text) for (const i of markersIn(m.text, carry)) if (!posted.has(i)) posted.set(i, at);
      page?.post(m);
      if (m.type === 'busy' && !m.busy) ended?.();
    };
    controller = new ChatController({
      store,
      targets: { resolve: async () => target, describe: async () => ({ providerName: 'Bench', model: target.model, hasKey: true }) },
      host: noHost,
      post,
      log: quiet,
    });
    const host = controller;
    page = await openTokenPage(browser, dist, (m) => void host.handle(m).catch((err: unknown) => console.error(`host: ${String(err)}`)));

    const run = async (tokens: number): Promise<RunResult> => {
      await host.handle({ type: 'newChat' });
      await page!.resetLanded();
      posted = new Map();
      carry.text = '';
      server.setReply(longReply(tokens));
      const done = new Promise<void>((resolve) => (ended = resolve));
      await page!.settle(); // the new chat's state is in the page (it would clear a draft typed before it)
      await page!.page.fill('[data-testid="chat-input"]', 'Write the plan.');
      await page!.page.press('[data-testid="chat-input"]', 'Enter'); // the webview posts `send`, as when the user types
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`the reply did not end within 120 s: ${trail.join(' ')}`)), 120_000)));
      await Promise.race([done, late]).finally(() => clearTimeout(timer));
      // `busy: false` is posted before the reply's last steps (its final message, the save): wait for them too.
      for (const deadline = Date.now() + 10_000; host.busy && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 5));
      const count = report.chunks ?? 0;
      const landed = await page!.landed(count, 10_000);
      const written = report.written;
      const idx = Array.from({ length: count }, (_, i) => i);
      return {
        total: percentiles(idx.map((i) => landed[i]! - written[i]!)),
        toHost: percentiles(idx.map((i) => (posted.get(i) ?? NaN) - written[i]!)),
        toDom: percentiles(idx.map((i) => landed[i]! - (posted.get(i) ?? NaN))),
        chunks: count,
        missing: landed.filter((t) => !Number.isFinite(t)).length,
      };
    };

    await run(150); // warm-up: JIT, the connection, the highlighter's chunk
    const skew = await page.clockSkew();
    const idle = await run(TOKENS);
    const burner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    let busy: RunResult;
    try {
      busy = await run(TOKENS);
    } finally {
      burner.kill();
    }
    const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
    console.log(`\nfirst token on screen: ${idle.chunks} chunks ≈ ${GAP_MS} ms apart (a ${PAUSE_MS} ms pause every ${PAUSE_EVERY}); fixture server → real client → ChatController → dist/webview.js in headless Chromium (message events)`);
    console.log(`  clocks: page − host ${skew.skewMs >= 0 ? '+' : ''}${skew.skewMs.toFixed(2)} ms (±${(skew.rttMs / 2).toFixed(2)}); load average ${load} on ${os.cpus().length} cores`);
    for (const [name, r] of [['idle', idle], ['busy (a second process spinning)', busy]] as const) {
      console.log(`  ${name}: server write → DOM ${fmt(r.total)}${r.missing ? ` (${r.missing} chunks never seen)` : ''}`);
      console.log(`    server write → host post ${fmt(r.toHost)}; host post → DOM ${fmt(r.toDom)}`);
    }
    console.log(`first token on screen, p50/p99: idle ${idle.total.p50.toFixed(1)}/${idle.total.p99.toFixed(1)} ms, busy ${busy.total.p50.toFixed(1)}/${busy.total.p99.toFixed(1)} ms (target ≤ 17/34)`);
    return { idle, busy };
  } finally {
    controller?.dispose();
    await page?.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
