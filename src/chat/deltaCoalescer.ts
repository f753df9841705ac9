// Coalesces streamed text into few `delta` posts: the model may send hundreds of tiny chunks a second,
// and each postMessage crosses a process boundary. A throttle with a leading edge: text that comes after a quiet
// spell (the first chunk of a reply, the first after a pause) is posted at once; text that comes sooner than
// `intervalMs` after the last post waits for the rest of that interval and goes in one post, so a flood gives at most
// one post per interval (plus one per `maxChars` of text). The store already holds the text, so what waits here is
// only the notification.
import type { HostToWebview } from '../protocol';

type Delta = Extract<HostToWebview, { type: 'delta' }>;

/** The clock and timer the coalescer uses (tests pass a fake one). */
export interface CoalescerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: CoalescerClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Default shortest time between two posts: half a frame, so text is in the view within the frame it came in. */
export const DELTA_INTERVAL_MS = 8;

export interface DeltaCoalescerOptions {
  /** Shortest time between two posts; text that comes sooner waits at most this long. */
  intervalMs?: number;
  /** Post at once when this much text is waiting. */
  maxChars?: number;
  clock?: CoalescerClock;
}

export class DeltaCoalescer {
  private readonly pending = new Map<string, { conversationId: string; messageId: string; text: string; reasoning: string }>();
  private waiting = 0;
  private timer: unknown;
  private lastPost = -Infinity;
  private readonly intervalMs: number;
  private readonly maxChars: number;
  private readonly clock: CoalescerClock;

  constructor(
    private readonly post: (message: Delta) => void,
    opts: DeltaCoalescerOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? DELTA_INTERVAL_MS;
    this.maxChars = opts.maxChars ?? 8192;
    this.clock = opts.clock ?? systemClock;
  }

  push(conversationId: string, messageId: string, kind: 'text' | 'reasoning', text: string): void {
    if (!text) return;
    const key = `${conversationId}\u0000${messageId}`;
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { conversationId, messageId, text: '', reasoning: '' };
      this.pending.set(key, entry);
    }
    entry[kind] += text;
    this.waiting += text.length;
    if (this.timer !== undefined && this.waiting < this.maxChars) return; // a post is already due
    const wait = this.lastPost + this.intervalMs - this.clock.now();
    if (this.waiting >= this.maxChars || wait <= 0) this.flush();
    else this.timer = this.clock.setTimeout(() => this.flush(), wait);
  }

  /** Posts everything waiting now (before a message that must come after the deltas). */
  flush(): void {
    this.cancelTimer();
    if (this.pending.size === 0) return;
    const entries = [...this.pending.values()];
    this.pending.clear();
    this.waiting = 0;
    this.lastPost = this.clock.now();
    for (const e of entries) {
      const delta: Delta = { type: 'delta', conversationId: e.conversationId, messageId: e.messageId };
      if (e.reasoning) delta.reasoning = e.reasoning;
      if (e.text) delta.text = e.text;
      this.post(delta);
    }
  }

  dispose(): void {
    this.cancelTimer();
    this.pending.clear();
    this.waiting = 0;
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
