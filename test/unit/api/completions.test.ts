// The fill-in-the-middle endpoints over real loopback sockets: POST /v1/completions (SSE, or a JSON answer) and
// llama.cpp's POST /infill beside /v1 — what is sent, the text in pieces, the finish reason and usage.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { completionRequests, fixtureFill } from '../../fixtures/server';
import { clientFor, collectCompletion, KEY, withServer } from './helpers';

const QWEN = (prefix: string, suffix: string): string => `<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`;
const COMPLETION = { model: 'fixture-coder', prompt: QWEN('def add(a, b):\n    return ', '\n\nprint(add(1, 2))') };
const INFILL = { input_prefix: 'def add(a, b):\n    return ', input_suffix: '\n\nprint(add(1, 2))' };

test('streamCompletion: the fill streamed in pieces, then one done with the finish reason and usage', () =>
  withServer(async (server) => {
    server.setCompletion('a + b  # the sum of both');
    const r = await collectCompletion(clientFor(server).streamCompletion(COMPLETION));
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.text, 'a + b  # the sum of both');
    assert.ok(r.texts.length >= 4, `several text events, got ${r.texts.length}`);
    assert.deepEqual(r.events.at(-1), r.done, 'done comes last');
    assert.equal(r.events.filter((e) => e.type === 'done').length, 1);
    assert.equal(r.done?.finishReason, 'stop');
    assert.equal(r.done?.usage?.completion_tokens, r.texts.length);
    assert.ok((r.done?.usage?.prompt_tokens ?? 0) > 0);
  }));

test('streamCompletion sends the raw prompt and only the fields of a text completion, with stream and usage asked for', () =>
  withServer(async (server) => {
    const request = { ...COMPLETION, suffix: 'S', max_tokens: 64, temperature: 0.2, top_p: 0.9, stop: ['\n\n'], stray: 'x', messages: [] };
    const r = await collectCompletion(clientFor(server).streamCompletion(request));
    assert.equal(r.error, undefined, r.error?.message);
    const [sent] = completionRequests(server.requests);
    assert.equal(sent?.path, '/v1/completions');
    assert.deepEqual(sent.body, {
      model: 'fixture-coder',
      prompt: COMPLETION.prompt,
      suffix: 'S',
      max_tokens: 64,
      temperature: 0.2,
      top_p: 0.9,
      stop: ['\n\n'],
      stream: true,
      stream_options: { include_usage: true },
    });
    assert.equal(sent.headers.accept, 'text/event-stream');
    assert.equal(sent.headers['accept-encoding'], 'identity');
  }));

test('the default fill names the hole the server read (prefix and suffix lengths), for the template and for /infill', () =>
  withServer(async (server) => {
    const expected = fixtureFill(INFILL.input_prefix, INFILL.input_suffix);
    assert.equal(expected, `fill(${INFILL.input_prefix.length}, ${INFILL.input_suffix.length})`);
    assert.equal((await collectCompletion(clientFor(server).streamCompletion(COMPLETION))).text, expected);
    assert.equal((await collectCompletion(clientFor(server).streamInfill(INFILL))).text, expected);
  }));

test('streamInfill: POST /infill at the server root (beside /v1), the llama.cpp fields, streamed without [DONE]', () =>
  withServer(async (server) => {
    server.setCompletion('a + b  # the sum of both');
    const request = {
      ...INFILL,
      input_extra: [{ filename: 'util.py', text: 'def sub(a, b):\n    return a - b\n' }],
      prompt: '    return ',
      n_predict: 32,
      cache_prompt: true,
      t_max_predict_ms: 500,
      temperature: 0.1,
      stop: ['\n\n'],
      model: 'qwen-coder',
    };
    const r = await collectCompletion(clientFor(server).streamInfill(request));
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.text, 'a + b  # the sum of both');
    assert.ok(r.texts.length >= 4);
    assert.equal(r.done?.finishReason, 'stop', 'stop_type "eos" is a "stop"');
    const [sent] = completionRequests(server.requests);
    assert.equal(sent?.path, '/infill');
    assert.deepEqual(sent.body, { ...request, stream: true });
    assert.equal(r.done?.usage?.completion_tokens, r.texts.length, 'tokens_predicted');
    assert.ok((r.done?.usage?.prompt_tokens ?? 0) > 0, 'tokens_evaluated');
  }));

test('/infill beside a base URL with another prefix: /api/v1 → /api/infill', () =>
  withServer(async (server) => {
    const client = clientFor(server, { baseUrl: server.url.replace(/\/v1$/, '/api/v1/') });
    const r = await collectCompletion(client.streamInfill(INFILL));
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(completionRequests(server.requests)[0]?.path, '/api/infill');
  }));

