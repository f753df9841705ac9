// Opening a long conversation: only the newest messages are rendered at once; the older ones follow, newest
// first, in idle slices (sooner while the user is near the top), so the first paint does not wait for a
// megabyte of markdown, and the whole conversation is in the DOM (find in page) a moment later.
import type { MessageView } from '../../protocol';

/** Rendered at once: the newest messages until this many characters (about a few screens)… */
export const FIRST_PAINT_CHARS = 12_000;
/** …but at least this many messages (short ones cost little). */
export const FIRST_PAINT_MESSAGES = 6;
/** Longest slice of rendering older messages (one message always fits, whatever its size)… */
export const SLICE_MS = 8;
/** …and at most about this many characters in it, for the layout that follows in the next frame. */
export const SLICE_CHARS = 4_000;

export function messageChars(message: MessageView): number {
  return message.content.length + (message.reasoning?.length ?? 0);
}

/** Index of the oldest message to render at once: the newest ones up to the budget, always the whole of the last one. */
export function firstPaintStart(messages: readonly MessageView[], chars = FIRST_PAINT_CHARS, min = FIRST_PAINT_MESSAGES): number {
  let total = 0;
  let i = messages.length;
  while (i > 0 && (total < chars || messages.length - i < min)) {
    total += messageChars(messages[--i]!);
  }
  return i;
}

type IdleDeadline = { timeRemaining(): number };
type IdleWindow = {
  requestIdleCallback?: (cb: (deadline: IdleDeadline) => void, options?: { timeout: number }) => number;
  cancelIdleCallback?: (handle: number) => void;
};

/**
 * Runs `slice(timeLeft)` in idle time (or at once when asked to hurry) until it returns
 * false. `timeLeft` is this slice's remaining budget in ms, at most SLICE_MS.
 */
export class IdleSlices {
  private idle: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private soon: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly slice: (timeLeft: () => number) => boolean) {}

  get running(): boolean {
    return this.idle !== undefined || this.timer !== undefined || this.soon !== undefined;
  }

  start(): void {
    if (this.idle !== undefined || this.timer !== undefined) return;
    const w = globalThis as unknown as IdleWindow;
    if (w.requestIdleCallback) {
      // The timeout keeps it going on a machine that is never idle.
      this.idle = w.requestIdleCallback((deadline) => {
        this.idle = undefined;
        this.run(() => deadline.timeRemaining());
      }, { timeout: 100 });
    } else {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.run(() => SLICE_MS);
      }, 0);
    }
  }

  /** One more slice as soon as possible, idle or not (the user scrolled close to what is not rendered yet). A task of its own, not in the frame's. */
  hurry(): void {
    this.soon ??= setTimeout(() => {
      this.soon = undefined;
      this.run(() => SLICE_MS);
    }, 0);
  }

  cancel(): void {
    const w = globalThis as unknown as IdleWindow;
    if (this.idle !== undefined) w.cancelIdleCallback?.(this.idle);
    clearTimeout(this.timer);
    clearTimeout(this.soon);
    this.idle = this.timer = this.soon = undefined;
  }

  private run(budget: () => number): void {
    const start = performance.now();
    const timeLeft = () => Math.min(budget(), SLICE_MS - (performance.now() - start));
    if (this.slice(timeLeft)) this.start();
    else this.cancel();
  }
}
