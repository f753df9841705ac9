// listModels / getModel: Prime-style lists, lenient shapes, context-length fields, ids with slashes, base URL forms.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { contextLengthOf, createClient } from '../../../src/api';
import { parseModelList } from '../../../src/api/models';
import { modelPath } from '../../../src/api/urls';
import { clientFor, REQ, rejection, withServer } from './helpers';

test('listModels: ids with slashes, owned_by, created, contextLength, pricing, raw', () =>
  withServer(async (server) => {
    const models = await clientFor(server).listModels();
    const llama = models.find((m) => m.id === 'meta-llama/llama-3.1-70b-instruct');
    assert.ok(llama);
    assert.equal(llama.owned_by, 'meta');
    assert.equal(llama.created, 1693721698);
    assert.equal(llama.contextLength, 131072);
    assert.deepEqual(llama.pricing, { inputPerMTok: 0.88, outputPerMTok: 0.88 });
    assert.equal(llama.raw.object, 'model');
    assert.equal(models.find((m) => m.id === 'qwen/qwen3-coder-30b')?.contextLength, 32768);
    assert.equal(server.requests[0]!.path, '/v1/models');
    assert.equal(server.requests[0]!.method, 'GET');
  }));

test('getModel keeps slashes as separators and encodes each segment', () =>
  withServer(async (server) => {
    const m = await clientFor(server).getModel('anthropic/claude-3-5-sonnet-20241022');
    assert.equal(m.contextLength, 200000);
    assert.equal(server.requests[0]!.path, '/v1/models/anthropic/claude-3-5-sonnet-20241022');
    assert.equal(modelPath('org/name with space?#'), 'models/org/name%20with%20space%3F%23');
    const err = await rejection(clientFor(server).getModel('nope/none'));
    assert.equal(err.status, 404);
    assert.equal(err.code, 'model_not_found');
    assert.equal(err.kind, 'model');
  }));

test('base URL with and without a trailing slash, and /api/v1', () =>
  withServer(async (server) => {
    for (const base of [server.url, `${server.url}/`, `${server.url}//`, `http://127.0.0.1:${server.port}/api/v1/`]) {
      const client = createClient({ baseUrl: base });
      await client.listModels();
      await client.chat(REQ);
    }
    const paths = server.requests.map((r) => r.path);
    assert.deepEqual(paths, [
      '/v1/models', '/v1/chat/completions',
      '/v1/models', '/v1/chat/completions',
      '/v1/models', '/v1/chat/completions',
      '/api/v1/models', '/api/v1/chat/completions',
    ]);
    assert.equal(createClient({ baseUrl: `${server.url}/` }).baseUrl, server.url);
  }));

test('llama-server style list (models[] beside data[], meta.n_ctx_train)', () =>
  withServer(async (server) => {
    server.setScenario('models-llama');
    const models = await clientFor(server).listModels();
    assert.equal(models.length, 1);
    assert.equal(models[0]!.id, 'scripted');
    assert.equal(models[0]!.contextLength, 4096);
  }));

test('lenient shapes: bare array, models[] only; a wrong shape is invalid_response', () => {
  assert.deepEqual(parseModelList([{ id: 'a' }, { id: 'a' }, { id: 'b' }], 'h').map((m) => m.id), ['a', 'b']);
  assert.deepEqual(parseModelList({ models: [{ name: 'x' }] }, 'h').map((m) => m.id), ['x']);
  assert.deepEqual(parseModelList({ data: [{ id: 'ok' }, { nope: 1 }] }, 'h').map((m) => m.id), ['ok']);
  assert.throws(() => parseModelList({ data: 'x' }, 'example.com'), /example\.com returned a model list in an unexpected shape/);
});

test('contextLengthOf reads every known field', () => {
  assert.equal(contextLengthOf({ context_length: 10 }), 10);
  assert.equal(contextLengthOf({ context_window: 11 }), 11);
  assert.equal(contextLengthOf({ max_model_len: 12 }), 12);
  assert.equal(contextLengthOf({ max_context_length: 13 }), 13);
  assert.equal(contextLengthOf({ top_provider: { context_length: 14 } }), 14);
  assert.equal(contextLengthOf({ meta: { n_ctx_train: 15 } }), 15);
  assert.equal(contextLengthOf({ meta: { n_ctx_train: 2048, n_ctx: 1024 } }), 1024, "the server's running window wins");
  assert.equal(contextLengthOf({ context_length: '16' }), 16);
  assert.equal(contextLengthOf({ context_length: 0 }), undefined);
  assert.equal(contextLengthOf({}), undefined);
});

test('a non-JSON 200 body → invalid_response without the HTML', () =>
  withServer(async () => {
    const http = await import('node:http');
    const srv = http.createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Login page</body></html>');
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (srv.address() as { port: number }).port;
      const err = await rejection(createClient({ baseUrl: `http://127.0.0.1:${port}/v1` }).listModels());
      assert.equal(err.reason, 'invalid_response');
      assert.ok(!err.message.includes('<'));
    } finally {
      srv.closeAllConnections();
      await new Promise((r) => srv.close(r));
    }
  }));

test('serverProps: GET /props beside the API root; a server without it answers undefined', () =>
  withServer(async (server) => {
    assert.equal(await clientFor(server).serverProps(), undefined);
    assert.equal(server.requests[0]!.path, '/props');
    assert.equal(server.requests[0]!.method, 'GET');
  }));

test('a base URL with no path at all builds /chat/completions, not //chat/completions', () =>
  withServer(async (server) => {
    // The fixture only routes paths under /v1, so this answers 404: what matters is the path it was asked.
    await rejection(createClient({ baseUrl: `http://127.0.0.1:${server.port}` }).chat(REQ));
    assert.equal(server.requests[0]!.path, '/chat/completions');
  }));
