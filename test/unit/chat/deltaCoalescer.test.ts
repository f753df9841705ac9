import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DeltaCoalescer, type CoalescerClock } from '../../../src/chat/deltaCoalescer';
import type { HostToWebview } from '../../../src/protocol';

type Delta = Extract<HostToWebview, { type: 'delta' }>;

/** A clock whose time moves only when the test says: `advance` runs the timers that fall due, in order. */
class FakeClock implements CoalescerClock {
  time = 0;
  private timers: Array<{ at: number; fn: () => void; id: object }> = [];
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = {};
    this.timers.push({ at: this.time + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  get pendingTimers(): number {
    return this.timers.length;
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.fn();
    }
    this.time = end;
  }
}

function setup(opts: { intervalMs?: number; maxChars?: number } = {}) {
  const clock = new FakeClock();
  const posted: Array<Delta & { at: number }> = [];
  const c = new DeltaCoalescer((d) => posted.push({ ...d, at: clock.now() }), { intervalMs: 8, maxChars: 1_000_000, ...opts, clock });
  return { clock, posted, c };
}

test('many small chunks become few deltas with the same text, in order', () => {
  const { clock, posted, c } = setup();
  for (let i = 0; i < 500; i++) c.push('c', 'm', 'text', `${i},`);
  c.push('c', 'm', 'reasoning', 'why');
  clock.advance(8);
  assert.equal(posted.length, 2, 'the first chunk at once, everything after it in one post');
  assert.equal(posted.map((d) => d.text).join(''), Array.from({ length: 500 }, (_, i) => `${i},`).join(''));
  assert.equal(posted[1]!.reasoning, 'why');
  c.dispose();
});

test('the first chunk after a quiet spell is posted at once, inside push', () => {
  const { clock, posted, c } = setup();
  c.push('c', 'm', 'text', 'Hello');
  assert.deepEqual(posted.map((d) => [d.text, d.at]), [['Hello', 0]]);
  assert.equal(clock.pendingTimers, 0, 'nothing waits');
  clock.advance(500); // a pause (the model thinks)
  c.push('c', 'm', 'text', ' again');
  assert.deepEqual(posted.map((d) => [d.text, d.at]), [['Hello', 0], [' again', 500]]);
  c.dispose();
});

test('text that comes within the interval waits only for the rest of it, then goes in one post', () => {
  const { clock, posted, c } = setup();
  c.push('c', 'm', 'text', 'a'); // posted at 0
  clock.advance(3);
  c.push('c', 'm', 'text', 'b');
  clock.advance(2);
  c.push('c', 'm', 'text', 'c');
  assert.equal(posted.length, 1, 'b and c wait');
  clock.advance(2);
  assert.equal(posted.length, 1, 'still within the interval (7 ms after the last post)');
  clock.advance(1);
  assert.deepEqual(posted.map((d) => [d.text, d.at]), [['a', 0], ['bc', 8]], 'posted 8 ms after the last post, not 8 ms after b');
  c.dispose();
});

test('a flood gives at most one post per interval, and all of its text in order', () => {
  const { clock, posted, c } = setup({ intervalMs: 8 });
  let expected = '';
  for (let ms = 0; ms < 1000; ms++) {
    for (let k = 0; k < 3; k++) {
      const piece = `${ms}.${k} `;
      expected += piece;
      c.push('c', 'm', 'text', piece);
    }
    clock.advance(1);
  }
  clock.advance(8);
  assert.equal(posted.map((d) => d.text).join(''), expected);
  assert.ok(posted.length <= 1000 / 8 + 2, `${posted.length} posts for 1000 ms of text`);
  for (let i = 1; i < posted.length; i++) assert.ok(posted[i]!.at - posted[i - 1]!.at >= 8, `posts ${i - 1} and ${i} are ${posted[i]!.at - posted[i - 1]!.at} ms apart`);
});

test('a full buffer is posted at once, even within the interval; flush() posts what waits; empty text is ignored', () => {
  const { clock, posted, c } = setup({ intervalMs: 60_000, maxChars: 10 });
  c.push('c', 'm', 'text', '');
  assert.equal(posted.length, 0, 'empty text is not a post');
  c.push('c', 'm', 'text', 'first');
  c.push('c', 'm', 'text', '12345');
  assert.deepEqual(posted.map((d) => d.text), ['first']);
  c.push('c', 'm', 'text', '67890');
  assert.deepEqual(posted.map((d) => d.text), ['first', '1234567890']);
  c.push('c', 'm', 'text', 'x');
  c.flush();
  assert.deepEqual(posted.map((d) => d.text), ['first', '1234567890', 'x']);
  c.flush();
  assert.equal(posted.length, 3, 'nothing left to flush');
  assert.equal(clock.pendingTimers, 0, 'flush cancels the waiting timer');
  c.dispose();
});

test('text of two messages waits together and is posted as one delta per message', () => {
  const { clock, posted, c } = setup();
  c.push('c', 'm1', 'text', 'one');
  c.push('c', 'm1', 'text', ' more');
  c.push('c', 'm2', 'reasoning', 'thinking');
  clock.advance(8);
  assert.deepEqual(
    posted.map((d) => [d.messageId, d.text, d.reasoning]),
    [['m1', 'one', undefined], ['m1', ' more', undefined], ['m2', undefined, 'thinking']],
  );
});

test('dispose drops what waits and its timer: nothing is posted after it', () => {
  const { clock, posted, c } = setup();
  c.push('c', 'm', 'text', 'a');
  c.push('c', 'm', 'text', 'b');
  c.dispose();
  clock.advance(100);
  assert.deepEqual(posted.map((d) => d.text), ['a']);
  assert.equal(clock.pendingTimers, 0);
});

test('without a clock it uses the real timers: a chunk after the first is posted by its timer', async () => {
  const posted: string[] = [];
  let second!: () => void;
  const secondPost = new Promise<void>((resolve) => (second = resolve));
  const c = new DeltaCoalescer((d) => {
    posted.push(d.text ?? '');
    if (posted.length === 2) second();
  }, { intervalMs: 5 });
  c.push('c', 'm', 'text', 'a');
  c.push('c', 'm', 'text', 'b');
  assert.deepEqual(posted, ['a']);
  await secondPost; // the timer fired (the test runner's own deadline bounds this wait)
  assert.deepEqual(posted, ['a', 'b']);
  c.dispose();
});
