// Recorded tool-call stream shapes (test/fixtures/tool-streams/*.sse, each with its source in its header) through
// the client: whole and one byte per write over a socket, every byte its own read, and (the UTF-8 one) cut in two at
// every byte boundary.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as http from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createClient, type ReasoningReplay, type StreamEvent, type ToolCallEvent, type Usage } from '../../../src/api';
import { splitIntoPieces } from '../../fixtures/sse';
import { collect, REQ } from './helpers';

const DIR = join('test', 'fixtures', 'tool-streams');

interface Expected {
  calls: Array<{ id: string | RegExp; name: string; arguments: Record<string, unknown>; extra_content?: Record<string, unknown> }>;
  text?: string;
  finish?: string;
  usage?: Usage;
  /** Reasoning text streamed (checked by length: the recordings carry long reasoning). */
  reasoning?: boolean;
  replay?: (replay: ReasoningReplay | undefined, reasoning: string) => void;
}

const GENERATED = /^call_[a-z0-9]+$/;

const EXPECTED: Record<string, Expected> = {
  'vllm.sse': {
    calls: [{ id: 'chatcmpl-tool-ca99dda515524c6abe47d1ea22813507', name: 'run_command', arguments: { command: 'ls' } }],
    finish: 'tool_calls',
  },
  'openrouter.sse': {
    calls: [{ id: 'toolu_bdrk_01N8hD5cYDw4WfvnjKXAkA2W', name: 'weather', arguments: { location: 'Florence, Italy' } }],
    finish: 'tool_calls',
    usage: { prompt_tokens: 607, completion_tokens: 143, total_tokens: 750, cost: 0.001322 },
    reasoning: true,
    replay: (replay, reasoning) => {
      assert.equal(replay?.reasoning_content, undefined, 'OpenRouter sends delta.reasoning, not reasoning_content');
      const blocks = replay?.reasoning_details as Array<Record<string, unknown>>;
      assert.equal(blocks.length, 1, 'the pieces of one block are merged into one');
      assert.equal(blocks[0]!.type, 'reasoning.text');
      assert.equal(blocks[0]!.text, reasoning);
      assert.match(String(blocks[0]!.signature), /^Eq0ECkgIDRAB/);
      assert.equal(blocks[0]!.format, 'anthropic-claude-v1');
    },
  },
  'llama-cpp.sse': {
    calls: [{ id: '1wNpqrejg1FCTjf6xq8JRCGKgWZO74AL', name: 'weather', arguments: { location: 'Florence, Italy' } }],
    finish: 'tool_calls',
    usage: { prompt_tokens: 139, completion_tokens: 42, total_tokens: 181 },
    reasoning: true,
    replay: (replay, reasoning) => assert.deepEqual(replay, { reasoning_content: reasoning }),
  },
  'ollama.sse': {
    calls: [
      { id: 'call_809l7n8f', name: 'run_command', arguments: { command: 'ls -la' } },
      { id: 'call_oqp1e2a1', name: 'run_command', arguments: { command: 'ls -la', cwd: '/path/to/directory' } },
    ],
    finish: 'tool_calls',
  },
  'openai-parallel.sse': {
    calls: [
      { id: 'call_lQnnsesjFMWMQ5IeWPHzR4th', name: 'GetWeatherArgs', arguments: { city: 'Edinburgh', country: 'UK', units: 'c' } },
      { id: 'call_2xjOUgaCdiwAcl9ZBL9LyMUU', name: 'get_stock_price', arguments: { ticker: 'AAPL', exchange: 'NASDAQ' } },
    ],
    finish: 'tool_calls',
    usage: { prompt_tokens: 149, completion_tokens: 60, total_tokens: 209 },
  },
  'no-id.sse': {
    calls: [
      { id: GENERATED, name: 'read_file', arguments: { filepath: 'convex/schema.ts' } },
      { id: GENERATED, name: 'list_dir', arguments: { path: 'convex' } },
    ],
    finish: 'tool_calls',
    reasoning: true,
    replay: (replay) => assert.equal(replay, undefined, 'delta.reasoning alone is nothing to send back'),
  },
  'empty-arguments.sse': {
    calls: [
      { id: 'toolu_bdrk_01EmptyArgsGetTime', name: 'get_time', arguments: {} },
      { id: 'toolu_bdrk_01EmptyArgsListTabs', name: 'list_open_editors', arguments: {} },
    ],
    finish: 'tool_calls',
  },
  'split-utf8.sse': {
    calls: [{ id: 'utf8call0', name: 'write_note', arguments: { city: 'Köln — 東京', note: '🚀 naïve 👩‍💻' } }],
    finish: 'tool_calls',
  },
  'gemini.sse': {
    calls: [
      { id: 'function-call-1', name: 'get_weather', arguments: { city: 'Paris' }, extra_content: { google: { thought_signature: 'CiQBjz1rX2sigP4ris' } } },
      { id: 'function-call-2', name: 'get_weather', arguments: { city: 'London' } },
    ],
    text: 'Let me check both cities.',
    finish: 'tool_calls',
    usage: { prompt_tokens: 60, completion_tokens: 20, total_tokens: 80 },
  },
};

