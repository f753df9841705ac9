// Shared helpers for the API client's unit tests (real sockets against the loopback fixture server).
import * as assert from 'node:assert/strict';
import { ApiError, createClient, type ClientOptions, type CompletionEvent, type StreamEvent, type ToolCallEvent, type Usage } from '../../../src/api';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server';

export const KEY = 'sk-unit-test-SECRET-9f8e7d';

export const REQ = { model: 'fixture-model', messages: [{ role: 'user' as const, content: 'Hello there' }] };

/** Fast retries for tests: no real waiting unless a test asks for it. */
export const FAST_RETRY = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 50, maxTotalWaitMs: 1000 };

export async function withServer(fn: (server: FixtureServer) => Promise<void>, opts: { apiKey?: string } = {}): Promise<void> {
  const server = await startFixtureServer(opts);
  try {
    await fn(server);
  } finally {
    await server.close();
  }
}

export function clientFor(server: FixtureServer, extra: Partial<ClientOptions> = {}) {
  return createClient({ baseUrl: server.url, apiKey: KEY, retry: FAST_RETRY, ...extra });
}

export interface Collected {
  text: string;
  reasoning: string;
  usage?: Usage;
  finish?: string;
  toolCalls: ToolCallEvent[];
  events: StreamEvent[];
  error?: ApiError;
}

/** Consumes a stream, keeping what arrived before an error (the error is returned, not thrown). */
export async function collect(stream: AsyncIterable<StreamEvent>, onEvent?: (ev: StreamEvent) => void): Promise<Collected> {
  const out: Collected = { text: '', reasoning: '', toolCalls: [], events: [] };
  try {
    for await (const ev of stream) {
      out.events.push(ev);
      if (ev.type === 'text') out.text += ev.text;
      else if (ev.type === 'reasoning') out.reasoning += ev.text;
      else if (ev.type === 'usage') out.usage = ev.usage;
      else if (ev.type === 'finish') out.finish = ev.reason;
      else if (ev.type === 'tool_call') out.toolCalls.push(ev);
      onEvent?.(ev);
    }
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    out.error = err;
  }
  return out;
}

export async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

export function chatRequests(server: FixtureServer) {
  return server.requests.filter((r) => r.path.endsWith('/chat/completions'));
}

export interface CollectedCompletion {
  text: string;
  /** The text events, one per piece as it arrived. */
  texts: string[];
  /** The `done` event (always the last event when there is one). */
  done?: Extract<CompletionEvent, { type: 'done' }>;
  events: CompletionEvent[];
  error?: ApiError;
}

/** Consumes a completion stream, keeping what arrived before an error (the error is returned, not thrown). */
export async function collectCompletion(stream: AsyncIterable<CompletionEvent>, onEvent?: (ev: CompletionEvent) => void): Promise<CollectedCompletion> {
  const out: CollectedCompletion = { text: '', texts: [], events: [] };
  try {
    for await (const ev of stream) {
      out.events.push(ev);
      if (ev.type === 'text') {
        out.text += ev.text;
        out.texts.push(ev.text);
      } else out.done = ev;
      onEvent?.(ev);
    }
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    out.error = err;
  }
  return out;
}
