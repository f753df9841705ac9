// "Opening a long conversation": the `state` of a 500-message (≈ 1 MB) conversation is delivered to the real
// webview (as when the user picks it in the history) and timed to the first paint with its newest messages in
// view; the same for a 10-message one, and the ratio. Then from the long one's first paint: how long until every
// message is in the DOM (what find-in-page needs), and a scroll to the top in steps: long tasks (wall, and CPU by
// the DevTools trace), and whether the text in view jumped while older messages were added above it.
import type { CDPSession, Page } from 'playwright-core';
import { hostCost, stateMessage, type StateMessage } from './hostState';
import { longConversation } from './longConversation';
import { startTaskTrace } from './taskTrace';
import { printLongTasks } from './traceDebug';

const RUNS = Number(process.env.LONG_CHAT_RUNS ?? 5);
const LONG = { count: 500, chars: 1_000_000 };
const SHORT = { count: 10, chars: 20_000 };
const SCROLL_STEP_PX = Number(process.env.LONG_CHAT_SCROLL_STEP ?? 1500);

interface OpenResult {
  /** From delivering `state` to the end of the first frame painted with the newest message in view. */
  paintMs: number;
  /** The synchronous part: handling the message. */
  handleMs: number;
  /** From delivering `state` until every message is in the DOM (undefined when not waited for). */
  completeMs?: number;
  longTasks: number[];
}

/** In the page: delivers the state and waits for the newest message to be painted (and, optionally, for all). */
function openInPage({ state, waitAll }: { state: StateMessage; waitAll: boolean }): Promise<OpenResult> {
  const w = window as unknown as { __longTasks: number[] };
  const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
  // A message posted from the frame's callback is handled after that frame was painted.
  const afterPaint = () => new Promise<void>((resolve) => { const c = new MessageChannel(); c.port1.onmessage = () => resolve(); c.port2.postMessage(0); });
  const messages = state.conversation.messages;
  const newest = messages[messages.length - 1]!.id;
  const inView = () => {
    const list = document.querySelector('.messages');
    const el = document.querySelector(`[data-testid="message"][data-id="${newest}"]`);
    if (!list || !el?.textContent) return false;
    const a = el.getBoundingClientRect();
    const b = list.getBoundingClientRect();
    return a.bottom > b.top && a.top < b.bottom;
  };
  return (async () => {
    await frame();
    w.__longTasks = [];
    const t0 = performance.now();
    window.dispatchEvent(new MessageEvent('message', { data: state }));
    const handleMs = performance.now() - t0;
    const deadline = t0 + 20_000;
    while (performance.now() < deadline) {
      await frame();
      if (inView()) break;
    }
    await afterPaint();
    const paintMs = performance.now() - t0;
    let completeMs: number | undefined;
    if (waitAll) {
      // The shown page holds the messages (no not-sent marker here); pages switched away from may still be leaving.
      const page = () => document.querySelector('.messages > .message-page:not(.leaving)');
      while (performance.now() < deadline && (page()?.childElementCount ?? 0) < messages.length) await frame();
      completeMs = performance.now() - t0;
    }
    return { paintMs, handleMs, ...(completeMs !== undefined ? { completeMs } : {}), longTasks: [...w.__longTasks] };
  })();
}

interface ScrollResult {
  ms: number;
  steps: number;
  reachedTop: boolean;
  longTasks: number[];
  /** Steps where the text in view moved by more than 2 px beyond the scroll itself. */
  jumps: number;
  maxJumpPx: number;
}

/** In the page: scrolls up SCROLL_STEP_PX per frame until the top with the oldest message rendered. */
function scrollToTopInPage({ step, oldest }: { step: number; oldest: string }): Promise<ScrollResult> {
  const w = window as unknown as { __longTasks: number[] };
  const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
  const list = document.querySelector<HTMLElement>('.messages')!;
  return (async () => {
    w.__longTasks = [];
    const t0 = performance.now();
    let steps = 0;
    let jumps = 0;
    let maxJumpPx = 0;
    const atTop = () => list.scrollTop === 0 && !!document.querySelector(`[data-testid="message"][data-id="${oldest}"]`);
    while (!atTop() && performance.now() - t0 < 60_000) {
      const box = list.getBoundingClientRect();
      const probe = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)?.closest('[data-testid="message"]');
      const before = probe?.getBoundingClientRect().top;
      const top = list.scrollTop;
      list.scrollTop = Math.max(0, top - step);
      const moved = top - list.scrollTop;
      steps++;
      await frame();
      if (probe?.isConnected && before !== undefined) {
        const jump = Math.abs(probe.getBoundingClientRect().top - (before + moved));
        maxJumpPx = Math.max(maxJumpPx, jump);
        if (jump > 2) jumps++;
      }
    }
    return { ms: performance.now() - t0, steps, reachedTop: atTop(), longTasks: [...w.__longTasks], jumps, maxJumpPx };
  })();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const longest = (xs: number[]) => (xs.length ? Math.max(...xs) : 0);

