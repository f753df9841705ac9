// Coalesces streamed text into few `delta` posts: the model may send hundreds of tiny chunks a second,
// and each postMessage crosses a process boundary. Text is held at most `intervalMs`, or until
// `maxChars` are waiting, then posted as one delta per message. The store already holds the text, so
// what waits here is only the notification.
import type { HostToWebview } from '../protocol';

type Delta = Extract<HostToWebview, { type: 'delta' }>;

export interface DeltaCoalescerOptions {
  /** Longest time a chunk waits before it is posted. */
  intervalMs?: number;
  /** Post at once when this much text is waiting. */
  maxChars?: number;
}

export class DeltaCoalescer {
  private readonly pending = new Map<string, { conversationId: string; messageId: string; text: string; reasoning: string }>();
  private waiting = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly intervalMs: number;
  private readonly maxChars: number;

  constructor(
    private readonly post: (message: Delta) => void,
    opts: DeltaCoalescerOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? 24;
    this.maxChars = opts.maxChars ?? 8192;
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
    if (this.waiting >= this.maxChars) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Posts everything waiting now (before a message that must come after the deltas). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const entries = [...this.pending.values()];
    this.pending.clear();
    this.waiting = 0;
    for (const e of entries) {
      const delta: Delta = { type: 'delta', conversationId: e.conversationId, messageId: e.messageId };
      if (e.reasoning) delta.reasoning = e.reasoning;
      if (e.text) delta.text = e.text;
      this.post(delta);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
