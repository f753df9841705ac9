// The key and the headers: sent only where they belong, never in messages or logs.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createClient, type RequestLogInfo } from '../../../src/api';
import { chatRequests, clientFor, collect, KEY, REQ, rejection, withServer } from './helpers';

test('Authorization: Bearer <key> on every request; X-Prime-Team-ID only when set', () =>
  withServer(async (server) => {
    await collect(clientFor(server).streamChat(REQ));
    await clientFor(server).listModels();
    for (const r of server.requests) {
      assert.equal(r.headers.authorization, `Bearer ${KEY}`);
      assert.equal(r.headers['x-prime-team-id'], undefined);
    }
    await clientFor(server, { teamId: 'team-42' }).listModels();
    assert.equal(server.requests.at(-1)!.headers['x-prime-team-id'], 'team-42');
    await clientFor(server, { teamId: '' }).listModels();
    assert.equal(server.requests.at(-1)!.headers['x-prime-team-id'], undefined);
  }));

test('no key → no Authorization header (local servers)', () =>
  withServer(async (server) => {
    await createClient({ baseUrl: server.url }).listModels();
    assert.equal(server.requests[0]!.headers.authorization, undefined);
  }));

test('extra headers are sent, but cannot override Authorization / Content-Type', () =>
  withServer(async (server) => {
    await clientFor(server, { headers: { 'X-Title': 'Inference Chat', Authorization: 'Bearer other', 'content-type': 'text/plain' } }).chat(REQ);
    const h = chatRequests(server)[0]!.headers;
    assert.equal(h['x-title'], 'Inference Chat');
    assert.equal(h.authorization, `Bearer ${KEY}`);
    assert.equal(h['content-type'], 'application/json');
  }));

test('a redirect to another origin is refused; the key never reaches it', () =>
  withServer(async (server) => {
    server.setScenario('redirect-other-origin');
    const err = await rejection(clientFor(server).chat(REQ));
    assert.equal(err.reason, 'redirect_refused');
    assert.equal(err.status, 307);
    assert.match(err.message, /redirected the request to http:\/\/localhost:\d+/);
    assert.equal(server.requests.length, 1, 'the redirect was not followed');
    assert.ok(!err.message.includes(KEY));
  }));

test('onRequest never receives the key or the host', () =>
  withServer(async (server) => {
    const log: RequestLogInfo[] = [];
    server.setScenario('unauthorized');
    const client = clientFor(server, { onRequest: (i) => log.push(i) });
    await rejection(client.chat(REQ));
    await collect(client.streamChat(REQ));
    const dump = JSON.stringify(log);
    assert.ok(log.length >= 2);
    assert.ok(!dump.includes(KEY));
    assert.ok(!dump.includes('127.0.0.1'));
    assert.ok(log.every((l) => typeof l.durationMs === 'number' && l.durationMs >= 0));
  }));

test('errors of every kind never include the key', () =>
  withServer(async (server) => {
    const kinds = ['unauthorized', 'server-error-html', 'mid-stream-error', 'cut', 'malformed-chunk', 'vllm-error'] as const;
    for (const k of kinds) {
      server.setScenario(k);
      const r = await collect(clientFor(server, { retry: { maxRetries: 0 } }).streamChat(REQ));
      assert.ok(r.error, k);
      assert.ok(!r.error.message.includes(KEY) && !String(r.error.stack).includes(KEY), k);
    }
  }));

test('a throwing onRequest does not break the request', () =>
  withServer(async (server) => {
    const r = await clientFor(server, {
      onRequest: () => {
        throw new Error('logger broke');
      },
    }).chat(REQ);
    assert.ok(r.text.length > 0);
  }));

test('invalid base URLs are rejected with a readable message', () => {
  assert.throws(() => createClient({ baseUrl: 'not a url' }), /not a valid URL/);
  assert.throws(() => createClient({ baseUrl: 'ftp://example.com/v1' }), /http:\/\/ or https:\/\//);
});

test('a key that cannot be sent in an HTTP header fails as a clear config error, not a network error, and nothing is sent', () =>
  withServer(async (server) => {
    for (const key of ['sk-proj-abc…', 'sk-proj-abc\ndef', 'sk-proj-“quoted”']) {
      const err = await rejection(clientFor(server, { apiKey: key }).listModels());
      assert.equal(err.kind, 'config', key);
      assert.equal(err.reason, 'invalid_request', key);
      assert.match(err.message, /API key contains a character that cannot be sent in an HTTP header/);
      assert.ok(!err.message.includes('sk-proj-abc'), 'the message does not repeat the key');
    }
    assert.equal(server.requests.length, 0);
  }));
