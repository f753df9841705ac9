// Tool calls in the client: requests carry tools, tool_choice, assistant tool_calls, tool results and content parts
// (validated, and only the API's fields sent); streamed calls are assembled (interleaved, cut short, unreadable).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createClient, type ChatRequest, type StreamEvent } from '../../../src/api';
import { mergeReasoningDetails, parseToolArguments, safeExcerpt, ToolCallAssembler } from '../../../src/api/toolCalls';
import { chunk, sseChunk, SSE_DONE } from '../../fixtures/sse';
import { chatRequests, clientFor, collect, KEY, REQ, rejection, withServer } from './helpers';

/** A client whose server answers with exactly these SSE frames (one read each). */
function clientWith(frames: string[], contentType = 'text/event-stream') {
  const fetchFrames: typeof fetch = async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const f of frames) controller.enqueue(new TextEncoder().encode(f));
          controller.close();
        },
      }),
      { status: 200, headers: { 'content-type': contentType } },
    );
  return createClient({ baseUrl: 'http://127.0.0.1:9/v1', apiKey: KEY, fetch: fetchFrames, retry: { maxRetries: 0 } });
}

const c = (delta: Record<string, unknown>, finish: string | null = null): string => sseChunk(chunk(delta, finish));
const piece = (index: number, args: string, first?: { id: string; name: string }) =>
  c({ tool_calls: [{ index, ...(first ? { id: first.id, type: 'function' } : {}), function: { ...(first ? { name: first.name } : {}), arguments: args } }] });

test('interleaved calls are assembled by index, and emitted just before the finish reason', async () => {
  const frames = [
    c({ role: 'assistant', content: null }),
    piece(0, '{"pa', { id: 'call_a', name: 'read_file' }),
    piece(1, '', { id: 'call_b', name: 'grep' }),
    piece(1, '{"pattern":'),
    piece(0, 'th":"a.ts"'),
    piece(1, '"TODO"}'),
    piece(0, '}'),
    c({}, 'tool_calls'),
    SSE_DONE,
  ];
  const r = await collect(clientWith(frames).streamChat(REQ));
  assert.equal(r.error, undefined, r.error?.message);
  assert.deepEqual(
    r.events.map((e) => e.type),
    ['tool_call', 'tool_call', 'finish'],
  );
  assert.deepEqual(r.toolCalls, [
    { type: 'tool_call', id: 'call_a', name: 'read_file', arguments: { path: 'a.ts' } },
    { type: 'tool_call', id: 'call_b', name: 'grep', arguments: { pattern: 'TODO' } },
  ]);
});

test('one delta may carry pieces of several calls; text before the calls streams as text', async () => {
  const frames = [
    c({ role: 'assistant', content: 'Checking ' }),
    c({ content: 'both.' }),
    c({
      tool_calls: [
        { index: 0, id: 'x1', type: 'function', function: { name: 'a', arguments: '{"n":' } },
        { index: 1, id: 'x2', type: 'function', function: { name: 'b', arguments: '{"m":' } },
      ],
    }),
    c({ tool_calls: [{ index: 1, function: { arguments: '2}' } }, { index: 0, function: { arguments: '1}' } }] }),
    c({}, 'tool_calls'),
  ];
  const r = await collect(clientWith(frames).streamChat(REQ));
  assert.equal(r.text, 'Checking both.');
  assert.deepEqual(r.toolCalls.map((t) => [t.id, t.name, t.arguments]), [['x1', 'a', { n: 1 }], ['x2', 'b', { m: 2 }]]);
});

test('calls are also emitted when another finish reason comes ("stop", as older Ollama sends), and when none comes', async () => {
  const call = piece(0, '{"q":"x"}', { id: 'call_1', name: 'lookup' });
  const stop = await collect(clientWith([call, c({}, 'stop'), SSE_DONE]).streamChat(REQ));
  assert.deepEqual(stop.toolCalls.map((t) => t.arguments), [{ q: 'x' }]);
  assert.equal(stop.finish, 'stop');
  for (const ending of [[SSE_DONE], []]) {
    const r = await collect(clientWith([call, ...ending]).streamChat(REQ));
    assert.equal(r.error, undefined, `ending ${JSON.stringify(ending)}: ${r.error?.message}`);
    assert.deepEqual(r.toolCalls.map((t) => t.id), ['call_1']);
    assert.equal(r.finish, undefined);
  }
});

