// Render benchmark: streams a ≈20k-token markdown reply into the REAL webview bundle (dist/webview.js) in
// headless Chromium, and the same reply through the naive approach (full markdown-it re-parse + DOMPurify +
// innerHTML per token), in the same run. Prints main-thread time, long tasks, and as the last line the speedup.
// Also saves screenshots of the UI (dark, light, 250 px) to test-results/.
//   npm run bench:render        (needs `node esbuild.mjs` to have built dist/ — it is built here if missing)
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { naivePage, ORIGIN, themeCss, webviewPage } from './render/page';
import { runFirstTokenBench } from './render/firstToken';
import { longReply, toDeltas } from './render/reply';
import { screenshotState } from './render/screenshotState';
import { runLongChatBench } from './render/longChat';
import { startTaskTrace } from './render/taskTrace';

const ROOT = process.cwd();
const DIST = path.join(ROOT, 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DELTAS_PER_FRAME = 20;
/**
 * The naive approach is quadratic: running all of it would take many minutes. It runs every Nth frame in full
 * (all its tokens, each a full re-render, then the browser's frame) and skips the others; its total is the
 * measured cost × N, an estimate of a full run (cost per frame changes smoothly with the text length).
 */
const NAIVE_SAMPLE_EVERY = Number(process.env.NAIVE_SAMPLE_EVERY ?? 24);

interface Metrics {
  task: number;
  script: number;
  layout: number;
  style: number;
}

async function ensureWebviewBuilt(): Promise<void> {
  if (fs.existsSync(path.join(DIST, 'webview.js')) && fs.existsSync(path.join(DIST, 'webview.css'))) return;
  console.log('dist/webview.js missing: building the webview bundle');
  await esbuild.build({
    entryPoints: { webview: 'src/webview/main.ts' }, bundle: true, outdir: 'dist', platform: 'browser', format: 'esm',
    splitting: true, chunkNames: 'chunks/[name]-[hash]', target: 'es2022', loader: { '.ttf': 'file' }, logLevel: 'warning',
  });
}

async function buildNaive(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'test/bench/render/naive.ts')], bundle: true, write: false, format: 'iife', platform: 'browser',
    target: 'es2022', minify: true, logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.map': 'application/json' };

async function serve(context: BrowserContext, naiveJs: string): Promise<void> {
  // Everything is answered from memory or dist/; any other request is refused, so nothing leaves the machine.
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort();
    const p = url.pathname;
    if (p === '/dark.html' || p === '/light.html') return route.fulfill({ contentType: 'text/html', body: webviewPage(p === '/dark.html' ? 'dark' : 'light') });
    if (p === '/naive.html') return route.fulfill({ contentType: 'text/html', body: naivePage() });
    if (p === '/naive.js') return route.fulfill({ contentType: 'text/javascript', body: naiveJs });
    if (p === '/theme-dark.css' || p === '/theme-light.css') return route.fulfill({ contentType: 'text/css', body: themeCss(p.includes('dark') ? 'dark' : 'light') });
    if (p.startsWith('/dist/')) {
      const file = path.join(DIST, path.normalize(p.slice('/dist/'.length)));
      if (file.startsWith(DIST) && fs.existsSync(file)) {
        return route.fulfill({ contentType: TYPES[path.extname(file)] ?? 'application/octet-stream', body: fs.readFileSync(file) });
      }
    }
    return route.fulfill({ status: 404, body: 'not found' });
  });
}

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => (list.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { task: get('TaskDuration'), script: get('ScriptDuration'), layout: get('LayoutDuration'), style: get('RecalcStyleDuration') };
}

function scale(m: Metrics, k: number): Metrics {
  return { task: m.task * k, script: m.script * k, layout: m.layout * k, style: m.style * k };
}

function diff(a: Metrics, b: Metrics): Metrics {
  return { task: b.task - a.task, script: b.script - a.script, layout: b.layout - a.layout, style: b.style - a.style };
}

/** What the page helpers (and the naive renderer) put on the page's window. */
interface BenchWindow {
  __longTasks: number[];
  __delivered?: number;
  __debugTasks?: boolean;
  __nextFrame: () => Promise<void>;
  naiveDelta: (text: string) => void;
  naiveSkip: (text: string) => void;
}

const PAGE_HELPERS = () => {
  const w = window as unknown as BenchWindow;
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      w.__longTasks.push(entry.duration);
      if (w.__debugTasks) console.log(`longtask ${entry.duration.toFixed(0)} ms at ${entry.startTime.toFixed(0)}; delivered=${w.__delivered}`);
    }
  }).observe({ type: 'longtask', buffered: false });
  w.__nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
};

interface RunResult {
  delivered: number;
  longTasks: number[];
  maxBatchMs: number;
}

