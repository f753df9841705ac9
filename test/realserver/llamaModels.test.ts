// What a real llama-server says about its model — /v1/models and /props — and how the token estimate the chat
// budgets with compares with its real usage.prompt_tokens. Env as for llamaServer.test.ts (LLAMA_SERVER,
// LLAMA_MODEL_DIR, LLAMA_GGUF_SCRIPT); unset → loudly skipped.
//
// The scripted test model's tokenizer has no merges (byte fallback): about one token per UTF-8 byte, plus
// dozens of tokens of chat-template markup — several times what the heuristic assumes for real subword
// tokenizers. That is the hard case for the estimate: the documented margin is that once the server has
// counted two prompts of different sizes, the calibrated estimate is never below its count and at most 40%
// above it.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createClient, type ChatMessage, type OpenAICompatibleClient, type Usage } from '../../src/api';
import { resolveModelProfile } from '../../src/models/modelProfile';
import { estimatePromptTokens, TokenCalibration } from '../../src/models/tokenEstimate';
import { startLlamaServer, type LlamaServer } from './llamaProcess';

const { LLAMA_SERVER, LLAMA_MODEL_DIR, LLAMA_GGUF_SCRIPT } = process.env;

const PROMPTS: Record<string, string> = {
  short: 'What is the capital of France?',
  code: 'export function add(a: number, b: number): number {\n  return a + b;\n}\n\nWhat does this do?',
  unicode: 'Explique « déjà vu » en une phrase — s’il te plaît. 日本語でも。',
  prose: 'The quick brown fox jumps over the lazy dog while the cat watches from the window sill. '.repeat(6),
  long: 'function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\n'.repeat(8),
};

async function promptTokens(client: OpenAICompatibleClient, messages: ChatMessage[]): Promise<number> {
  let usage: Usage | undefined;
  for await (const ev of client.streamChat({ model: 'scripted', messages, max_tokens: 1 })) if (ev.type === 'usage') usage = ev.usage;
  assert.ok(usage && usage.prompt_tokens > 0, 'llama-server reports prompt_tokens');
  return usage.prompt_tokens;
}

if (!LLAMA_SERVER || !LLAMA_MODEL_DIR || !LLAMA_GGUF_SCRIPT) {
  console.warn('\n*** SKIPPED: llama-server model metadata and token estimate suite — set LLAMA_SERVER, LLAMA_MODEL_DIR and LLAMA_GGUF_SCRIPT ***\n');
  test.skip('llama-server model metadata suite (LLAMA_SERVER / LLAMA_MODEL_DIR / LLAMA_GGUF_SCRIPT not set)', () => undefined);
} else {
  describe('llama-server: what it says about its model, and the token estimate against its count', () => {
    let server: LlamaServer;
    let client: OpenAICompatibleClient;

    before(async () => {
      fs.mkdirSync(LLAMA_MODEL_DIR, { recursive: true });
      const model = path.join(LLAMA_MODEL_DIR, 'models-suite.gguf');
      execFileSync(process.execPath, [LLAMA_GGUF_SCRIPT, model, 'Paris', '▁is', '▁the', '▁capital', '.'], { stdio: 'ignore' });
      server = await startLlamaServer(LLAMA_SERVER, model, 'scripted'); // -c 1024 -np 1
      client = createClient({ baseUrl: server.url, retry: { maxRetries: 0 } });
    });
    after(async () => {
      await server?.stop();
    });

    test('/v1/models and /props: the running window (1024, not the trained 2048), text only; the profile uses them', async () => {
      const models = await client.listModels();
      const scripted = models.find((m) => m.id === 'scripted');
      assert.ok(scripted, `listed: ${models.map((m) => m.id).join(', ')}`);
      assert.equal(scripted.owned_by, 'llamacpp');
      assert.equal(scripted.contextLength, 1024);
      assert.equal(scripted.capabilities.vision, false);
      const props = await client.serverProps();
      assert.deepEqual(props, { contextLength: 1024, vision: false });
      const profile = resolveModelProfile('scripted', scripted, {}, props);
      assert.equal(profile.contextWindow, 1024);
      assert.equal(profile.sources.contextWindow, 'server');
      assert.equal(profile.maxOutputTokens, 256);
    });

    test('the estimate against the real prompt_tokens: calibrated by two counts, never below and within 40% above', async () => {
      const calibration = new TokenCalibration();
      const requests = Object.entries(PROMPTS).map(([name, text]) => ({ name, messages: [{ role: 'system' as const, content: 'Be brief.' }, { role: 'user' as const, content: text }] }));
      const counted: Array<{ name: string; estimated: number; actual: number }> = [];
      for (const r of requests) counted.push({ name: r.name, estimated: estimatePromptTokens(r.messages), actual: await promptTokens(client, r.messages) });
      const lines = counted.map((c) => `${c.name}: heuristic ${c.estimated}, server ${c.actual}`);
      console.log(`  prompt tokens — ${lines.join('; ')}`);
      // Two replies in (a short and a long prompt), every prompt is estimated within the margin.
      for (const name of ['short', 'long']) {
        const c = counted.find((x) => x.name === name)!;
        calibration.observe('scripted', c.estimated, c.actual);
      }
      for (const c of counted) {
        const scaled = calibration.scale('scripted', c.estimated);
        assert.ok(scaled >= c.actual, `${c.name}: estimate ${scaled} is below the server's ${c.actual}`);
        assert.ok(scaled <= Math.ceil(c.actual * 1.4), `${c.name}: estimate ${scaled} is more than 40% above the server's ${c.actual}`);
      }
    });
  });
}