/** Serves `body` to every request: whole, or one byte per write (each write its own TCP segment). */
async function serve(body: Buffer, byteByByte: boolean): Promise<{ url: string; close: () => Promise<void> }> {
  // splitIntoPieces works on characters: on the latin1 reading of the bytes, each character is one byte.
  const pieces = byteByByte ? splitIntoPieces(body.toString('latin1'), 1).map((p) => Buffer.from(p, 'latin1')) : [body];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      void (async () => {
        for (let i = 0; i < pieces.length; i++) {
          if (res.destroyed) return;
          res.write(pieces[i]);
          if (i % 64 === 63) await new Promise((r) => setImmediate(r));
        }
        res.end();
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

interface Replayed {
  text: string;
  reasoning: string;
  calls: ToolCallEvent[];
  replay?: ReasoningReplay;
  finish?: string;
  usage?: Usage;
  events: StreamEvent[];
}

/** A client whose fetch answers with a body read in exactly the pieces `pieces()` returns (no socket in between). */
function clientReading(pieces: () => Uint8Array[]) {
  const fetchPieces: typeof fetch = async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const piece of pieces()) controller.enqueue(piece);
          controller.close();
        },
      }),
      { status: 200, headers: { 'content-type': 'text/event-stream' } },
    );
  return createClient({ baseUrl: 'http://127.0.0.1:9/v1', fetch: fetchPieces, retry: { maxRetries: 0 } });
}

function summarize(events: StreamEvent[]): Replayed {
  const out: Replayed = { text: '', reasoning: '', calls: [], events };
  for (const ev of events) {
    if (ev.type === 'text') out.text += ev.text;
    else if (ev.type === 'reasoning') out.reasoning += ev.text;
    else if (ev.type === 'tool_call') out.calls.push(ev);
    else if (ev.type === 'reasoning_replay') {
      const { type: _type, ...replay } = ev;
      out.replay = replay;
    } else if (ev.type === 'finish') out.finish ??= ev.reason;
    else out.usage = ev.usage;
  }
  return out;
}

function check(file: string, got: Replayed, how: string): void {
  const want = EXPECTED[file]!;
  assert.equal(got.calls.length, want.calls.length, `${file} (${how}): number of calls`);
  want.calls.forEach((call, i) => {
    const actual = got.calls[i]!;
    if (typeof call.id === 'string') assert.equal(actual.id, call.id, `${file} (${how}): id of call ${i}`);
    else assert.match(actual.id, call.id);
    assert.equal(actual.name, call.name);
    assert.deepEqual(actual.arguments, call.arguments, `${file} (${how}): arguments of call ${i}`);
    assert.deepEqual(actual.extra_content, call.extra_content);
  });
  assert.equal(new Set(got.calls.map((c) => c.id)).size, got.calls.length, 'ids are distinct');
  assert.equal(got.text, want.text ?? '');
  assert.equal(got.finish, want.finish);
  if (want.usage) assert.deepEqual(got.usage, want.usage);
  assert.equal(got.reasoning.length > 0, want.reasoning === true, `${file}: reasoning streamed`);
  if (want.replay) want.replay(got.replay, got.reasoning);
  else assert.equal(got.replay, undefined);
  // The calls come after every text and reasoning event and just before the finish event.
  const types = got.events.map((e) => e.type);
  const firstCall = types.indexOf('tool_call');
  assert.ok(types.slice(firstCall).every((t) => t === 'tool_call' || t === 'finish' || t === 'usage'), `${file}: order ${types.join(',')}`);
  if (got.replay) assert.equal(types[firstCall - 1], 'reasoning_replay');
}

test('every tool-stream fixture has a header saying where its shape comes from, and an expectation', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.sse')).sort();
  assert.deepEqual(files, Object.keys(EXPECTED).sort());
  for (const file of files) {
    const head = readFileSync(join(DIR, file), 'utf8').split('\n')[0]!;
    assert.match(head, /^: \S/, `${file} starts with an SSE comment`);
  }
});

for (const file of Object.keys(EXPECTED)) {
  const body = readFileSync(join(DIR, file));

  for (const byteByByte of [false, true]) {
    const how = byteByByte ? 'one byte per write' : 'whole';
    test(`${file}: ${how}, over a socket`, async () => {
      const srv = await serve(body, byteByByte);
      try {
        const r = await collect(createClient({ baseUrl: srv.url, retry: { maxRetries: 0 } }).streamChat(REQ));
        assert.equal(r.error, undefined, r.error?.message);
        check(file, summarize(r.events), how);
      } finally {
        await srv.close();
      }
    });
  }

  test(`${file}: every byte its own read`, async () => {
    const r = await collect(clientReading(() => [...body].map((b) => Uint8Array.of(b))).streamChat(REQ));
    assert.equal(r.error, undefined, r.error?.message);
    check(file, summarize(r.events), 'every byte its own read');
  });
}

test('split-utf8.sse cut in two at every byte boundary: each cut inside a character survives', async () => {
  const body = readFileSync(join(DIR, 'split-utf8.sse'));
  let cut = 0;
  const client = clientReading(() => [new Uint8Array(body.subarray(0, cut)), new Uint8Array(body.subarray(cut))]);
  for (cut = 1; cut < body.length; cut++) {
    const r = await collect(client.streamChat(REQ));
    if (r.error) assert.fail(`cut at byte ${cut}: ${r.error.message}`);
    const calls = summarize(r.events).calls;
    assert.deepEqual(calls[0]?.arguments, { city: 'Köln — 東京', note: '🚀 naïve 👩‍💻' }, `cut at byte ${cut}`);
  }
});