test('a body cut inside the arguments, before any finish reason, is interrupted (not a JSON error)', async () => {
  const r = await collect(clientWith([piece(0, '{"q":"unfini', { id: 'call_1', name: 'lookup' })]).streamChat(REQ));
  assert.equal(r.error?.kind, 'interrupted');
  assert.equal(r.error?.reason, 'connection_closed');
  assert.deepEqual(r.toolCalls, []);
});

test('unparsable arguments: the call is still reported (arguments {}), with why — naming the tool, a short redacted excerpt', async () => {
  const secret = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';
  const args = `{"path": "a.ts", "key": "${KEY}", "note": "${'x'.repeat(20)} ${secret} and more text after it that goes on and on"`;
  const frames = [piece(0, args, { id: 'call_1', name: 'write_file' }), c({}, 'tool_calls'), SSE_DONE];
  const r = await collect(clientWith(frames).streamChat(REQ));
  assert.equal(r.error, undefined, 'the stream itself is fine: the model wrote bad JSON');
  const [call] = r.toolCalls;
  assert.equal(call?.name, 'write_file');
  assert.deepEqual(call?.arguments, {});
  const why = call?.argumentsError ?? '';
  assert.match(why, /tool "write_file" with arguments that are not valid JSON: \{"path": "a\.ts"/);
  assert.ok(why.length < 200, why);
  assert.ok(!why.includes('sk-proj-abc'), 'no part of a key-shaped word: the cut backs off to a word boundary');
  assert.ok(!why.includes(KEY.slice(0, 8)), 'the client key is redacted before the cut');
  assert.match(why, /"key": "\[redacted\]"/);
  // Arguments that are JSON but not an object are refused too; double-encoded JSON is unwrapped.
  assert.throws(() => parseToolArguments('t', '[1,2]'), /not a JSON object/);
  assert.deepEqual(parseToolArguments('t', JSON.stringify(JSON.stringify({ a: 1 }))), { a: 1 });
  assert.deepEqual(parseToolArguments('t', '  '), {});
  assert.deepEqual(parseToolArguments('t', 'null'), {});
});

test('safeExcerpt never ends inside a word and redacts key shapes', () => {
  assert.equal(safeExcerpt('short text'), 'short text');
  const cut = safeExcerpt(`${'word '.repeat(10)}sk-abcdefghijklmnopqrstuvwxyz tail`, undefined, 60);
  assert.ok(!/sk-[a-z]/.test(cut), cut);
  assert.match(cut, /… \(\d+ characters\)$/);
  assert.equal(safeExcerpt('Bearer Abc123def456GhI789xyz'), 'Bearer [redacted]');
});

test('a call without a function name is an invalid_response error', async () => {
  const r = await collect(clientWith([c({ tool_calls: [{ index: 0, id: 'c1', function: { arguments: '{}' } }] }), c({}, 'tool_calls')]).streamChat(REQ));
  assert.equal(r.error?.reason, 'invalid_response');
  assert.match(r.error?.message, /without a function name/);
});

test('arguments sent as a JSON object instead of a string are accepted', async () => {
  const frames = [c({ tool_calls: [{ index: 0, id: 'c1', type: 'function', function: { name: 'f', arguments: { a: [1, 2] } } }] }), c({}, 'tool_calls')];
  const r = await collect(clientWith(frames).streamChat(REQ));
  assert.deepEqual(r.toolCalls[0]?.arguments, { a: [1, 2] });
});

test('the assembler: a new id with a name at a used index is a new call; a new id alone is the same call', () => {
  const calls = new ToolCallAssembler();
  calls.push([{ index: 0, id: 'a', function: { name: 'one', arguments: '{}' } }]);
  calls.push([{ index: 0, id: 'b', function: { name: 'two', arguments: '{"x":' } }]);
  calls.push([{ index: 0, id: 'b2', function: { arguments: '1}' } }]);
  const out: StreamEvent[] = [];
  calls.flush(out);
  assert.deepEqual(out.map((e) => (e.type === 'tool_call' ? [e.id, e.name, e.arguments] : e.type)), [['a', 'one', {}], ['b', 'two', { x: 1 }]]);
  calls.flush(out);
  assert.equal(out.length, 2, 'a second flush emits nothing again');
});

test('reasoning_details: pieces of one block are joined, other blocks kept apart', () => {
  const into: Record<string, unknown>[] = [];
  mergeReasoningDetails(into, [{ type: 'reasoning.text', text: 'Let ', index: 0, format: 'f' }]);
  mergeReasoningDetails(into, [{ type: 'reasoning.text', text: 'me think', index: 0, format: 'f' }]);
  mergeReasoningDetails(into, [{ type: 'reasoning.text', signature: 'SIG', index: 0 }]);
  mergeReasoningDetails(into, [{ type: 'reasoning.encrypted', data: 'ENC', index: 1, id: 'tool_1' }]);
  mergeReasoningDetails(into, 'not a list');
  assert.deepEqual(into, [
    { type: 'reasoning.text', text: 'Let me think', index: 0, format: 'f', signature: 'SIG' },
    { type: 'reasoning.encrypted', data: 'ENC', index: 1, id: 'tool_1' },
  ]);
});

const TOOL_REQ: ChatRequest = {
  model: 'fixture-model',
  messages: [
    { role: 'system', content: 'Be brief.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is in this picture?' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } },
      ],
    },
    {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' }, extra_content: { google: { thought_signature: 'S' } } }],
      reasoning_content: 'I need to look it up.',
      reasoning_details: [{ type: 'reasoning.text', text: 'I need to look it up.', signature: 'SIG' }],
    },
    { role: 'tool', tool_call_id: 'call_1', content: 'x is 42' },
    { role: 'assistant', content: 'It is 42.', reasoning_content: 'not sent: no tool calls here' },
    { role: 'user', content: 'Thanks' },
  ],
  tools: [{ type: 'function', function: { name: 'lookup', description: 'Looks things up', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }],
  tool_choice: 'auto',
};

