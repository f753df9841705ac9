// streamChat over real sockets: the normal path and every provider quirk the client must absorb.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createServerMemory } from '../../../src/api';
import { DEFAULT_REPLY, REASONING_TEXT, UTF8_REPLY, splitIntoPieces } from '../../fixtures/server';
import { chatRequests, clientFor, collect, REQ, withServer } from './helpers';

test('normal stream: text, finish, usage; sends stream + include_usage', () =>
  withServer(async (server) => {
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.equal(r.error, undefined);
    assert.equal(r.text, DEFAULT_REPLY);
    assert.equal(r.finish, 'stop');
    assert.equal(r.usage?.completion_tokens, splitIntoPieces(DEFAULT_REPLY).length);
    assert.equal(r.usage?.total_tokens, r.usage.prompt_tokens + r.usage.completion_tokens);
    assert.ok(r.events.filter((e) => e.type === 'text').length > 5, 'text arrives in several events');
    const body = chatRequests(server)[0]!.body as Record<string, unknown>;
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(body.model, 'fixture-model');
  }));

test('only API fields are sent (stray properties on the request object stay home)', () =>
  withServer(async (server) => {
    const req = { ...REQ, temperature: 0.5, top_p: 0.9, max_tokens: 20, stop: ['END'], secretNote: 'x' };
    await collect(clientFor(server).streamChat(req));
    const body = chatRequests(server)[0]!.body as Record<string, unknown>;
    assert.equal(body.secretNote, undefined);
    assert.equal(body.temperature, 0.5);
    assert.equal(body.top_p, 0.9);
    assert.equal(body.max_tokens, 20);
    assert.deepEqual(body.stop, ['END']);
  }));

test('a stream that is never iterated sends nothing', () =>
  withServer(async (server) => {
    clientFor(server).streamChat(REQ);
    await clientFor(server).listModels(); // a round trip, so a stray chat request would have been recorded by now
    assert.equal(chatRequests(server).length, 0);
  }));

const quirks: Array<[string, string]> = [
  ['quirk-crlf', 'CRLF line endings'],
  ['quirk-no-space', '"data:" without a space'],
  ['quirk-comments', ': comment keep-alives'],
  ['quirk-many-per-read', 'the whole stream in one network write'],
  ['quirk-no-done', 'no [DONE] after the finish reason'],
];
for (const [scenario, what] of quirks) {
  test(`quirk: ${what} (${scenario})`, () =>
    withServer(async (server) => {
      server.setScenario(scenario as never);
      const r = await collect(clientFor(server).streamChat(REQ));
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.text, DEFAULT_REPLY);
      assert.equal(r.finish, 'stop');
    }));
}

test('quirk: bytes cut inside multi-byte UTF-8 characters across reads', () =>
  withServer(async (server) => {
    server.setScenario('quirk-split-utf8');
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.text, UTF8_REPLY);
    assert.ok(!r.text.includes('\uFFFD'));
  }));

test('quirk: role-only and empty-delta chunks, usage on choices: [] without total_tokens', () =>
  withServer(async (server) => {
    server.setScenario('quirk-empty-choices-usage');
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.equal(r.text, DEFAULT_REPLY);
    const n = splitIntoPieces(DEFAULT_REPLY).length;
    assert.deepEqual(r.usage, { prompt_tokens: 7, completion_tokens: n, total_tokens: 7 + n });
    assert.ok(r.events.every((e) => e.type !== 'text' || e.text.length > 0), 'no empty text events');
  }));

test('quirk: usage on a chunk that still has choices', () =>
  withServer(async (server) => {
    server.setScenario('quirk-usage-with-choices');
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.equal(r.finish, 'stop');
    assert.equal(r.usage?.prompt_tokens, 9);
  }));

test('quirk: Groq x_groq.usage', () =>
  withServer(async (server) => {
    server.setScenario('quirk-x-groq-usage');
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.equal(r.usage?.prompt_tokens, 5);
    assert.equal(r.text, DEFAULT_REPLY);
  }));

test('quirk: tool-call deltas are ignored without crashing', () =>
  withServer(async (server) => {
    server.setScenario('quirk-tool-calls');
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.equal(r.error, undefined);
    assert.equal(r.text, DEFAULT_REPLY);
    assert.equal(r.finish, 'tool_calls');
  }));

test('reasoning from delta.reasoning_content comes as reasoning events, before the text', () =>
  withServer(async (server) => {
    server.setScenario('reasoning');
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.equal(r.reasoning, REASONING_TEXT);
    assert.equal(r.text, DEFAULT_REPLY);
    const firstText = r.events.findIndex((e) => e.type === 'text');
    const lastReasoning = r.events.map((e) => e.type).lastIndexOf('reasoning');
    assert.ok(lastReasoning < firstText);
  }));

test('quirk: delta.reasoning with reasoning_details (OpenRouter) and reasoning: null', () =>
  withServer(async (server) => {
    server.setScenario('quirk-reasoning-field');
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.reasoning, REASONING_TEXT);
    assert.equal(r.text, DEFAULT_REPLY);
  }));

test('inline <think> tags pass through unchanged (the chat layer splits them)', () =>
  withServer(async (server) => {
    server.setScenario('think-tags');
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.equal(r.text, `<think>${REASONING_TEXT}</think>\n\n${DEFAULT_REPLY}`);
    assert.equal(r.reasoning, '');
  }));

