// Debounce and abort for completion requests: a keystroke makes every earlier request stale, so the next schedule()
// aborts the previous one wherever it is (waiting out the debounce, or on the wire: its signal reaches the socket).
// An aborted request resolves undefined at once, without waiting for the run to notice; nothing rejects for an abort.

export interface Clock { now(): number; setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void }

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class RequestScheduler {
  private readonly debounceMs: number;
  private readonly clock: Clock;
  private current: AbortController | undefined;
  private disposed = false;

  constructor(options: { debounceMs: number; clock?: Clock }) {
    this.debounceMs = Math.max(0, options.debounceMs);
    this.clock = options.clock ?? realClock;
  }

  /**
   * Waits the debounce, then runs `run` with a signal. A later schedule() — or `cancelled` aborting — aborts this one,
   * waiting or in flight (the signal reaches the socket); it then resolves undefined. Never rejects for an abort.
   * `immediate` (a suggestion asked for by hand) skips the debounce.
   */
  schedule<T>(
    run: (signal: AbortSignal) => Promise<T>,
    cancelled?: AbortSignal,
    options?: { immediate?: boolean },
  ): Promise<T | undefined> {
    this.current?.abort();
    const controller = new AbortController();
    this.current = controller;
    if (this.disposed || cancelled?.aborted) {
      controller.abort();
      return Promise.resolve(undefined);
    }
    const signal = controller.signal;
    return new Promise<T | undefined>((resolve, reject) => {
      let timer: unknown;
      let settled = false;
      const onCancelled = (): void => controller.abort();
      const settle = (finish: () => void): void => {
        if (settled) return;
        settled = true;
        if (timer !== undefined) this.clock.clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        cancelled?.removeEventListener('abort', onCancelled);
        if (this.current === controller) this.current = undefined;
        finish();
      };
      const onAbort = (): void => settle(() => resolve(undefined));
      signal.addEventListener('abort', onAbort, { once: true });
      cancelled?.addEventListener('abort', onCancelled, { once: true });
      const start = (): void => {
        timer = undefined;
        let running: Promise<T>;
        try {
          running = run(signal);
        } catch (error) {
          running = Promise.reject(error);
        }
        // After an abort the run's outcome is stale: its value is dropped, its error (the abort itself) swallowed.
        running.then(
          (value) => settle(() => resolve(signal.aborted ? undefined : value)),
          (error: unknown) => settle(() => (signal.aborted ? resolve(undefined) : reject(error))),
        );
      };
      if (options?.immediate || this.debounceMs === 0) start();
      else timer = this.clock.setTimeout(start, this.debounceMs);
    });
  }

  /** Aborts what is waiting or running; later schedules resolve undefined without running. */
  dispose(): void {
    this.disposed = true;
    this.current?.abort();
    this.current = undefined;
  }
}
