// One suggestion over a real loopback socket, per endpoint: the family template on /v1/completions, the server's
// own `suffix` for a model of no known family, the hole-filler chat prompt and its contract, a single line that
// stops reading at its line break, and the fallback from a missing /completions to the chat prompt.
import { after, before, beforeEach, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createClient } from '../../../src/api';
import { CompletionTargets } from '../../../src/completions/completionTarget';
import { requestWithFallback } from '../../../src/completions/requestSuggestion';
import { DEFAULT_COMPLETION_LANGUAGES, type CompletionSettings } from '../../../src/config/core/completionSettings';
import { resolveModelProfile } from '../../../src/models/modelProfile';
import type { ProviderConnection } from '../../../src/providers/core/providerService';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server';

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer();
});
after(() => server.close());
beforeEach(() => {
  server.setScenario('normal');
  server.setCompletion(undefined);
  server.requests.length = 0;
});

const INPUT = { prefix: 'function add(a, b) {\n  ', suffix: '\n}\n', filePath: 'src/add.js', languageId: 'javascript', snippets: [] };
const posted = (suffix: string) => server.requests.filter((r) => r.method === 'POST' && r.path.endsWith(suffix));

function targets(model: string, endpoint: CompletionSettings['endpoint'] = 'auto'): CompletionTargets {
  const connection = {
    provider: { id: 'fixture', name: 'Fixture', baseUrl: server.url },
    client: createClient({ baseUrl: server.url, retry: { maxRetries: 0 } }),
  } as unknown as ProviderConnection;
  const settings: CompletionSettings = { enabled: true, provider: '', model, endpoint, debounceMs: 0, maxTokens: 32, languages: DEFAULT_COMPLETION_LANGUAGES, lines: 'multi' };
  return new CompletionTargets({ connect: async () => connection, currentModel: () => model, modelProfile: (_p, id) => resolveModelProfile(id) }, () => settings);
}

const ask = (t: CompletionTargets, lines: 'single' | 'multi' = 'multi') =>
  requestWithFallback(t, { input: INPUT, maxTokens: 32, lines, signal: AbortSignal.timeout(10_000) });

test('a coder model on a server without /props: /v1/completions with its family template and stop tokens', async () => {
  server.setCompletion('return a + b;');
  const { target, raw } = await ask(targets('qwen2.5-coder:7b-base'));
  assert.equal(target.endpoint, 'completions');
  assert.equal(raw?.text, 'return a + b;');
  const body = posted('/v1/completions')[0]!.body as { prompt: string; stop: string[]; model: string; max_tokens: number };
  assert.equal(body.prompt, '<|fim_prefix|>function add(a, b) {\n  <|fim_suffix|>\n}\n<|fim_middle|>');
  assert.ok(body.stop.includes('<|endoftext|>'), JSON.stringify(body.stop));
  assert.deepEqual([body.model, body.max_tokens], ['qwen2.5-coder:7b-base', 32]);
});

test('a model of no known family with endpoint "completions": the prompt and the server\'s own `suffix` field', async () => {
  server.setCompletion('return a + b;');
  const { raw } = await ask(targets('my-own-coder', 'completions'));
  assert.equal(raw?.text, 'return a + b;');
  const body = posted('/v1/completions')[0]!.body as { prompt: string; suffix: string };
  assert.deepEqual([body.prompt, body.suffix], [INPUT.prefix, INPUT.suffix]);
});

test('a chat model: the hole-filler prompt; the fill is the text inside the contract, a reply outside it shows nothing', async () => {
  server.setReply('<FILL>return a + b;</FILL>');
  const t = targets('gpt-4o');
  const { target, raw } = await ask(t);
  assert.equal(target.endpoint, 'chat');
  assert.equal(raw?.text, 'return a + b;');
  const body = posted('/chat/completions')[0]!.body as { messages: Array<{ content: string }>; stop: string[] };
  assert.ok(body.messages.some((m) => m.content.includes('function add(a, b) {')), 'the code around the hole is sent');
  assert.deepEqual(body.stop, ['</FILL>']);
  server.setReply('Sure! Here is how you could add the numbers: a + b.');
  assert.equal((await ask(t)).raw, undefined);
});

test('a single line asks the server to stop at the line break', async () => {
  server.setCompletion('return a + b;\n  // and more\n  // and more');
  const { raw } = await ask(targets('qwen2.5-coder:7b-base'), 'single');
  assert.equal(raw!.text, 'return a + b;');
  const body = posted('/v1/completions')[0]!.body as { stop: string[] };
  assert.ok(body.stop.includes('\n'), JSON.stringify(body.stop));
});

test('a server without /completions: the same request falls back to the chat prompt, and stays there', async () => {
  server.setScenario('completions-not-found');
  server.setReply('<FILL>return a + b;</FILL>');
  const t = targets('qwen2.5-coder:7b-base');
  const first = await ask(t);
  assert.deepEqual([first.target.endpoint, first.raw?.text], ['chat', 'return a + b;']);
  await ask(t);
  assert.equal(posted('/v1/completions').length, 1, 'the missing endpoint was asked once');
  assert.equal(posted('/chat/completions').length, 2);
});
