// Notices for a chat view that is not there (hidden, not opened, loading): held for its next `ready`, or shown
// as VS Code notifications when no view is ready in time. Never dropped, never shown twice.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { type HeldNotice, NoticeQueue } from '../../../src/chat/noticeQueue';

/** A queue with a hand-driven timer: `fire()` runs what is due. */
function queue(): { q: NoticeQueue; notified: HeldNotice[]; timers: Array<{ run: () => void; ms: number; cleared: boolean }>; fire: () => void } {
  const notified: HeldNotice[] = [];
  const timers: Array<{ run: () => void; ms: number; cleared: boolean }> = [];
  const q = new NoticeQueue({
    graceMs: () => 3000,
    notify: (n) => notified.push(n),
    setTimer: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => void ((timer as { cleared: boolean }).cleared = true),
  });
  return { q, notified, timers, fire: () => timers.filter((t) => !t.cleared).forEach((t) => ((t.cleared = true), t.run())) };
}

const refused = { level: 'warning' as const, message: '.env is excluded by .gitignore: not attached.' };

test('a view that becomes ready in time gets the held notices, in order; no notification', () => {
  const { q, notified, timers, fire } = queue();
  q.hold(refused);
  q.hold({ level: 'info', message: 'second' });
  assert.equal(timers.length, 1, 'one wait for the first notice held');
  assert.equal(timers[0]!.ms, 3000);
  assert.deepEqual(q.release(), [refused, { level: 'info', message: 'second' }]);
  assert.equal(timers[0]!.cleared, true, 'the wait is over');
  fire();
  assert.deepEqual(notified, []);
  assert.deepEqual(q.release(), [], 'given once');
});

test('no view ready in time: each held notice becomes a notification, and is not given to a later view', () => {
  const { q, notified, fire } = queue();
  q.hold(refused);
  fire();
  assert.deepEqual(notified, [refused]);
  assert.deepEqual(q.release(), []);
  // A later notice waits again.
  q.hold({ level: 'error', message: 'later' });
  fire();
  assert.deepEqual(notified, [refused, { level: 'error', message: 'later' }]);
});

test('the same notice twice is held once (the newer place); a burst keeps the newest ten', () => {
  const { q } = queue();
  q.hold(refused);
  q.hold({ level: 'info', message: 'other' });
  q.hold(refused);
  assert.deepEqual(q.release().map((n) => n.message), ['other', refused.message]);
  for (let i = 0; i < 15; i++) q.hold({ level: 'info', message: `n${i}` });
  assert.deepEqual(q.release().map((n) => n.message), Array.from({ length: 10 }, (_, i) => `n${i + 5}`));
});

test('dispose drops the wait and what is held', () => {
  const { q, notified, timers, fire } = queue();
  q.hold(refused);
  q.dispose();
  assert.equal(timers[0]!.cleared, true);
  fire();
  assert.deepEqual(notified, []);
  assert.equal(q.size, 0);
});
