// The page side of the first-token bench: the real webview bundle in headless Chromium, wired to a host in this
// process as VS Code wires a webview. Host posts arrive as `message` events (over CDP, in order by a sequence number:
// VS Code's postMessage keeps order too); the webview's own posts (ready, send…) go to the host through a binding.
// A MutationObserver records when each chunk's marker ⟦i⟧ first shows up in the DOM, on the clock the fixture server
// stamps its writes with (performance.timeOrigin + performance.now(), in epoch ms).
import * as fs from 'node:fs';
import * as path from 'node:path';
// `performance` is the global one on both sides: an import would be renamed inside the functions the page runs.
import type { Browser, CDPSession, Page } from 'playwright-core';
import { ORIGIN, themeCss, webviewPage } from './page';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.map': 'application/json' };

interface TokenWindow {
  __posted: unknown[];
  __landed: Map<number, number>;
  __deliver: (seq: number, data: unknown) => void;
  __toHost: (message: unknown) => Promise<void>;
}

/** Installed in the page once the bundle runs: the marker observer and the in-order delivery of host posts. */
const PAGE_SETUP = () => {
  const w = window as unknown as TokenWindow;
  w.__landed = new Map();
  const marker = /⟦(\d+)⟧/g;
  const scan = (text: string, at: number) => {
    for (const m of text.matchAll(marker)) {
      const i = Number(m[1]);
      if (!w.__landed.has(i)) w.__landed.set(i, at);
    }
  };
  // The callback runs at the microtask checkpoint right after the task (or frame callback) that changed the DOM.
  new MutationObserver((records) => {
    const at = performance.timeOrigin + performance.now();
    for (const r of records) {
      if (r.type === 'characterData') scan((r.target as CharacterData).data, at);
      else for (const n of r.addedNodes) scan(n.textContent ?? '', at);
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
  let next = 0;
  const held = new Map<number, unknown>();
  w.__deliver = (seq, data) => {
    held.set(seq, data);
    while (held.has(next)) {
      const message = held.get(next);
      held.delete(next++);
      window.dispatchEvent(new MessageEvent('message', { data: message }));
    }
  };
  // What the webview posted before this hook (ready) goes to the host first; later posts go at once.
  const early = w.__posted.splice(0);
  w.__posted.push = (...messages: unknown[]) => {
    for (const m of messages) void w.__toHost(m);
    return 0;
  };
  return early;
};

export interface TokenPage {
  page: Page;
  /** Posts a host message into the page as a `message` event; returns at once (order kept). */
  post(message: unknown): void;
  /** Resolves once every post so far was delivered (CDP runs a session's commands in order). */
  settle(): Promise<void>;
  /** Forgets the markers seen so far (before the next reply). */
  resetLanded(): Promise<void>;
  /** Waits (up to `timeoutMs`) until `count` markers were seen; returns the landing time of each (NaN: never seen). */
  landed(count: number, timeoutMs: number): Promise<number[]>;
  /** The page's epoch clock minus this process's, and the round trip that bounds the estimate. */
  clockSkew(): Promise<{ skewMs: number; rttMs: number }>;
  close(): Promise<void>;
}

/** Opens the real webview page; `toHost` receives what the webview posts (its ready first). */
export async function openTokenPage(browser: Browser, dist: string, toHost: (message: unknown) => void): Promise<TokenPage> {
  const context = await browser.newContext();
  // Answered from memory or dist/; any other request is refused, so nothing leaves the machine.
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort();
    const p = url.pathname;
    if (p === '/dark.html') return route.fulfill({ contentType: 'text/html', body: webviewPage('dark') });
    if (p === '/theme-dark.css') return route.fulfill({ contentType: 'text/css', body: themeCss('dark') });
    const file = path.join(dist, path.normalize(p.slice('/dist/'.length)));
    if (p.startsWith('/dist/') && file.startsWith(dist) && fs.existsSync(file)) {
      return route.fulfill({ contentType: TYPES[path.extname(file)] ?? 'application/octet-stream', body: fs.readFileSync(file) });
    }
    return route.fulfill({ status: 404, body: 'not found' });
  });
  const page = await context.newPage();
  await page.setViewportSize({ width: 420, height: 900 });
  await page.exposeFunction('__toHost', (message: unknown) => toHost(message));
  await page.goto(`${ORIGIN}/dark.html`);
  await page.waitForSelector('[data-testid="chat-input"]');
  const cdp: CDPSession = await context.newCDPSession(page);
  for (const message of await page.evaluate(PAGE_SETUP)) toHost(message);
  let seq = 0;
  return {
    page,
    post(message) {
      cdp.send('Runtime.evaluate', { expression: `__deliver(${seq++}, ${JSON.stringify(message)})` }).catch((err: unknown) => console.error(`post into the page failed: ${String(err)}`));
    },
    settle: async () => void (await cdp.send('Runtime.evaluate', { expression: '0' })),
    resetLanded: () => page.evaluate(() => (window as unknown as TokenWindow).__landed.clear()),
    async landed(count, timeoutMs) {
      await page.waitForFunction((n) => (window as unknown as TokenWindow).__landed.size >= n, count, { timeout: timeoutMs }).catch(() => undefined);
      const seen = await page.evaluate(() => [...(window as unknown as TokenWindow).__landed]);
      const times = new Array<number>(count).fill(NaN);
      for (const [i, at] of seen) if (i < count) times[i] = at;
      return times;
    },
    async clockSkew() {
      let best = { skewMs: NaN, rttMs: Infinity };
      for (let i = 0; i < 7; i++) { // the sample with the shortest round trip bounds the skew best
        const before = performance.timeOrigin + performance.now();
        const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
        const after = performance.timeOrigin + performance.now();
        if (after - before < best.rttMs) best = { skewMs: pageNow - (before + after) / 2, rttMs: after - before };
      }
      return best;
    },
    close: () => context.close(),
  };
}