/**
 * Prints the figures (one per line, numbers first so a later run can compare them).
 * @param open opens a fresh webview page with the bench's page helpers (long task observer) installed
 */
export async function runLongChatBench(open: () => Promise<Page>, cdpOf: (page: Page) => Promise<CDPSession>): Promise<void> {
  const long = longConversation('long', LONG.count, LONG.chars);
  const short = longConversation('short', SHORT.count, SHORT.chars);
  const all = [long, short];
  const host = hostCost(long, all);
  const hostShort = hostCost(short, all);
  const longState = stateMessage(long, all);
  const shortState = stateMessage(short, all);
  const page = await open();
  try {
    const cdp = await cdpOf(page);
    const debug = !!process.env.LONG_CHAT_DEBUG;
    const shortRuns: OpenResult[] = [];
    const longRuns: OpenResult[] = [];
    const backRuns: OpenResult[] = [];
    const opens = async () => {
      for (let i = 0; i < RUNS; i++) {
        // As when the user switches between them in the history: from the long one to the short one, the short
        // one again (its own cost, the baseline), then the long one, staying until all of it is rendered.
        backRuns.push(await page.evaluate(openInPage, { state: shortState, waitAll: false }));
        shortRuns.push(await page.evaluate(openInPage, { state: shortState, waitAll: false }));
        longRuns.push(await page.evaluate(openInPage, { state: longState, waitAll: true }));
      }
    };
    const openTrace = debug ? undefined : await startTaskTrace(cdp);
    await (debug ? printLongTasks(cdp, opens) : opens());
    const openCpu = (await openTrace?.stop()) ?? { maxCpuMs: NaN, overCpu50: NaN };
    await page.evaluate(openInPage, { state: shortState, waitAll: false });
    const opened = await page.evaluate(openInPage, { state: longState, waitAll: false });
    const trace = debug ? undefined : await startTaskTrace(cdp);
    const scrollToTop = () => page.evaluate(scrollToTopInPage, { step: SCROLL_STEP_PX, oldest: long.messages[0]!.id });
    const scroll = debug ? await printLongTasks(cdp, scrollToTop) : await scrollToTop();
    const cpu = (await trace?.stop()) ?? { maxCpuMs: NaN, overCpu50: NaN };
    const count = await page.evaluate(() => document.querySelectorAll('[data-testid="message"]').length);

    const sizeKb = (host.jsonBytes / 1024).toFixed(0);
    const longPaint = median(longRuns.map((r) => r.paintMs));
    const shortPaint = median(shortRuns.map((r) => r.paintMs));
    console.log(`long chat: ${LONG.count} messages, ${sizeKb} KB as JSON; ${SHORT.count}-message chat for comparison; medians of ${RUNS} opens`);
    console.log(`  host, building the state: ${host.buildMs.toFixed(1)} ms (toConversationView) + ${host.checkMs.toFixed(1)} ms (zod check, HostToWebview) for ${LONG.count} messages; ${(hostShort.buildMs + hostShort.checkMs).toFixed(2)} ms for ${SHORT.count}`);
    console.log(`  open ${LONG.count} messages: newest painted ${longPaint.toFixed(0)} ms after the state (message handled in ${median(longRuns.map((r) => r.handleMs)).toFixed(0)} ms); longest task ${median(longRuns.map((r) => longest(r.longTasks))).toFixed(0)} ms`);
    console.log(`  open ${SHORT.count} messages: newest painted ${shortPaint.toFixed(0)} ms after the state (from another ${SHORT.count}-message one); ${median(backRuns.map((r) => r.paintMs)).toFixed(0)} ms from the ${LONG.count}-message one (longest task ${median(backRuns.map((r) => longest(r.longTasks))).toFixed(0)} ms)`);
    console.log(`  open ${LONG.count} messages: all ${LONG.count} in the DOM (find in page) ${median(longRuns.map((r) => r.completeMs ?? NaN)).toFixed(0)} ms after the state; tasks over 50 ms meanwhile: ${median(longRuns.map((r) => r.longTasks.length))} wall; longest task of all the opens by CPU time ${openCpu.maxCpuMs.toFixed(1)} ms (${openCpu.overCpu50} over 50 ms)`);
    console.log(`  scroll to the top in ${SCROLL_STEP_PX} px steps right after opening (newest painted ${opened.paintMs.toFixed(0)} ms): ${scroll.steps} steps in ${scroll.ms.toFixed(0)} ms, reached the top: ${scroll.reachedTop} (${count} messages); longest task ${longest(scroll.longTasks).toFixed(0)} ms wall (${scroll.longTasks.length} over 50 ms), ${cpu.maxCpuMs.toFixed(1)} ms CPU (${cpu.overCpu50} over 50 ms); view jumps: ${scroll.jumps} (max ${scroll.maxJumpPx.toFixed(0)} px)`);
    console.log(`open long chat vs short (newest painted): ${(longPaint / shortPaint).toFixed(1)}×`);
  } finally {
    await page.close();
  }
}