test('the wire body: tools, tool_choice, content parts, tool_calls with null content, tool results; reasoning only with tool calls', () =>
  withServer(async (server) => {
    const stray = { ...TOOL_REQ, messages: TOOL_REQ.messages.map((m) => ({ ...m, secretNote: 'x' })) } as ChatRequest;
    await collect(clientFor(server).streamChat(stray));
    const body = chatRequests(server)[0]!.body as Record<string, unknown>;
    assert.deepEqual(body.tools, TOOL_REQ.tools);
    assert.equal(body.tool_choice, 'auto');
    assert.deepEqual(body.messages, [
      { role: 'system', content: 'Be brief.' },
      TOOL_REQ.messages[1],
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' }, extra_content: { google: { thought_signature: 'S' } } }],
        reasoning_content: 'I need to look it up.',
        reasoning_details: [{ type: 'reasoning.text', text: 'I need to look it up.', signature: 'SIG' }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'x is 42' },
      { role: 'assistant', content: 'It is 42.' },
      { role: 'user', content: 'Thanks' },
    ]);
  }));

test('no tools → no tools and no tool_choice in the body', () =>
  withServer(async (server) => {
    await collect(clientFor(server).streamChat({ ...REQ, tools: [] }));
    const body = chatRequests(server)[0]!.body as Record<string, unknown>;
    assert.equal('tools' in body, false);
    assert.equal('tool_choice' in body, false);
  }));