/** Streams the deltas in the page, DELTAS_PER_FRAME per frame. The naive mode renders only every `sampleEvery`th frame. */
async function stream(page: Page, mode: 'incremental' | 'naive', deltas: string[], sampleEvery = 1): Promise<RunResult> {
  return page.evaluate(
    async ({ mode, deltas, perFrame, sampleEvery }) => {
      const w = window as unknown as BenchWindow;
      const deliver = (text: string, sampled: boolean) => {
        if (mode === 'naive') (sampled ? w.naiveDelta : w.naiveSkip)(text);
        else window.dispatchEvent(new MessageEvent('message', { data: { type: 'delta', conversationId: 'c1', messageId: 'a1', text } }));
      };
      let maxBatchMs = 0;
      for (let i = 0, frame = 0; i < deltas.length; frame++) {
        const sampled = frame % sampleEvery === 0;
        const start = performance.now();
        const end = Math.min(deltas.length, i + perFrame);
        for (; i < end; i++) deliver(deltas[i]!, sampled);
        w.__delivered = i;
        maxBatchMs = Math.max(maxBatchMs, performance.now() - start);
        if (sampled) await w.__nextFrame();
      }
      await w.__nextFrame();
      await w.__nextFrame();
      return { delivered: deltas.length, longTasks: w.__longTasks, maxBatchMs };
    },
    { mode, deltas, perFrame: DELTAS_PER_FRAME, sampleEvery },
  );
}

