// The fill-in-the-middle endpoints when things go wrong, over real loopback sockets: an abort reaches the server, a
// missing endpoint is `endpoint_unsupported`, nothing is retried, 429/402 keep their kinds, the key never shows,
// deadlines hold, broken streams say so.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { completionRequests, INFILL_NOT_SUPPORTED, type FixtureServer } from '../../fixtures/server';
import { waitFor } from '../../helpers/waitFor';
import { chatRequests, clientFor, collect, collectCompletion, KEY, REQ, withServer } from './helpers';
import type { CompletionEvent } from '../../../src/api';

const COMPLETION = { model: 'fixture-coder', prompt: '<|fim_prefix|>x = <|fim_suffix|>\nprint(x)<|fim_middle|>' };
const INFILL = { input_prefix: 'x = ', input_suffix: '\nprint(x)' };
const DEADLINE = { timeout: 30_000 };
const LONG_FILL = Array.from({ length: 200 }, (_, i) => `w${i} `).join('');

/** Both endpoints of one client, by name, for the cases that hold for each. */
const ENDPOINTS = {
  completions: (server: FixtureServer, opts = {}, signal?: AbortSignal): AsyncIterable<CompletionEvent> =>
    clientFor(server, opts).streamCompletion(COMPLETION, signal ? { signal } : {}),
  infill: (server: FixtureServer, opts = {}, signal?: AbortSignal): AsyncIterable<CompletionEvent> =>
    clientFor(server, opts).streamInfill(INFILL, signal ? { signal } : {}),
};

for (const [name, open] of Object.entries(ENDPOINTS)) {
  test(`${name}: an abort mid-stream ends the iteration as "cancelled" and closes the connection (the server sees it)`, DEADLINE, () =>
    withServer(async (server) => {
      server.setScenario('completion-delay', { ms: 0, intervalMs: 5 });
      server.setCompletion(LONG_FILL);
      const ctl = new AbortController();
      let texts = 0;
      const r = await collectCompletion(open(server, {}, ctl.signal), (ev) => {
        if (ev.type === 'text' && ++texts === 3) ctl.abort();
      });
      assert.equal(r.error?.kind, 'cancelled');
      assert.equal(r.text, 'w0 w1 w2 ');
      assert.equal(r.done, undefined);
      const [sent] = completionRequests(server.requests);
      await waitFor('the server to see the connection close', () => sent?.closedEarly, 10_000);
    }));

  test(`${name}: an abort during the service time (before the first byte) reaches the server`, DEADLINE, () =>
    withServer(async (server) => {
      server.setScenario('completion-delay', { ms: 60_000 });
      const ctl = new AbortController();
      const pending = collectCompletion(open(server, {}, ctl.signal));
      const sent = await waitFor('the request to arrive', () => completionRequests(server.requests)[0], 10_000);
      ctl.abort();
      const r = await pending;
      assert.equal(r.error?.kind, 'cancelled');
      await waitFor('the server to see the connection close', () => sent.closedEarly, 10_000);
    }));

  test(`${name}: a 503 is not retried (the chat of the same client is)`, () =>
    withServer(async (server) => {
      server.setScenario('http-error', { status: 503 });
      const r = await collectCompletion(open(server));
      assert.equal(r.error?.kind, 'server');
      assert.equal(r.error?.reason, 'http_status');
      assert.equal(r.error?.status, 503);
      assert.equal(completionRequests(server.requests).length, 1);
      await collect(clientFor(server).streamChat(REQ));
      assert.ok(chatRequests(server).length > 1, 'the chat retried: the policy is on, completions opt out');
    }));

  test(`${name}: 429 keeps kind "rate" with its Retry-After, 402 keeps "funds", each sent once`, () =>
    withServer(async (server) => {
      server.setScenario('completion-rate-limit', { retryAfter: '7' });
      const rate = await collectCompletion(open(server));
      assert.equal(rate.error?.kind, 'rate');
      assert.equal(rate.error?.reason, 'http_status');
      assert.equal(rate.error?.retryAfterMs, 7000);
      server.setScenario('http-error', { status: 402, body: { error: { message: 'Insufficient funds', type: 'insufficient_funds', code: 'insufficient_funds' } } });
      const funds = await collectCompletion(open(server));
      assert.equal(funds.error?.kind, 'funds');
      assert.equal(funds.error?.reason, 'http_status');
      assert.equal(completionRequests(server.requests).length, 2);
    }));

  test(`${name}: a 401 that echoes the key → "auth", the key redacted from the message`, () =>
    withServer(async (server) => {
      server.setScenario('echo-key');
      const r = await collectCompletion(open(server));
      assert.equal(r.error?.kind, 'auth');
      assert.equal(r.error?.status, 401);
      assert.match(r.error?.message ?? '', /Invalid API Key: \[redacted\]/);
      assert.ok(!r.error?.message.includes(KEY));
    }));

  test(`${name}: a 405 → "endpoint_unsupported" (kind config), and so is a 404 without a model in its words`, () =>
    withServer(async (server) => {
      for (const status of [405, 404]) {
        server.setScenario('http-error', { status, body: { error: { message: 'Not Found', type: 'not_found_error', code: status } } });
        const r = await collectCompletion(open(server));
        assert.equal(r.error?.reason, 'endpoint_unsupported', `${status}: ${r.error?.message}`);
        assert.equal(r.error?.kind, 'config');
        assert.equal(r.error?.status, status);
      }
    }));

  test(`${name}: a 404 for an unknown model stays a model error (the endpoint exists)`, () =>
    withServer(async (server) => {
      const body = { error: { message: 'The model `fixture-coder` does not exist', type: 'invalid_request_error', code: 'model_not_found' } };
      server.setScenario('http-error', { status: 404, body });
      const r = await collectCompletion(open(server));
      assert.equal(r.error?.kind, 'model');
      assert.equal(r.error?.reason, 'http_status');
    }));

  test(`${name}: a stream that stops sending → "idle_timeout" after the text that came`, DEADLINE, () =>
    withServer(async (server) => {
      server.setScenario('completion-stall', { after: 2 });
      server.setCompletion(LONG_FILL);
      const r = await collectCompletion(open(server, { idleTimeoutMs: 300 }));
      assert.equal(r.error?.kind, 'timeout');
      assert.equal(r.error?.reason, 'idle_timeout');
      assert.equal(r.text, 'w0 w1 ');
      assert.equal(completionRequests(server.requests).length, 1);
    }));

  test(`${name}: no first byte within the connect deadline → "connect_timeout", sent once`, DEADLINE, () =>
    withServer(async (server) => {
      server.setScenario('completion-delay', { ms: 60_000 });
      const r = await collectCompletion(open(server, { connectTimeoutMs: 1000 }));
      assert.equal(r.error?.kind, 'timeout');
      assert.equal(r.error?.reason, 'connect_timeout');
      assert.equal(completionRequests(server.requests).length, 1);
    }));

  test(`${name}: a cut stream → "interrupted" after the text that came; an error event → "stream_error"`, () =>
    withServer(async (server) => {
      server.setCompletion(LONG_FILL);
      server.setScenario('completion-cut', { after: 3 });
      const cut = await collectCompletion(open(server));
      assert.equal(cut.error?.kind, 'interrupted');
      assert.equal(cut.error?.reason, 'connection_closed');
      assert.equal(cut.text, 'w0 w1 w2 ');
      for (const line of [false, true]) {
        server.setScenario('completion-error-event', { after: 2, line });
        const r = await collectCompletion(open(server));
        assert.equal(r.error?.reason, 'stream_error', `line ${line}: ${r.error?.message}`);
        assert.equal(r.error?.kind, 'server');
        assert.match(r.error?.message ?? '', /The model backend crashed while generating/);
        assert.equal(r.text, 'w0 w1 ');
      }
    }));
}

