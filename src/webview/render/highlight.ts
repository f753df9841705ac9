// Syntax highlighting that never blocks the UI: highlight.js is imported lazily on the first code block,
// and blocks are highlighted in small time slices once they come near the view (a long conversation's
// hundreds of blocks are not all highlighted when it opens). A block that is still streaming is
// re-highlighted at most every GROWING_INTERVAL_MS.
import { escapeHtml } from './markdown';
import { whenNearView } from './nearView';
import type { Sanitizer } from './sanitize';

type HighlightFn = (code: string, language: string) => string | undefined;

const SLICE_BUDGET_MS = 8;
const GROWING_INTERVAL_MS = 300;
/** Longer code is left plain: one highlight.js call can't be split and would freeze the view. */
const MAX_HIGHLIGHT_CHARS = 60_000;
/** A growing block longer than this is highlighted once, when complete: re-highlighting it whole every few frames
 * while it streams would make each of those frames a long task. */
export const MAX_GROWING_CHARS = 4_000;

let loaded: HighlightFn | undefined;
let loading: Promise<HighlightFn | undefined> | undefined;

function load(): Promise<HighlightFn | undefined> {
  loading ??= import('./hljsLanguages').then(
    (m) => (loaded = m.highlightCode),
    () => undefined, // highlighting is a nicety: if the chunk fails to load, code stays plain
  );
  return loading;
}

export interface HighlightCache {
  code: string;
  language: string;
  html: string;
}

export class HighlightQueue {
  private readonly queue = new Set<HTMLElement>();
  private scheduled = false;
  private lastGrowing = 0;
  /** The last highlight of a still-growing block, reused as a prefix while it grows (no flicker). */
  growingCache: HighlightCache | undefined;

  constructor(private readonly sanitizer: Sanitizer) {}

  /** Queues a complete code block, to be highlighted once it is near the view. */
  add(code: HTMLElement): void {
    if (code.dataset.highlighted === 'true') return;
    delete code.dataset.growing; // complete now: highlight all of it
    whenNearView(code.closest('[data-testid="message"]') ?? code, () => {
      this.queue.add(code);
      this.schedule();
    });
  }

  /** Queues a growing code block unless one was highlighted very recently. */
  addGrowing(code: HTMLElement): void {
    const now = performance.now();
    if (now - this.lastGrowing < GROWING_INTERVAL_MS) return;
    this.lastGrowing = now;
    if (code.dataset.highlighted === 'true') return;
    code.dataset.growing = 'true';
    this.queue.add(code);
    this.schedule();
  }

  /** For markdown-it's env: reuses the growing block's last highlight for the unchanged prefix. */
  readonly renderGrowing = (code: string, language: string): string | undefined => {
    const cache = this.growingCache;
    if (!cache || cache.language !== language || !code.startsWith(cache.code)) return undefined;
    return cache.html + escapeHtml(code.slice(cache.code.length));
  };

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      if (loaded) this.work(loaded);
      else void load().then((fn) => (fn ? this.work(fn) : this.queue.clear()));
    };
    setTimeout(run, 0);
  }

  private work(highlight: HighlightFn): void {
    const deadline = performance.now() + SLICE_BUDGET_MS;
    for (const el of this.queue) {
      if (performance.now() > deadline) break;
      this.queue.delete(el);
      if (!el.isConnected) continue;
      const language = el.dataset.language ?? '';
      const code = el.textContent ?? '';
      if (code.length > MAX_HIGHLIGHT_CHARS) continue;
      if (el.dataset.growing === 'true') {
        if (code.length > MAX_GROWING_CHARS) continue;
        // Highlight whole lines only (the last one may still change) and remember them for the next frames.
        const cut = code.lastIndexOf('\n') + 1;
        const prefix = code.slice(0, cut);
        const html = prefix ? highlight(prefix, language) : undefined;
        if (html === undefined) continue;
        const safe = this.sanitizer.toHtml(html);
        this.growingCache = { code: prefix, language, html: safe };
        el.innerHTML = safe + escapeHtml(code.slice(cut));
        el.classList.add('hljs');
        continue;
      }
      const html = highlight(code, language);
      if (html === undefined) continue;
      el.innerHTML = this.sanitizer.toHtml(html);
      el.classList.add('hljs');
      el.dataset.highlighted = 'true';
    }
    if (this.queue.size > 0) this.schedule();
  }
}