async function openWebview(context: BrowserContext, theme: 'dark' | 'light', width = 420, height = 900): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(`${ORIGIN}/${theme}.html`);
  await page.waitForSelector('[data-testid="chat-input"]');
  return page;
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH). Render benchmark SKIPPED.`);
    process.exitCode = 1;
    return;
  }
  await ensureWebviewBuilt();
  const naiveJs = await buildNaive();
  const reply = longReply(20_000);
  const deltas = toDeltas(reply);
  console.log(`reply: ${reply.length} chars ≈ ${Math.round(reply.length / 4)} tokens, ${deltas.length} deltas, ${DELTAS_PER_FRAME} per frame`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext();
    await serve(context, naiveJs);
    const longChat = () => runLongChatBench(async () => {
      const p = await openWebview(context, 'dark');
      if (process.env.DEBUG_TASKS) p.on('console', (m) => console.log('[page]', m.text()));
      await p.evaluate(PAGE_HELPERS);
      return p;
    }, (p) => context.newCDPSession(p));
    if (process.env.LONG_CHAT_ONLY) {
      // Only the long chat's figures (while working on them): no streaming, naive or first-token runs.
      await longChat();
      return;
    }

    // 1. Naive (first, so we know how far it gets within its budget).
    const naive = await context.newPage();
    await naive.setViewportSize({ width: 420, height: 900 });
    await naive.goto(`${ORIGIN}/naive.html`);
    await naive.evaluate(PAGE_HELPERS);
    const naiveCdp = await context.newCDPSession(naive);
    await naiveCdp.send('Performance.enable');
    const n0 = await metrics(naiveCdp);
    const naiveRun = await stream(naive, 'naive', deltas, NAIVE_SAMPLE_EVERY);
    const naiveSampled = diff(n0, await metrics(naiveCdp));
    const naiveCost = scale(naiveSampled, NAIVE_SAMPLE_EVERY);
    await naive.close();

    // 2. Incremental: the real webview, fed by host messages.
    const page = await openWebview(context, 'dark');
    if (process.env.DEBUG_TASKS) page.on('console', (m) => console.log('[page]', m.text()));
    await page.evaluate(PAGE_HELPERS);
    if (process.env.DEBUG_TASKS) await page.evaluate(() => ((window as unknown as Record<string, unknown>).__debugTasks = true));
    await page.evaluate(() => {
      const post = (data: unknown) => window.dispatchEvent(new MessageEvent('message', { data }));
      const now = Date.now();
      post({ type: 'state', conversation: { id: 'c1', title: 'Bench', messages: [] }, conversations: [], target: { providerName: 'Bench', model: 'bench/model', hasKey: true }, draft: '', busy: true, mode: 'ask' });
      post({ type: 'messageAdded', conversationId: 'c1', message: { id: 'u1', role: 'user', content: 'Write the plan.', status: 'done', createdAt: now } });
      post({ type: 'messageAdded', conversationId: 'c1', message: { id: 'a1', role: 'assistant', content: '', status: 'streaming', createdAt: now } });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (process.env.PROFILE) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    // Long tasks by CPU time too: wall time includes waiting for a core when other processes are busy.
    const trace = await startTaskTrace(cdp);
    const i0 = await metrics(cdp);
    const incRun = await stream(page, 'incremental', deltas);
    await page.evaluate(
      (content) => {
        window.dispatchEvent(new MessageEvent('message', { data: { type: 'messageUpdated', conversationId: 'c1', message: { id: 'a1', role: 'assistant', content, status: 'done', createdAt: Date.now(), meta: { model: 'bench/model' } } } }));
        return (window as unknown as { __nextFrame: () => Promise<void> }).__nextFrame();
      },
      reply,
    );
    const incCost = diff(i0, await metrics(cdp));
    const cpuTasks = await trace.stop();
    if (process.env.PROFILE) printProfile(((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile);
    // Let the lazy highlighter finish (time-sliced), so its long tasks, if any, are counted.
    await page.waitForFunction(() => document.querySelectorAll('pre > code[data-highlighted="true"]').length > 0, undefined, { timeout: 10_000 }).catch(() => undefined);
    await page.waitForTimeout(1500);
    const check = await page.evaluate(() => ({
      codeBlocks: document.querySelectorAll('[data-testid="message"][data-role="assistant"] [data-testid="code-block"]').length,
      highlighted: document.querySelectorAll('pre > code[data-highlighted="true"]').length,
      csp: (window as unknown as { __cspViolations: string[] }).__cspViolations,
      longTasks: (window as unknown as { __longTasks: number[] }).__longTasks,
      callbacks: (window as unknown as { __callbackTimes: Record<string, number[]> }).__callbackTimes,
      scrolledToEnd: (() => {
        const list = document.querySelector('.messages')!;
        return Math.round(list.scrollHeight - list.scrollTop - list.clientHeight);
      })(),
    }));
    const expectedBlocks = (reply.match(/^```\w/gm) ?? []).length;
    await page.close();

    const fmt = (m: Metrics) => `task ${m.task.toFixed(0)} ms (script ${m.script.toFixed(0)}, layout ${m.layout.toFixed(0)}, style ${m.style.toFixed(0)})`;
    const longest = (tasks: number[]) => (tasks.length ? `${Math.max(...tasks).toFixed(0)} ms (${tasks.length} tasks > 50 ms)` : 'none over 50 ms');
    console.log(`incremental (full reply): ${fmt(incCost)}; longest task: ${longest(check.longTasks)}; longest delta batch ${incRun.maxBatchMs.toFixed(1)} ms`);
    const top = (xs: number[]) => [...xs].sort((a, b) => b - a).slice(0, 3).map((x) => x.toFixed(1)).join(', ') || '-';
    console.log(`  longest main-thread task by CPU time: ${cpuTasks.maxCpuMs.toFixed(1)} ms (${cpuTasks.overCpu50} over 50 ms; wall ${cpuTasks.maxWallMs.toFixed(0)} ms)`);
    console.log(`  webview callbacks, longest: animation frames ${top(check.callbacks.raf ?? [])} ms; timers ${top(check.callbacks.timeout ?? [])} ms`);
    console.log(`  code blocks rendered ${check.codeBlocks}/${expectedBlocks}, highlighted ${check.highlighted}; CSP violations: ${check.csp.length ? check.csp.join(', ') : 'none'}; distance from the bottom after streaming: ${check.scrolledToEnd} px`);
    console.log(`naive (every ${NAIVE_SAMPLE_EVERY}th frame measured, ×${NAIVE_SAMPLE_EVERY}): ${fmt(naiveCost)}; longest task: ${longest(naiveRun.longTasks)}`);
    const speedup = naiveCost.task / incCost.task;

    await runFirstTokenBench(browser, DIST);
    await screenshots(context);
    await longChat();
    console.log(`render speedup vs naive: ${speedup.toFixed(1)}×`);
  } finally {
    await browser.close();
  }
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

/** Debug aid (PROFILE=1): self time per function during the incremental run. */
function printProfile(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${key}`);
}

async function screenshots(context: BrowserContext): Promise<void> {
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  const shots: Array<{ theme: 'dark' | 'light'; width: number; name: string }> = [
    { theme: 'dark', width: 460, name: 'webview-dark.png' },
    { theme: 'light', width: 460, name: 'webview-light.png' },
    { theme: 'dark', width: 250, name: 'webview-dark-250px.png' },
  ];
  for (const shot of shots) {
    const page = await openWebview(context, shot.theme, shot.width, 1500);
    await page.evaluate((messages) => {
      for (const data of messages) window.dispatchEvent(new MessageEvent('message', { data }));
    }, screenshotState());
    await page.waitForFunction(() => document.querySelectorAll('code[data-highlighted="true"]').length >= 2, undefined, { timeout: 10_000 }).catch(() => undefined);
    await page.waitForTimeout(300);
    const file = path.join(ROOT, 'test-results', shot.name);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`screenshot: ${path.relative(ROOT, file)}`);
    await page.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
