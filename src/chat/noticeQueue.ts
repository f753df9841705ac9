// Notices for a chat view that is not there to show them (hidden, not opened yet, still loading): held until
// the view's next `ready` (it gets them right after its state), or — when no view is ready within a short
// while — shown as VS Code notifications instead. A refusal is never silent. Pure: the timer and the
// notification are passed in.

export type NoticeLevel = 'info' | 'warning' | 'error';

export interface HeldNotice {
  level: NoticeLevel;
  message: string;
}

export interface NoticeQueueDeps {
  /** Shows a notice outside the view (a VS Code notification). */
  notify: (notice: HeldNotice) => void;
  /** How long a notice waits for a view (ms), read when the wait starts. */
  graceMs: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** Longest wait: long enough for a view to open and load after "Add to Chat" revealed it, short enough to read as its answer. */
export const NOTICE_GRACE_MS = 3000;
/** Notices kept at most (a burst of refusals: the newest matter). */
const MAX_HELD = 10;

export class NoticeQueue {
  private held: HeldNotice[] = [];
  private timer: unknown;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly deps: NoticeQueueDeps) {
    this.setTimer = deps.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = deps.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  /** No view can show it now: hold it (the wait starts with the first one held). */
  hold(notice: HeldNotice): void {
    const same = this.held.findIndex((n) => n.level === notice.level && n.message === notice.message);
    if (same >= 0) this.held.splice(same, 1);
    this.held.push(notice);
    if (this.held.length > MAX_HELD) this.held.shift();
    this.timer ??= this.setTimer(() => this.expire(), this.deps.graceMs());
  }

  /** A view is ready: it takes what is held, oldest first. */
  release(): HeldNotice[] {
    this.stopTimer();
    return this.held.splice(0);
  }

  get size(): number {
    return this.held.length;
  }

  dispose(): void {
    this.stopTimer();
    this.held = [];
  }

  /** No view came in time: each held notice becomes a notification. */
  private expire(): void {
    this.timer = undefined;
    for (const notice of this.held.splice(0)) this.deps.notify(notice);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
  }
}
