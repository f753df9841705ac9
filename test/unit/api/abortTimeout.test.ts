// Cancellation and timeouts: before start, during the retry wait, mid-stream; connect and idle timeouts.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { chatRequests, clientFor, collect, REQ, rejection, withServer } from './helpers';

test('aborted before start → "cancelled", nothing sent', () =>
  withServer(async (server) => {
    const ctl = new AbortController();
    ctl.abort();
    const r = await collect(clientFor(server).streamChat(REQ, { signal: ctl.signal }));
    assert.equal(r.error?.kind, 'cancelled');
    const err = await rejection(clientFor(server).listModels({ signal: ctl.signal }));
    assert.equal(err.kind, 'cancelled');
    assert.equal(server.requests.length, 0);
  }));

test('abort mid-stream (slow scenario) → text so far, then "cancelled"; the server sees the connection close', () =>
  withServer(async (server) => {
    server.setScenario('slow', { intervalMs: 5 });
    const ctl = new AbortController();
    let texts = 0;
    const r = await collect(clientFor(server).streamChat(REQ, { signal: ctl.signal }), (ev) => {
      if (ev.type === 'text' && ++texts === 5) ctl.abort();
    });
    assert.equal(r.error?.kind, 'cancelled');
    assert.equal(r.error?.message, 'The request was cancelled');
    assert.ok(r.text.startsWith('word0 word1 word2 word3 '));
    assert.equal(r.finish, undefined);
  }));

test('breaking out of the loop closes the connection (no error)', () =>
  withServer(async (server) => {
    server.setScenario('slow', { intervalMs: 5 });
    let n = 0;
    for await (const ev of clientFor(server).streamChat(REQ)) {
      if (ev.type === 'text' && ++n === 3) break;
    }
    assert.equal(n, 3);
    // the next request on the same server works (nothing stuck)
    server.setScenario('normal');
    assert.equal((await collect(clientFor(server).streamChat(REQ))).finish, 'stop');
  }));

test('abort during the retry wait → "cancelled" promptly, no further attempt', () =>
  withServer(async (server) => {
    server.setScenario('rate-limit-always', { retryAfter: '60' });
    const ctl = new AbortController();
    const client = clientFor(server, {
      retry: { maxRetries: 3, maxDelayMs: 60_000, maxTotalWaitMs: 120_000 },
      onRequest: (info) => {
        if (info.status === 429) setImmediate(() => ctl.abort());
      },
    });
    const err = await rejection(client.chat(REQ, { signal: ctl.signal }));
    assert.equal(err.kind, 'cancelled');
    assert.equal(chatRequests(server).length, 1);
  }));

test('abort while waiting for headers → "cancelled", distinguishable from a timeout', () =>
  withServer(async (server) => {
    server.setScenario('slow-headers', { delayMs: 30_000 });
    const ctl = new AbortController();
    const pending = rejection(clientFor(server).chat(REQ, { signal: ctl.signal }));
    // abort once the server has the request
    while (chatRequests(server).length === 0) await new Promise((r) => setImmediate(r));
    ctl.abort();
    const err = await pending;
    assert.equal(err.kind, 'cancelled');
  }));

test('connect timeout (no headers) → "timeout", not retried', () =>
  withServer(async (server) => {
    server.setScenario('slow-headers', { delayMs: 30_000 });
    // 1 s rather than less: on a loaded machine the loopback server must have read the request by then, so the
    // count below says "sent once, not retried" rather than racing the server's own event loop.
    const err = await rejection(clientFor(server, { connectTimeoutMs: 1000 }).chat(REQ));
    assert.equal(err.kind, 'timeout');
    assert.match(err.message, /did not respond/);
    assert.equal(chatRequests(server).length, 1);
  }));

test('idle timeout (stream stalls) → text so far, then "timeout"', () =>
  withServer(async (server) => {
    server.setScenario('stall', { delayMs: 30_000 });
    const r = await collect(clientFor(server, { idleTimeoutMs: 100 }).streamChat(REQ));
    assert.ok(r.text.length > 0);
    assert.equal(r.error?.kind, 'timeout');
    assert.match(r.error.message, /stopped sending/);
  }));

test('abort of a non-streamed chat while the body is read → "cancelled"', () =>
  withServer(async (server) => {
    server.setScenario('slow-headers', { delayMs: 30_000 });
    const ctl = new AbortController();
    const p = rejection(clientFor(server).listModels({ signal: ctl.signal }));
    while (server.requests.length === 0) await new Promise((r) => setImmediate(r));
    ctl.abort();
    assert.equal((await p).kind, 'cancelled');
  }));