const invalid: Array<[string, unknown, RegExp]> = [
  ['tool message without tool_call_id', { ...REQ, messages: [{ role: 'tool', content: 'r' }] }, /^messages\[0\]\.tool_call_id must be the id of the tool call this message answers \(got nothing\)$/],
  ['assistant with null content and no calls', { ...REQ, messages: [{ role: 'assistant', content: null }] }, /^messages\[0\]\.content must be a string or a list of parts \(null only when the message has tool_calls\)$/],
  ['tool call arguments as an object', { ...REQ, messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: {} } }] }] }, /^messages\[0\]\.tool_calls\[0\]\.function\.arguments must be the JSON text of the arguments \(got \{\}\)$/],
  ['an audio part', { ...REQ, messages: [{ role: 'user', content: [{ type: 'input_audio' }] }] }, /^messages\[0\]\.content must be a string or a list of text and image_url parts/],
  ['an image in a system message', { ...REQ, messages: [{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'x' } }] }] }, /^messages\[0\]\.content must be a string or a list of text parts/],
  ['an image without url', { ...REQ, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] }, /image_url|url/],
  ['a tool without a name', { ...REQ, tools: [{ type: 'function', function: { name: '' } }] }, /^tools\[0\]\.function\.name must not be empty$/],
  ['tools not a list', { ...REQ, tools: {} }, /^tools must be a list \(got \{\}\)$/],
  ['a content part that is not an object', { ...REQ, messages: [{ role: 'user', content: ['hi'] }] }, /^messages\[0\]\.content must be a string or a list of text and image_url parts \(got \["hi"\]\)$/],
  ['a tool call id that is a number', { ...REQ, messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 7, type: 'function', function: { name: 'f', arguments: '{}' } }] }] }, /^messages\[0\]\.tool_calls\[0\]\.id must be a string \(got 7\)$/],
  ['reasoning_details not a list', { ...REQ, messages: [{ role: 'assistant', content: 'x', reasoning_details: 'x' }] }, /^messages\[0\]\.reasoning_details must be a list \(got "x"\)$/],
  ['tool_choice "always"', { ...REQ, tool_choice: 'always' }, /^tool_choice must be "auto", "none", "required" or \{"type": "function", "function": \{"name"\}\} \(got "always"\)$/],
  ['tool_choice naming a tool not offered', { ...REQ, tools: [{ type: 'function', function: { name: 'a' } }], tool_choice: { type: 'function', function: { name: 'b' } } }, /^tool_choice names a function that is not in tools$/],
];
for (const [name, request, message] of invalid) {
  test(`invalid request (${name}) → invalid_request naming the field, nothing sent`, () =>
    withServer(async (server) => {
      const err = await rejection(clientFor(server).chat(request as ChatRequest));
      assert.equal(err.reason, 'invalid_request');
      assert.match(err.message, message);
      assert.equal(server.requests.length, 0);
    }));
}

test('a non-streamed completion with tool calls: chat() returns them parsed, with what to send back', async () => {
  const completion = {
    choices: [
      {
        index: 0,
        finish_reason: 'tool_calls',
        message: {
          role: 'assistant',
          content: null,
          reasoning_content: 'Use the tool.',
          tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'lookup', arguments: '{"q":"y"}' } }],
        },
      },
    ],
    usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
  };
  const client = clientWith([JSON.stringify(completion)], 'application/json');
  const result = await client.chat(REQ);
  assert.deepEqual(result.toolCalls, [{ type: 'tool_call', id: 'call_9', name: 'lookup', arguments: { q: 'y' } }]);
  assert.deepEqual(result.replay, { reasoning_content: 'Use the tool.' });
  assert.equal(result.finishReason, 'tool_calls');
  // The same answer to a stream request is replayed as events, in stream order.
  const r = await collect(client.streamChat(REQ));
  assert.deepEqual(r.events.map((e) => e.type), ['reasoning', 'reasoning_replay', 'tool_call', 'finish', 'usage']);
});

test('the tool-call-loop fixture scenario: a call first, then a text quoting the tool result', () =>
  withServer(async (server) => {
    server.setScenario('tool-call-loop', { arguments: { text: 'ping' } });
    const client = clientFor(server);
    const first = await collect(client.streamChat({ ...REQ, tools: TOOL_REQ.tools }));
    assert.equal(first.error, undefined, first.error?.message);
    assert.equal(first.finish, 'tool_calls');
    const call = first.toolCalls[0]!;
    assert.deepEqual([call.name, call.arguments], ['lookup', { text: 'ping' }]);
    const second = await collect(
      client.streamChat({
        ...REQ,
        tools: TOOL_REQ.tools,
        messages: [
          ...REQ.messages,
          { role: 'assistant', content: first.text, tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } }] },
          { role: 'tool', tool_call_id: call.id, content: 'pong' },
        ],
      }),
    );
    assert.equal(second.text, 'The tool answered: pong');
  }));
