// Retries: which statuses, how many, Retry-After in all its forms, the total-wait bound, never once streaming began.
import { isTransient } from '../../../src/common/appError';
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DEFAULT_REPLY } from '../../fixtures/server';
import { backoffDelay, parseRetryAfter, resolveRetry } from '../../../src/api/retry';
import { chatRequests, clientFor, collect, REQ, rejection, withServer } from './helpers';
import type { RequestLogInfo } from '../../../src/api';

test('429 once (Retry-After: 0) → retried, succeeds; onRequest logs both attempts', () =>
  withServer(async (server) => {
    server.setScenario('rate-limit-once', { retryAfter: '0' });
    const log: RequestLogInfo[] = [];
    const r = await collect(clientFor(server, { onRequest: (i) => log.push(i) }).streamChat(REQ));
    assert.equal(r.text, DEFAULT_REPLY);
    assert.deepEqual(log.map((l) => [l.attempt, l.status]), [[1, 429], [2, 200]]);
    assert.equal(log[0]!.path, '/v1/chat/completions');
    assert.equal(log[0]!.method, 'POST');
    assert.match(log[0]!.error ?? '', /Rate limit/);
  }));

test('429 with the default Retry-After: 1 second is honoured (capped by maxDelayMs)', () =>
  withServer(async (server) => {
    server.setScenario('rate-limit-once');
    const r = await collect(clientFor(server, { retry: { maxRetries: 2, maxDelayMs: 5 } }).streamChat(REQ));
    assert.equal(r.text, DEFAULT_REPLY);
    assert.equal(chatRequests(server).length, 2);
  }));

test('429 always → maxRetries + 1 attempts, then the 429 error with retryAfterMs', () =>
  withServer(async (server) => {
    server.setScenario('rate-limit-always', { retryAfter: '0' });
    const err = await rejection(clientFor(server, { retry: { maxRetries: 2, baseDelayMs: 1 } }).chat(REQ));
    assert.equal(err.status, 429);
    assert.equal(err.retryAfterMs, 0);
    assert.equal(isTransient(err.kind), true);
    assert.equal(chatRequests(server).length, 3);
  }));

test('maxTotalWaitMs stops retrying when the server asks for a longer wait', () =>
  withServer(async (server) => {
    server.setScenario('rate-limit-always', { retryAfter: '30' });
    const err = await rejection(clientFor(server, { retry: { maxRetries: 5, maxDelayMs: 60_000, maxTotalWaitMs: 1000 } }).chat(REQ));
    assert.equal(err.status, 429);
    assert.equal(err.retryAfterMs, 30_000);
    assert.equal(chatRequests(server).length, 1);
  }));

test('Retry-After as an HTTP date is read', () =>
  withServer(async (server) => {
    server.setScenario('rate-limit-date', { seconds: 5 });
    const err = await rejection(clientFor(server, { retry: { maxRetries: 0 } }).chat(REQ));
    assert.ok(err.retryAfterMs !== undefined && err.retryAfterMs > 0 && err.retryAfterMs <= 6000, String(err.retryAfterMs));
    server.setScenario('rate-limit-date', { seconds: 1 });
    const ok = await clientFor(server, { retry: { maxRetries: 1, maxDelayMs: 5 } }).chat(REQ);
    assert.equal(ok.text, DEFAULT_REPLY);
  }));

test('retry-after-ms header is honoured', () =>
  withServer(async (server) => {
    server.setScenario('rate-limit-ms', { ms: '3' });
    const log: RequestLogInfo[] = [];
    const r = await clientFor(server, { onRequest: (i) => log.push(i) }).chat(REQ);
    assert.equal(r.text, DEFAULT_REPLY);
    assert.deepEqual(log.map((l) => l.status), [429, 200]);
  }));

for (const status of [502, 503, 504]) {
  test(`${status} is retried`, () =>
    withServer(async (server) => {
      server.setScenario('http-error', { status, times: 2 });
      const r = await collect(clientFor(server).streamChat(REQ));
      assert.equal(r.text, DEFAULT_REPLY);
      assert.equal(chatRequests(server).length, 3);
    }));
}

for (const status of [400, 401, 402, 404, 500]) {
  test(`${status} is not retried`, () =>
    withServer(async (server) => {
      server.setScenario('http-error', { status });
      const err = await rejection(clientFor(server).chat(REQ));
      assert.equal(err.status, status);
      assert.equal(chatRequests(server).length, 1);
    }));
}

test('nothing is retried once streaming began (cut and mid-stream error are sent once)', () =>
  withServer(async (server) => {
    server.setScenario('cut');
    assert.equal((await collect(clientFor(server).streamChat(REQ))).error?.kind, 'interrupted');
    server.setScenario('mid-stream-error');
    assert.equal((await collect(clientFor(server).streamChat(REQ))).error?.reason, 'stream_error');
    assert.equal(chatRequests(server).length, 2);
  }));

test('listModels retries too', () =>
  withServer(async (server) => {
    server.setScenario('http-error', { status: 503, times: 1 });
    const models = await clientFor(server).listModels();
    assert.ok(models.length > 0);
    assert.equal(server.requests.length, 2);
  }));

test('backoff: full jitter under an exponential ceiling; Retry-After wins, capped by maxDelayMs', () => {
  const policy = resolveRetry({ baseDelayMs: 100, maxDelayMs: 1000 });
  assert.equal(backoffDelay(policy, 0, undefined, () => 0.999), 99);
  assert.equal(backoffDelay(policy, 3, undefined, () => 0.5), 400);
  assert.equal(backoffDelay(policy, 10, undefined, () => 0.999), 999);
  assert.equal(backoffDelay(policy, 0, undefined, () => 0), 0);
  assert.equal(backoffDelay(policy, 0, 250), 250);
  assert.equal(backoffDelay(policy, 0, 5000), 1000);
});

test('parseRetryAfter: seconds, HTTP date, retry-after-ms, garbage', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  assert.equal(parseRetryAfter(new Headers({ 'retry-after': '2' }), now), 2000);
  assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }), now), 3000);
  assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'Tue, 31 Dec 2024 00:00:00 GMT' }), now), 0);
  assert.equal(parseRetryAfter(new Headers({ 'retry-after-ms': '150', 'retry-after': '9' }), now), 150);
  assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now), undefined);
  assert.equal(parseRetryAfter(new Headers(), now), undefined);
});

test('resolveRetry ignores nonsense values', () => {
  assert.deepEqual(resolveRetry({ maxRetries: -1, baseDelayMs: Number.NaN }), resolveRetry(undefined));
});