test('/infill answering llama.cpp\'s 501 not_supported_error → "endpoint_unsupported" with its status and type; /completions still works', () =>
  withServer(async (server) => {
    server.setScenario('infill-unsupported');
    const r = await collectCompletion(ENDPOINTS.infill(server));
    assert.equal(r.error?.reason, 'endpoint_unsupported');
    assert.equal(r.error?.kind, 'config');
    assert.equal(r.error?.status, 501);
    assert.equal(r.error?.type, 'not_supported_error');
    assert.match(r.error?.message ?? '', /\/infill/);
    assert.match(r.error?.message ?? '', new RegExp(INFILL_NOT_SUPPORTED.error.message.slice(0, 40)));
    assert.equal((await collectCompletion(ENDPOINTS.completions(server))).done?.finishReason, 'stop');
  }));

test('/v1/completions answering 404 (a chat-only gateway) → "endpoint_unsupported"; /infill still works', () =>
  withServer(async (server) => {
    server.setScenario('completions-not-found');
    const r = await collectCompletion(ENDPOINTS.completions(server));
    assert.equal(r.error?.reason, 'endpoint_unsupported');
    assert.equal(r.error?.status, 404);
    assert.equal((await collectCompletion(ENDPOINTS.infill(server))).done?.finishReason, 'stop');
    server.setScenario('no-fim-endpoints');
    assert.equal((await collectCompletion(ENDPOINTS.infill(server))).error?.reason, 'endpoint_unsupported');
  }));

test('LM Studio\'s HTTP 200 "Unexpected endpoint or method" → "endpoint_unsupported"; another error in a 200 answer stays "stream_error"', () =>
  withServer(async (server) => {
    server.setScenario('unexpected-endpoint-200');
    for (const [name, open] of Object.entries(ENDPOINTS)) {
      const r = await collectCompletion(open(server));
      assert.equal(r.error?.reason, 'endpoint_unsupported', `${name}: ${r.error?.message}`);
      assert.equal(r.error?.kind, 'config');
      assert.match(r.error?.message ?? '', /Unexpected endpoint or method/);
    }
    server.setScenario('error-string', { status: 200 });
    const other = await collectCompletion(ENDPOINTS.infill(server));
    assert.equal(other.error?.reason, 'stream_error', other.error?.message);
    assert.match(other.error?.message ?? '', /Something broke upstream/);
  }));

test('a wrong key on a server that checks it → "auth", not "endpoint_unsupported"', () =>
  withServer(async (server) => {
    const r = await collectCompletion(clientFor(server, { apiKey: 'sk-wrong-key-000000' }).streamInfill(INFILL));
    assert.equal(r.error?.kind, 'auth');
    assert.equal(r.error?.status, 401);
    assert.ok(!r.error?.message.includes('sk-wrong-key-000000'));
  }, { apiKey: KEY }));

test('aborted before start → "cancelled", nothing sent', () =>
  withServer(async (server) => {
    const ctl = new AbortController();
    ctl.abort();
    assert.equal((await collectCompletion(ENDPOINTS.completions(server, {}, ctl.signal))).error?.kind, 'cancelled');
    assert.equal((await collectCompletion(ENDPOINTS.infill(server, {}, ctl.signal))).error?.kind, 'cancelled');
    assert.equal(server.requests.length, 0);
  }));
