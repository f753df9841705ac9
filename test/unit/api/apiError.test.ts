// Every error body form, the ApiError helpers the UI branches on, and broken streams.
import { isTransient } from '../../../src/common/appError';
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DEFAULT_REPLY } from '../../fixtures/server';
import { clientFor, collect, KEY, REQ, rejection, withServer } from './helpers';

const NO_RETRY = { retry: { maxRetries: 0 } };

test('401 → kind auth, message from the body, key never in the message', () =>
  withServer(async (server) => {
    server.setScenario('unauthorized');
    const err = await rejection(clientFor(server).chat(REQ));
    assert.equal(err.kind, 'auth');
    assert.equal(err.reason, 'http_status');
    assert.equal(err.status, 401);
    assert.equal(err.kind, 'auth');
    assert.equal(err.code, 'invalid_api_key');
    assert.equal(err.message, 'Invalid API key provided.');
    assert.ok(!String(err.stack).includes(KEY) && !JSON.stringify(err).includes(KEY));
  }));

test('wrong key against a key-checking server → 401 on stream and on models', () =>
  withServer(
    async (server) => {
      const client = clientFor(server); // sends KEY, server expects another
      const r = await collect(client.streamChat(REQ));
      assert.equal(r.error?.kind, 'auth');
      assert.equal(r.text, '');
      const err = await rejection(client.listModels());
      assert.equal(err.kind, 'auth');
      assert.ok(!err.message.includes(KEY));
    },
    { apiKey: 'the-right-key' },
  ));

test('invalid model (400 invalid_model) and 404 model_not_found → kind model', () =>
  withServer(async (server) => {
    server.setScenario('invalid-model');
    const a = await rejection(clientFor(server).chat(REQ));
    assert.equal(a.kind, 'model');
    assert.equal(a.status, 400);
    assert.equal(a.type, 'invalid_request_error');
    server.setScenario('not-found-model');
    const b = await rejection(clientFor(server).chat(REQ));
    assert.equal(b.kind, 'model');
    assert.equal(b.status, 404);
    assert.notEqual(b.kind, 'context');
  }));

test('context length exceeded → kind context; vLLM {"object":"error"} body too', () =>
  withServer(async (server) => {
    server.setScenario('context-length');
    const a = await rejection(clientFor(server).chat(REQ));
    assert.equal(a.kind, 'context');
    assert.equal(a.code, 'context_length_exceeded');
    server.setScenario('vllm-error');
    const b = await rejection(clientFor(server).chat(REQ));
    assert.equal(b.status, 400);
    assert.equal(b.code, 400);
    assert.equal(b.type, 'BadRequestError');
    assert.match(b.message, /maximum context length is 4096/);
    assert.equal(b.kind, 'context');
  }));

test('402 insufficient funds → kind funds, not transient', () =>
  withServer(async (server) => {
    server.setScenario('insufficient-funds');
    const err = await rejection(clientFor(server).chat(REQ));
    assert.equal(err.kind, 'funds');
    assert.equal(isTransient(err.kind), false);
  }));

test('{"error":"string"} and FastAPI {"detail":[...]} bodies', () =>
  withServer(async (server) => {
    server.setScenario('error-string', { status: 400 });
    const a = await rejection(clientFor(server).chat(REQ));
    assert.equal(a.message, 'Something broke upstream');
    server.setScenario('fastapi-detail');
    const b = await rejection(clientFor(server).chat(REQ));
    assert.equal(b.status, 422);
    assert.equal(b.message, 'body.messages.0.content: field required');
  }));

test('HTML 500 → "HTTP 500 Internal Server Error from <host>", never the page', () =>
  withServer(async (server) => {
    server.setScenario('server-error-html');
    const err = await rejection(clientFor(server, NO_RETRY).chat(REQ));
    assert.equal(err.message, `HTTP 500 Internal Server Error from 127.0.0.1:${server.port}`);
    assert.ok(!err.message.includes('<'));
    assert.equal(isTransient(err.kind), true);
  }));

test('plain-text error bodies are truncated to ~300 characters', () =>
  withServer(async (server) => {
    server.setScenario('plain-text-error', { status: 400 });
    const err = await rejection(clientFor(server).chat(REQ));
    assert.ok(err.message.startsWith(`HTTP 400 Bad Request from 127.0.0.1:${server.port}: upstream failure:`));
    assert.ok(err.message.length < 400, `length ${err.message.length}`);
  }));

test('mid-stream {"error"} event: the text before it is yielded, then reason "stream_error"', () =>
  withServer(async (server) => {
    server.setScenario('mid-stream-error');
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.ok(r.text.length > 0 && DEFAULT_REPLY.startsWith(r.text));
    assert.equal(r.error?.reason, 'stream_error');
    assert.equal(r.error?.code, 'upstream_error');
    assert.match(r.error.message, /backend crashed/);
  }));

test('connection cut before the finish reason: text kept, then kind "interrupted"', () =>
  withServer(async (server) => {
    server.setScenario('cut');
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.ok(r.text.length > 0 && DEFAULT_REPLY.startsWith(r.text));
    assert.equal(r.error?.kind, 'interrupted');
    assert.equal(r.error?.message, 'The connection closed before the reply finished');
    assert.equal(isTransient(r.error.kind), true);
  }));

test('invalid JSON chunk → kind "invalid_response" after the earlier text', () =>
  withServer(async (server) => {
    server.setScenario('malformed-chunk');
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.ok(r.text.length > 0);
    assert.equal(r.error?.reason, 'invalid_response');
    assert.match(r.error.message, /not valid JSON/);
  }));

test('a chunk with the wrong shape (content: 42) → "invalid_response" naming the field', () =>
  withServer(async (server) => {
    server.setScenario('malformed-shape');
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.equal(r.error?.reason, 'invalid_response');
    assert.match(r.error.message, /content/);
  }));

test('network error (nothing listening) → kind "network" with a readable reason', async () => {
  let port = 0;
  await withServer(async (server) => {
    port = server.port;
  });
  const { createClient } = await import('../../../src/api');
  const client = createClient({ baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: KEY, retry: { maxRetries: 1, baseDelayMs: 1 } });
  const attempts: number[] = [];
  const c2 = createClient({ baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: KEY, retry: { maxRetries: 2, baseDelayMs: 1 }, onRequest: (i) => attempts.push(i.attempt) });
  const err = await rejection(client.listModels());
  assert.equal(err.kind, 'network');
  assert.match(err.message, /connection refused/);
  assert.ok(!err.message.includes(KEY));
  await rejection(c2.listModels());
  assert.deepEqual(attempts, [1, 2, 3], 'network errors before the first byte are retried');
});
