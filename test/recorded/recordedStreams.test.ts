// Real provider streams (recorded bodies) replayed over loopback, whole and cut into 1–7 byte pieces, and compared
// against an expectation computed here by a deliberately simple parser of the same file — not the client's code.
// Input: PROVIDER_STREAMS_DIR (a folder with index.json and the .sse files). Unset → loudly skipped.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createClient, type Usage } from '../../src/api';
import { splitBytes } from '../fixtures/sse';

interface IndexEntry {
  file: string;
  status: number;
  contentType: string;
  model: string;
}

interface Expected {
  text: string;
  reasoning: string;
  finish?: string;
  usage?: Usage;
  /** The tool calls, by name and parsed arguments. */
  calls: Array<[string, unknown]>;
}

/** The fields the simple reading picks from a chunk (as sent: any of them may be missing or of another type). */
interface RawChunk {
  choices?: { delta?: Record<string, unknown>; finish_reason?: string | null }[];
  usage?: RawUsage | null;
  x_groq?: { usage?: RawUsage | null };
}
interface RawUsage { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number; cost?: number }
interface RawToolCall { index?: number; function?: { name?: string; arguments?: unknown } }

/** The independent reading: split lines, JSON.parse each `data:` line, pick the fields by hand. */
function expectationOf(body: string): Expected {
  const out: Expected = { text: '', reasoning: '', calls: [] };
  const calls: Array<{ index: unknown; name: string; args: string }> = [];
  for (const rawLine of body.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trimStart();
    if (data === '[DONE]') break;
    const json = JSON.parse(data) as RawChunk;
    const choice = json.choices?.[0];
    const delta = choice?.delta;
    if (delta) {
      const reasoning = typeof delta.reasoning_content === 'string' && delta.reasoning_content ? delta.reasoning_content : delta.reasoning;
      if (typeof reasoning === 'string') out.reasoning += reasoning;
      if (typeof delta.content === 'string') out.text += delta.content;
      if (typeof delta.refusal === 'string') out.text += delta.refusal;
      for (const tc of (Array.isArray(delta.tool_calls) ? delta.tool_calls : []) as RawToolCall[]) {
        let call = calls.find((c) => c.index === tc.index);
        if (!call) calls.push((call = { index: tc.index, name: '', args: '' }));
        if (tc.function?.name) call.name ||= tc.function.name;
        if (typeof tc.function?.arguments === 'string') call.args += tc.function.arguments;
      }
    }
    if (choice?.finish_reason && out.finish === undefined) out.finish = choice.finish_reason;
    const usage = json.usage ?? json.x_groq?.usage;
    if (usage) {
      const p = usage.prompt_tokens ?? 0;
      const c = usage.completion_tokens ?? 0;
      out.usage = { prompt_tokens: p, completion_tokens: c, total_tokens: usage.total_tokens ?? p + c };
      // Providers that bill per request (Vercel, OpenRouter, Prime) say what it cost; the client keeps it.
      if (typeof usage.cost === 'number') out.usage.cost = usage.cost;
    }
  }
  out.calls = calls.map((c) => [c.name, c.args.trim() ? JSON.parse(c.args) : {}]);
  return out;
}

/** Deterministic 1–7 byte pieces. */
function pieces(buf: Buffer, seed: number): Buffer[] {
  let s = seed;
  return splitBytes(buf, () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return 1 + (s % 7);
  });
}

async function serve(body: Buffer, entry: IndexEntry, cut: boolean): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    // Nothing awaits the reply; a throw in it is an unhandled rejection, which fails the run.
    req.on('end', () => void (async () => {
      res.writeHead(entry.status, { 'content-type': entry.contentType });
      if (!cut) return res.end(body);
      // Each write goes out as its own segment (Node sets TCP_NODELAY); yield to the loop now and then so the
      // client reads while we write.
      let n = 0;
      for (const piece of pieces(body, body.length)) {
        if (res.destroyed) return;
        res.write(piece);
        if (++n % 16 === 0) await new Promise((r) => setImmediate(r));
      }
      res.end();
    })());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

async function consume(url: string, model: string): Promise<Expected> {
  const got: Expected = { text: '', reasoning: '', calls: [] };
  const client = createClient({ baseUrl: url, apiKey: 'sk-recorded', retry: { maxRetries: 0 } });
  for await (const ev of client.streamChat({ model, messages: [{ role: 'user', content: 'hi' }] })) {
    if (ev.type === 'text') got.text += ev.text;
    else if (ev.type === 'reasoning') got.reasoning += ev.text;
    else if (ev.type === 'usage') got.usage = ev.usage;
    else if (ev.type === 'tool_call') got.calls.push([ev.name, ev.arguments]);
    else if (ev.type === 'finish' && got.finish === undefined) got.finish = ev.reason;
  }
  return got;
}

const dir = process.env.PROVIDER_STREAMS_DIR;
if (!dir) {
  console.warn('\n*** SKIPPED: recorded provider streams — set PROVIDER_STREAMS_DIR to the folder with index.json and the .sse files ***\n');
  test.skip('recorded provider streams (PROVIDER_STREAMS_DIR not set)', () => undefined);
} else {
  const entries = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as IndexEntry[];
  test('the recorded index is not empty', () => assert.ok(entries.length > 0));
  for (const entry of entries) {
    const body = fs.readFileSync(path.join(dir, entry.file));
    const expected = expectationOf(body.toString('utf8'));
    for (const cut of [false, true]) {
      test(`${entry.file} (${cut ? 'cut into 1–7 byte pieces' : 'whole'})`, async () => {
        const srv = await serve(body, entry, cut);
        try {
          const got = await consume(srv.url, entry.model);
          assert.equal(got.text, expected.text);
          assert.equal(got.reasoning, expected.reasoning);
          assert.equal(got.finish, expected.finish);
          assert.deepEqual(got.usage, expected.usage);
          assert.deepEqual(got.calls, expected.calls);
          assert.ok(got.text.length + got.reasoning.length + got.calls.length > 0, 'the stream carried something');
        } finally {
          await srv.close();
        }
      });
    }
  }
}
