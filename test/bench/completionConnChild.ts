// Child process of the completion benchmark's connection part: a keep-alive server over plain HTTP and over TLS
// (the parent's self-signed certificate; this process trusts it through NODE_EXTRA_CA_CERTS, so the client is the
// unmodified global fetch, as in the extension host), and the real API client doing, per case, rounds of
// "something that ends a request early, then a normal request". The server numbers its connections and reports
// which one each request came on. Sends one {type: 'result'} message and exits.
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createClient } from '../../src/api';
import type { OpenAICompatibleClient } from '../../src/api/types';
import { resolveModelProfile } from '../../src/models/modelProfile';
import type { CompletionTarget } from '../../src/completions/completionTarget';
import { requestSuggestion } from '../../src/completions/requestSuggestion';
import { completionHandler, trackConnections, type RequestReport, type ServeConfig } from './completionServerCore';

const ROUNDS = 5;
const CASES = ['complete, then the next', 'aborted in the service time', 'aborted mid-stream', 'single line: client stops at its newline'] as const;
export type CaseName = (typeof CASES)[number];

export interface CaseResult {
  requests: number;
  opened: number;
  /** The normal requests after the case: ms to their first token, on a reused and on a new connection. */
  reusedMs: number[];
  newMs: number[];
}
export type ConnResult = { type: 'result'; results: Record<'http' | 'tls', Record<CaseName, CaseResult>> } | { type: 'error'; message: string };

const SERVICE_MS = 20;
const TOKEN_MS = 1;
const GAP_MS = 25;
/** ~20 tokens, a line break after the first line: the single-line case's client stops there. */
const FILL = 'const n = values.length;\n    return sum(values) / n;';
const PROMPT = '<|fim_prefix|>function mean(values: number[]): number {\n    <|fim_suffix|>\n}\n<|fim_middle|>';

async function serve(tls: { keyPem: string; certPem: string } | undefined): Promise<{
  baseUrl: string;
  opened: () => number;
  reports: RequestReport[];
  setHonourStop: (on: boolean) => void;
  close: () => void;
}> {
  const server = tls ? https.createServer({ key: tls.keyPem, cert: tls.certPem }) : http.createServer();
  server.keepAliveTimeout = 30_000;
  const connections = trackConnections(server, tls !== undefined);
  const reports: RequestReport[] = [];
  let config: ServeConfig = { serviceMs: SERVICE_MS, tokenMs: TOKEN_MS, fill: FILL, honourStop: true };
  server.on('request', completionHandler(() => config, connections, (r) => reports.push(r)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    opened: connections.count,
    reports,
    setHonourStop: (on) => (config = { ...config, honourStop: on }),
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

const deadline = (): AbortSignal => AbortSignal.timeout(5_000);
/**
 * Between two requests, as a debounce would leave: back to back, the next request is dispatched before undici has
 * read the end of the previous reply, and it opens a second connection while the first is still busy.
 */
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, GAP_MS));

/** A whole reply; returns ms from the call to its first token. */
async function complete(client: OpenAICompatibleClient): Promise<number> {
  const start = performance.now();
  let first: number | undefined;
  for await (const event of client.streamCompletion({ model: 'bench', prompt: PROMPT, max_tokens: 64 }, { signal: deadline() })) {
    if (event.type === 'text') first ??= performance.now() - start;
  }
  if (first === undefined) throw new Error('no token came');
  return first;
}

/** Reads `tokens` tokens (0: none, the abort comes while the server is still in its service time), then aborts. */
async function abortAfter(client: OpenAICompatibleClient, tokens: number): Promise<void> {
  const controller = new AbortController();
  const signal = AbortSignal.any([controller.signal, deadline()]);
  if (tokens === 0) setTimeout(() => controller.abort(), SERVICE_MS / 2);
  let seen = 0;
  try {
    for await (const event of client.streamCompletion({ model: 'bench', prompt: PROMPT, max_tokens: 64 }, { signal })) {
      if (event.type === 'text' && ++seen === tokens) controller.abort();
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  }
}

function targetOf(client: OpenAICompatibleClient): CompletionTarget {
  const model = 'qwen2.5-coder';
  const profile = resolveModelProfile(model);
  return { providerId: 'bench', providerName: 'Bench server', model, client, endpoint: 'completions', why: 'bench', family: 'qwen', priced: false, profile, key: 'bench' };
}

/** requestSuggestion for a single line, from a server that does not honour the `\n` stop: the client stops reading. */
async function singleLine(client: OpenAICompatibleClient): Promise<void> {
  const input = { prefix: 'function mean(values: number[]): number {\n    ', suffix: '\n}\n', filePath: 'mean.ts', languageId: 'typescript', snippets: [] };
  const raw = await requestSuggestion(targetOf(client), { input, maxTokens: 64, lines: 'single', signal: deadline() });
  if (!raw?.text.includes('\n')) throw new Error('the single-line case did not stop at a line break');
}

async function runCase(name: CaseName, client: OpenAICompatibleClient, server: Awaited<ReturnType<typeof serve>>): Promise<CaseResult> {
  await complete(client); // a warm connection to start from
  await pause();
  server.setHonourStop(name !== 'single line: client stops at its newline');
  const before = server.opened();
  const result: CaseResult = { requests: 0, opened: 0, reusedMs: [], newMs: [] };
  for (let round = 0; round < ROUNDS; round++) {
    await pause();
    if (name === 'complete, then the next') await complete(client);
    else if (name === 'aborted in the service time') await abortAfter(client, 0);
    else if (name === 'aborted mid-stream') await abortAfter(client, 3);
    else await singleLine(client);
    await pause();
    const firstTokenMs = await complete(client);
    result.requests += 2;
    const next = server.reports.filter((r) => r.outcome === 'complete').at(-1)!;
    (next.firstOnSocket ? result.newMs : result.reusedMs).push(firstTokenMs);
  }
  result.opened = server.opened() - before;
  return result;
}

async function main(tls: { keyPem: string; certPem: string }): Promise<void> {
  const results = {} as Record<'http' | 'tls', Record<CaseName, CaseResult>>;
  for (const protocol of ['http', 'tls'] as const) {
    const server = await serve(protocol === 'tls' ? tls : undefined);
    const client = createClient({ baseUrl: server.baseUrl });
    results[protocol] = {} as Record<CaseName, CaseResult>;
    try {
      for (const name of CASES) results[protocol][name] = await runCase(name, client, server);
    } finally {
      server.close();
    }
  }
  process.send?.({ type: 'result', results } satisfies ConnResult);
}

process.once('message', (tls: { keyPem: string; certPem: string }) => {
  main(tls)
    .catch((error: unknown) => process.send?.({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies ConnResult))
    .finally(() => process.disconnect());
});