test('the token limit: max_tokens / n_predict cut the fill, finish "length" (llama.cpp\'s stop_type "limit")', () =>
  withServer(async (server) => {
    server.setCompletion('one two three four five six');
    const c = await collectCompletion(clientFor(server).streamCompletion({ ...COMPLETION, max_tokens: 2 }));
    assert.equal(c.text, 'one two ');
    assert.equal(c.done?.finishReason, 'length');
    const i = await collectCompletion(clientFor(server).streamInfill({ ...INFILL, n_predict: 3 }));
    assert.equal(i.text, 'one two three ');
    assert.equal(i.done?.finishReason, 'length');
  }));

test('a server that answers the stream request with JSON: one text event, then done (both endpoints)', () =>
  withServer(async (server) => {
    server.setScenario('completion-json');
    server.setCompletion('a + b');
    const c = await collectCompletion(clientFor(server).streamCompletion(COMPLETION));
    assert.equal(c.error, undefined, c.error?.message);
    assert.deepEqual(c.texts, ['a + b']);
    assert.equal(c.done?.finishReason, 'stop');
    assert.equal(c.done?.usage?.completion_tokens, 3);
    const i = await collectCompletion(clientFor(server).streamInfill({ ...INFILL, n_predict: 2 }));
    assert.equal(i.error, undefined, i.error?.message);
    assert.deepEqual(i.texts, ['a + ']);
    assert.equal(i.done?.finishReason, 'length');
    assert.equal(i.done?.usage?.completion_tokens, 2);
  }));

test('the key, the team header and the extra headers go with both endpoints', () =>
  withServer(async (server) => {
    const client = clientFor(server, { teamId: 'team-42', headers: { 'X-Extra': 'yes' } });
    await collectCompletion(client.streamCompletion(COMPLETION));
    await collectCompletion(client.streamInfill(INFILL));
    const sent = completionRequests(server.requests);
    assert.equal(sent.length, 2);
    for (const r of sent) {
      assert.equal(r.headers.authorization, `Bearer ${KEY}`, r.path);
      assert.equal(r.headers['x-prime-team-id'], 'team-42', r.path);
      assert.equal(r.headers['x-extra'], 'yes', r.path);
    }
  }, { apiKey: KEY }));

test('a server that refuses stream_options: sent again once without it, and remembered for the next completion', () =>
  withServer(async (server) => {
    server.setScenario('reject-stream-options');
    const client = clientFor(server);
    const first = await collectCompletion(client.streamCompletion(COMPLETION));
    assert.equal(first.error, undefined, first.error?.message);
    assert.equal(first.text, fixtureFill('def add(a, b):\n    return ', '\n\nprint(add(1, 2))'));
    assert.equal(first.done?.finishReason, 'stop');
    await collectCompletion(client.streamCompletion(COMPLETION));
    const sent = completionRequests(server.requests).map((r) => (r.body as Record<string, unknown>).stream_options !== undefined);
    assert.deepEqual(sent, [true, false, false]);
  }));

test('a finished completion leaves its connection open for the next one (the body is read to its end)', () =>
  withServer(async (server) => {
    const client = clientFor(server);
    for (let i = 0; i < 3; i++) assert.equal((await collectCompletion(client.streamCompletion(COMPLETION))).done?.finishReason, 'stop');
    for (let i = 0; i < 3; i++) assert.equal((await collectCompletion(client.streamInfill(INFILL))).done?.finishReason, 'stop');
    // Node's fetch hands a connection back to its pool a moment after the body ended, so two may take turns; a
    // connection closed after each reply would make six.
    const connections = new Set(completionRequests(server.requests).map((r) => r.connection));
    assert.ok(connections.size <= 2, `at most two connections for six requests, got ${completionRequests(server.requests).map((r) => `${r.path}@${r.connection}`).join(', ')}`);
  }));

test('an invalid request is refused before anything is sent (config / invalid_request naming the field)', () =>
  withServer(async (server) => {
    const client = clientFor(server);
    const noModel = await collectCompletion(client.streamCompletion({ ...COMPLETION, model: ' ' }));
    assert.equal(noModel.error?.kind, 'config');
    assert.equal(noModel.error?.reason, 'invalid_request');
    assert.match(noModel.error?.message ?? '', /model must not be empty/);
    const badLimit = await collectCompletion(client.streamInfill({ ...INFILL, n_predict: 0 }));
    assert.equal(badLimit.error?.reason, 'invalid_request');
    assert.match(badLimit.error?.message ?? '', /n_predict must be a positive whole number/);
    const noSuffix = await collectCompletion(client.streamInfill({ input_prefix: 'x' } as never));
    assert.match(noSuffix.error?.message ?? '', /input_suffix/);
    assert.equal(server.requests.length, 0);
  }));
