// Debounce and abort with a fake clock: time moves only when the test says so (no real waiting).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { RequestScheduler, type Clock } from '../../../src/completions/core/requestScheduler';

class FakeClock implements Clock {
  private time = 0;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 1;
  now(): number { return this.time; }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void { this.timers = this.timers.filter((t) => t.id !== handle); }
  get pending(): number { return this.timers.length; }
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time).sort((a, b) => a.at - b.at);
    this.timers = this.timers.filter((t) => t.at > this.time);
    for (const t of due) t.fn();
  }
}

/** A request that answers when told to, and rejects like fetch when its signal aborts. */
function request<T>(): { run: (signal: AbortSignal) => Promise<T>; answer: (value: T) => void; signal: () => AbortSignal | undefined; calls: () => number } {
  let signal: AbortSignal | undefined;
  let answer: (value: T) => void = () => undefined;
  let calls = 0;
  return {
    run: (s) => {
      calls++;
      signal = s;
      return new Promise<T>((resolve, reject) => {
        answer = resolve;
        s.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    },
    answer: (value) => answer(value),
    signal: () => signal,
    calls: () => calls,
  };
}

const setup = (): { clock: FakeClock; scheduler: RequestScheduler } => {
  const clock = new FakeClock();
  return { clock, scheduler: new RequestScheduler({ debounceMs: 200, clock }) };
};

test('runs after the debounce, not before, and resolves the run\'s value', async () => {
  const { clock, scheduler } = setup();
  const r = request<string>();
  const result = scheduler.schedule(r.run);
  clock.advance(199);
  assert.equal(r.calls(), 0);
  clock.advance(1);
  assert.equal(r.calls(), 1);
  assert.equal(r.signal()?.aborted, false);
  r.answer('x + 1');
  assert.equal(await result, 'x + 1');
});

test('a new schedule while the first waits: the first resolves undefined and never runs', async () => {
  const { clock, scheduler } = setup();
  const first = request<string>();
  const second = request<string>();
  const one = scheduler.schedule(first.run);
  clock.advance(150);
  const two = scheduler.schedule(second.run);
  assert.equal(await one, undefined);
  clock.advance(150);
  assert.equal(second.calls(), 0, 'the debounce starts again');
  clock.advance(50);
  assert.equal(first.calls(), 0);
  assert.equal(second.calls(), 1);
  second.answer('b');
  assert.equal(await two, 'b');
  assert.equal(clock.pending, 0);
});

test('a new schedule while the first is in flight aborts its signal (the socket) and it resolves undefined', async () => {
  const { clock, scheduler } = setup();
  const first = request<string>();
  const one = scheduler.schedule(first.run);
  clock.advance(200);
  const signal = first.signal();
  assert.equal(signal?.aborted, false);
  const two = scheduler.schedule(request<string>().run);
  assert.equal(signal?.aborted, true);
  assert.equal(await one, undefined, 'no rejection for the abort');
  scheduler.dispose();
  assert.equal(await two, undefined);
});

test('the caller\'s cancellation aborts a waiting or running request; an already cancelled one never runs', async () => {
  const { clock, scheduler } = setup();
  const waiting = request<string>();
  const c1 = new AbortController();
  const one = scheduler.schedule(waiting.run, c1.signal);
  c1.abort();
  assert.equal(await one, undefined);
  clock.advance(1000);
  assert.equal(waiting.calls(), 0);

  const running = request<string>();
  const c2 = new AbortController();
  const two = scheduler.schedule(running.run, c2.signal);
  clock.advance(200);
  c2.abort();
  assert.equal(running.signal()?.aborted, true);
  assert.equal(await two, undefined);

  const never = request<string>();
  const c3 = new AbortController();
  c3.abort();
  assert.equal(await scheduler.schedule(never.run, c3.signal), undefined);
  clock.advance(1000);
  assert.equal(never.calls(), 0);
});

test('immediate (an invoked suggestion) skips the debounce', async () => {
  const { clock, scheduler } = setup();
  const r = request<string>();
  const result = scheduler.schedule(r.run, undefined, { immediate: true });
  assert.equal(r.calls(), 1, 'ran with no time passing');
  assert.equal(clock.pending, 0);
  r.answer('now');
  assert.equal(await result, 'now');
});

test('a value that arrives after the abort is stale; a real error (not an abort) rejects', async () => {
  const { clock, scheduler } = setup();
  let resolveLate: (v: string) => void = () => undefined;
  const late = scheduler.schedule(() => new Promise<string>((resolve) => { resolveLate = resolve; }));
  clock.advance(200);
  const next = scheduler.schedule(async () => 'fresh', undefined, { immediate: true });
  resolveLate('stale');
  assert.equal(await late, undefined);
  assert.equal(await next, 'fresh');

  const failing = scheduler.schedule(async () => { throw new Error('HTTP 500'); }, undefined, { immediate: true });
  await assert.rejects(failing, /HTTP 500/);
  const throwing = scheduler.schedule(() => { throw new Error('sync'); }, undefined, { immediate: true });
  await assert.rejects(throwing, /sync/);
});

test('dispose aborts what runs and later schedules resolve undefined without running', async () => {
  const { clock, scheduler } = setup();
  const r = request<string>();
  const result = scheduler.schedule(r.run, undefined, { immediate: true });
  scheduler.dispose();
  assert.equal(r.signal()?.aborted, true);
  assert.equal(await result, undefined);
  const after = request<string>();
  assert.equal(await scheduler.schedule(after.run, undefined, { immediate: true }), undefined);
  clock.advance(1000);
  assert.equal(after.calls(), 0);
});

test('a debounce of 0 runs at once; the default clock is the real one (nothing to wait for here)', async () => {
  const scheduler = new RequestScheduler({ debounceMs: 0 });
  assert.equal(await scheduler.schedule(async (signal) => (signal.aborted ? 'aborted' : 'ran')), 'ran');
});
