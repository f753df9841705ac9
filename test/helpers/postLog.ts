// What the extension host posted to the chat webview, in order, read like a stream: `next` finds the first
// message of a type that matches, from a cursor that moves past each message it returns, so a message posted a
// moment before the wait is found (not missed), and one already returned is not found twice. `mark()` moves the
// cursor to the end: "what is posted from here on". Every wait has a deadline and says what it saw.
// Shared by the unit harnesses (a recording `post`) and the integration suites (the host's onDidPostMessage).
import type { HostToWebview } from '../../src/protocol';

export type Posted<T extends HostToWebview['type']> = Extract<HostToWebview, { type: T }>;

/** Long enough for a busy machine; a message that has not come by then will not come. */
export const POST_DEADLINE_MS = 20_000;

interface Waiter {
  from: number;
  test: (m: HostToWebview) => boolean;
  resolve: (index: number) => void;
}

export class PostLog {
  readonly messages: HostToWebview[] = [];
  private cursor = 0;
  private readonly waiters = new Set<Waiter>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  /** Records one post and resolves the waiters it matches. */
  readonly record = (m: HostToWebview): void => {
    const index = this.messages.push(m) - 1;
    for (const w of [...this.waiters]) {
      if (index >= w.from && w.test(m)) w.resolve(index);
    }
  };

  /** Moves the cursor past everything posted so far; `next` then sees only what is posted from here on. */
  mark(): void {
    this.cursor = this.messages.length;
  }

  /**
   * The first message of this type that matches, at or after the cursor (already posted, or posted later); the
   * cursor moves past it. Rejects after `timeoutMs`, naming the type awaited and what was posted meanwhile.
   */
  next<T extends HostToWebview['type']>(type: T, match: (m: Posted<T>) => boolean = () => true, timeoutMs = POST_DEADLINE_MS): Promise<Posted<T>> {
    const from = this.cursor;
    const test = (m: HostToWebview): boolean => m.type === type && match(m as Posted<T>);
    const found = this.messages.findIndex((m, i) => i >= from && test(m));
    if (found >= 0) return Promise.resolve(this.take(found) as Posted<T>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        this.timers.delete(timer);
        reject(new Error(`No "${type}" post${match.length ? ' that matches' : ''} within ${timeoutMs} ms; from the cursor on, the log holds: ${this.describe(from)}`));
      }, timeoutMs);
      this.timers.add(timer);
      const waiter: Waiter = {
        from,
        test,
        resolve: (index) => {
          clearTimeout(timer);
          this.timers.delete(timer);
          this.waiters.delete(waiter);
          resolve(this.take(index) as Posted<T>);
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** Drops the waits still pending (their tests are over), so no deadline fires after its test. */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.waiters.clear();
  }

  private take(index: number): HostToWebview {
    this.cursor = Math.max(this.cursor, index + 1);
    return this.messages[index]!;
  }

  /** The types posted from `from` on, e.g. `state, delta ×12, notice`. */
  private describe(from: number): string {
    const runs: Array<[string, number]> = [];
    for (const m of this.messages.slice(from)) {
      const last = runs.at(-1);
      if (last?.[0] === m.type) last[1]++;
      else runs.push([m.type, 1]);
    }
    return runs.length ? runs.map(([type, n]) => (n > 1 ? `${type} ×${n}` : type)).join(', ') : 'nothing';
  }
}
