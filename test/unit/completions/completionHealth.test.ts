// The completions' state: shown once per failure, back-off after a rate limit, no request while an error needs
// the user, and the session's counts and spend.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CompletionHealth } from '../../../src/completions/core/completionHealth';

function health(start = 1_000) {
  let now = start;
  let renders = 0;
  const h = new CompletionHealth(() => renders++, () => now);
  return { h, advance: (ms: number) => (now += ms), renders: () => renders };
}

test('a request goes from ready to waiting and back, with its latency and cost', () => {
  const { h } = health();
  assert.equal(h.current.state, 'ready');
  h.started();
  assert.equal(h.current.state, 'waiting');
  h.succeeded(41.6, 0.0002);
  assert.deepEqual({ ...h.current }, { state: 'ready', requests: 1, wasted: 0, spendUsd: 0.0002, lastLatencyMs: 42 });
});

test('two requests in flight: waiting until both ended; an aborted one counts as wasted', () => {
  const { h } = health();
  h.started();
  h.started();
  h.wasted();
  assert.equal(h.current.state, 'waiting');
  h.succeeded(10);
  assert.equal(h.current.state, 'ready');
  assert.equal(h.current.wasted, 1);
  assert.equal(h.current.requests, 2);
});

test('an error that needs the user stops requests until something changes; the same error again does not re-render', () => {
  const { h, renders } = health();
  h.started();
  h.failed({ kind: 'auth', message: 'Invalid API Key', actions: ['setApiKey'] });
  assert.equal(h.current.state, 'error');
  assert.equal(h.mayRequest(), false);
  const before = renders();
  h.started();
  h.failed({ kind: 'auth', message: 'Invalid API Key', actions: ['setApiKey'] });
  // started() showed "waiting", failed() showed the error again: the item changed twice, the error itself once.
  assert.equal(renders() - before, 2);
  h.reset();
  assert.equal(h.current.state, 'ready');
  assert.equal(h.mayRequest(), true);
});

test('a rate limit pauses requests for Retry-After (at least 30 s), doubling while it repeats', () => {
  const { h, advance } = health();
  h.started();
  h.failed({ kind: 'rate', message: 'slow down', actions: ['retry'] }, 5_000);
  assert.equal(h.mayRequest(), false);
  advance(29_999);
  assert.equal(h.mayRequest(), false);
  advance(2);
  assert.equal(h.mayRequest(), true, 'a transient error does not wait for the user');
  h.started();
  h.failed({ kind: 'rate', message: 'slow down', actions: ['retry'] }, 90_000);
  advance(60_001);
  assert.equal(h.mayRequest(), false, 'Retry-After longer than the back-off wins');
  advance(30_000);
  assert.equal(h.mayRequest(), true);
});

test('a server error (5xx) shows but does not stop the next keystroke', () => {
  const { h } = health();
  h.started();
  h.failed({ kind: 'server', message: '500', actions: ['retry'] });
  assert.equal(h.current.state, 'error');
  assert.equal(h.mayRequest(), true);
});

test('off: no request, with its reason; on again: ready', () => {
  const { h } = health();
  h.setOff('Turned off in the settings.');
  assert.deepEqual([h.current.state, h.current.offReason, h.mayRequest()], ['off', 'Turned off in the settings.', false]);
  h.reset();
  assert.equal(h.current.state, 'off', 'a settings change does not turn completions on by itself');
  h.setOff(undefined);
  assert.equal(h.current.state, 'ready');
  assert.equal(h.current.offReason, undefined);
});