test('quirk: delta.content null and refusal: null', () =>
  withServer(async (server) => {
    server.setScenario('quirk-null-content');
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.text, DEFAULT_REPLY);
  }));

test('refusal deltas are surfaced as text (the user should see why there is no answer)', () =>
  withServer(async (server) => {
    server.setScenario('refusal');
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.equal(r.text, "I'm sorry, I can't help with that.");
  }));

test("finish 'length' is reported", () =>
  withServer(async (server) => {
    server.setScenario('length');
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.equal(r.finish, 'length');
  }));

test('the hostile reply is passed through verbatim (sanitizing is the renderer’s job)', () =>
  withServer(async (server) => {
    server.setScenario('hostile');
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.ok(r.text.includes('<script>'));
  }));

test('echo scenario quotes the last user message', () =>
  withServer(async (server) => {
    server.setScenario('echo');
    const r = await collect(clientFor(server).streamChat({ model: 'm', messages: [{ role: 'user', content: 'quote ``` me' }] }));
    assert.ok(r.text.includes('quote ``` me'));
    assert.ok(r.text.includes('````'));
  }));

test('per-request scenario override via model "scenario/<name>"', () =>
  withServer(async (server) => {
    const r = await collect(clientFor(server).streamChat({ ...REQ, model: 'scenario/reasoning' }));
    assert.equal(r.reasoning, REASONING_TEXT);
    const plain = await collect(clientFor(server).streamChat(REQ));
    assert.equal(plain.reasoning, '');
  }));

test('setReply changes the streamed text', () =>
  withServer(async (server) => {
    server.setReply('Just this. ✓');
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.equal(r.text, 'Just this. ✓');
  }));

test('stream_options rejected with 400: retried once without it, and remembered for that base URL', () =>
  withServer(async (server) => {
    server.setScenario('reject-stream-options');
    const memory = createServerMemory();
    const client = clientFor(server, { memory });
    const r = await collect(client.streamChat(REQ));
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.text, DEFAULT_REPLY);
    let sent = chatRequests(server).map((q) => (q.body as Record<string, unknown>).stream_options !== undefined);
    assert.deepEqual(sent, [true, false]);
    // A new client for the same base URL (trailing slash too), given the same memory, skips stream_options straight away.
    await collect(clientFor(server, { baseUrl: `${server.url}/`, memory }).streamChat(REQ));
    sent = chatRequests(server).map((q) => (q.body as Record<string, unknown>).stream_options !== undefined);
    assert.deepEqual(sent, [true, false, false]);
  }));

test('stream_options rejected with 422 (FastAPI detail): falls back too', () =>
  withServer(async (server) => {
    server.setScenario('reject-stream-options-422');
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.text, DEFAULT_REPLY);
    assert.equal(chatRequests(server).length, 2);
  }));

test('an invalid-model 400 is not mistaken for a stream_options rejection', () =>
  withServer(async (server) => {
    server.setScenario('invalid-model');
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.equal(r.error?.kind, 'model');
    assert.equal(chatRequests(server).length, 1);
  }));

test('a server that answers a stream request with one JSON completion is replayed as events', async () => {
  const http = await import('node:http');
  const srv = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ choices: [{ message: { content: 'whole', reasoning_content: 'hm' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 2 } }));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  try {
    const { createClient } = await import('../../../src/api');
    const port = (srv.address() as { port: number }).port;
    const r = await collect(createClient({ baseUrl: `http://127.0.0.1:${port}/v1` }).streamChat(REQ));
    assert.equal(r.text, 'whole');
    assert.equal(r.reasoning, 'hm');
    assert.equal(r.finish, 'stop');
    assert.equal(r.usage?.total_tokens, 3);
  } finally {
    srv.closeAllConnections();
    await new Promise((r) => srv.close(r));
  }
});

test('extra request fields reach the body but never replace model, messages, stream or sampling', () =>
  withServer(async (server) => {
    const extra = { reasoning_effort: 'high', usage: { include: true }, model: 'evil', stream: false, messages: [], top_k: 20 };
    await collect(clientFor(server).streamChat({ ...REQ, temperature: 0.5, extra }));
    const body = chatRequests(server)[0]!.body as Record<string, unknown>;
    assert.equal(body.model, REQ.model);
    assert.equal(body.stream, true);
    assert.deepEqual(body.messages, REQ.messages);
    assert.equal(body.temperature, 0.5);
    assert.equal(body.reasoning_effort, 'high');
    assert.deepEqual(body.usage, { include: true });
    assert.equal(body.top_k, 20);
    assert.ok(!('extra' in body));
  }));

test('usage.cost (Prime Intellect, OpenRouter) is read from the usage chunk', () =>
  withServer(async (server) => {
    server.setScenario('usage-cost', { cost: 0.00042 });
    const r = await collect(clientFor(server).streamChat(REQ));
    assert.equal(r.usage?.cost, 0.00042);
    const plain = await collect(clientFor(server).streamChat(REQ)); // the scenario answers every request the same way
    assert.equal(plain.usage?.cost, 0.00042);
    server.setScenario('normal');
    assert.equal((await collect(clientFor(server).streamChat(REQ))).usage?.cost, undefined);
  }));
