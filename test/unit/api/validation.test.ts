// Requests are validated before anything is sent; the message names the field and the allowed range.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { ChatRequest } from '../../../src/api';
import { clientFor, collect, REQ, rejection, withServer } from './helpers';

const cases: Array<[string, unknown, RegExp]> = [
  ['temperature 3', { ...REQ, temperature: 3 }, /^temperature must be between 0 and 2 \(got 3\)$/],
  ['temperature -0.1', { ...REQ, temperature: -0.1 }, /temperature must be between 0 and 2 \(got -0.1\)/],
  ['temperature NaN', { ...REQ, temperature: Number.NaN }, /temperature must be a number between 0 and 2/],
  ['temperature "hot"', { ...REQ, temperature: 'hot' }, /temperature must be a number between 0 and 2 \(got "hot"\)/],
  ['top_p 1.5', { ...REQ, top_p: 1.5 }, /^top_p must be between 0 and 1 \(got 1.5\)$/],
  ['max_tokens 0', { ...REQ, max_tokens: 0 }, /^max_tokens must be a positive whole number \(got 0\)$/],
  ['max_tokens 1.5', { ...REQ, max_tokens: 1.5 }, /max_tokens must be a positive whole number \(got 1.5\)/],
  ['empty model', { ...REQ, model: '  ' }, /model must not be empty/],
  ['no messages', { ...REQ, messages: [] }, /messages must contain at least one message/],
  ['bad role', { ...REQ, messages: [{ role: 'user', content: 'a' }, { role: 'robot', content: 'b' }] }, /^messages\[1\]\.role must be "system", "user", "assistant" or "tool" \(got "robot"\)$/],
  ['non-string content', { ...REQ, messages: [{ role: 'user', content: 5 }] }, /^messages\[0\]\.content must be a string or a list of text and image_url parts \(got 5\)$/],
  ['empty stop', { ...REQ, stop: '' }, /stop/],
  ['stop with an empty entry', { ...REQ, stop: ['ok', ''] }, /stop/],
];

for (const [name, request, message] of cases) {
  test(`invalid request (${name}) → invalid_request, nothing sent`, () =>
    withServer(async (server) => {
      const client = clientFor(server);
      const a = await rejection(client.chat(request as ChatRequest));
      assert.equal(a.reason, 'invalid_request');
      assert.match(a.message, message);
      const b = await collect(client.streamChat(request as ChatRequest));
      assert.equal(b.error?.reason, 'invalid_request');
      assert.match(b.error.message, message);
      assert.equal(server.requests.length, 0);
    }));
}

test('valid edge values are accepted: temperature 0 and 2, top_p 0 and 1, five stop strings', () =>
  withServer(async (server) => {
    const client = clientFor(server);
    await client.chat({ ...REQ, temperature: 0, top_p: 1 });
    await client.chat({ ...REQ, temperature: 2, top_p: 0, stop: ['a', 'b', 'c', 'd', 'e'], max_tokens: 1 });
    await client.chat({ ...REQ, stop: 'END' });
    assert.equal(server.requests.length, 3);
  }));

test('non-streamed chat returns text, finish reason, usage, reasoning and raw', () =>
  withServer(async (server) => {
    server.setScenario('reasoning');
    const r = await clientFor(server).chat(REQ);
    assert.ok(r.text.length > 0);
    assert.ok(r.reasoning && r.reasoning.length > 0);
    assert.equal(r.finishReason, 'stop');
    assert.ok(r.usage && r.usage.total_tokens > 0);
    assert.equal((r.raw as { object?: string }).object, 'chat.completion');
    assert.equal((server.requests[0]!.body as { stream?: boolean }).stream, false);
  }));
