// Every recorded `GET /models` shape (test/fixtures/model-lists/) through the client's parser: what each server
// says about context, output limit, prices and capabilities is read; what it does not say stays unknown.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseModelList, parseServerProps } from '../../../src/api/models';
import type { ModelInfo } from '../../../src/api/types';

function list(name: string): Map<string, ModelInfo> {
  const json: unknown = JSON.parse(readFileSync(join('test', 'fixtures', 'model-lists', `${name}.json`), 'utf8'));
  return new Map(parseModelList(json, 'example.test').map((m) => [m.id, m]));
}

test('Prime Intellect: context_length and pricing in USD per million (input_usd_per_mtok)', () => {
  const models = list('prime-intellect');
  const llama = models.get('meta-llama/llama-3.1-70b-instruct')!;
  assert.equal(llama.contextLength, 131072);
  assert.deepEqual(llama.pricing, { inputPerMTok: 0.88, outputPerMTok: 0.88 });
  assert.deepEqual(models.get('deepseek/deepseek-r1-0528')!.pricing, { inputPerMTok: 0.5, outputPerMTok: 2.18 });
  const bare = models.get('qwen/qwen3-235b-a22b-instruct-2507')!;
  assert.equal(bare.contextLength, undefined);
  assert.equal(bare.pricing, undefined);
  assert.deepEqual(bare.capabilities, {});
});

test('OpenRouter: USD per token, modalities, supported_parameters and the top provider output limit', () => {
  const models = list('openrouter');
  const gpt = models.get('openai/gpt-4o')!;
  assert.equal(gpt.contextLength, 128000);
  assert.equal(gpt.maxOutputTokens, 16384);
  assert.deepEqual(gpt.pricing, { inputPerMTok: 2.5, outputPerMTok: 10 });
  assert.deepEqual(gpt.capabilities, { vision: true, tools: true, reasoning: false });
  const r1 = models.get('deepseek/deepseek-r1')!;
  assert.deepEqual(r1.capabilities, { vision: false, tools: false, reasoning: true });
  assert.equal(r1.maxOutputTokens, undefined, 'null is not a limit');
  const free = models.get('meta-llama/llama-3.3-70b-instruct:free')!;
  assert.deepEqual(free.pricing, { inputPerMTok: 0, outputPerMTok: 0 });
  assert.equal(free.capabilities.tools, true);
});

test('vLLM: max_model_len; nothing else claimed', () => {
  const qwen = list('vllm').get('Qwen/Qwen2.5-Coder-32B-Instruct')!;
  assert.equal(qwen.contextLength, 32768);
  assert.equal(qwen.owned_by, 'vllm');
  assert.deepEqual(qwen.capabilities, {});
});

test('llama.cpp: the running window (meta.n_ctx) wins over the training one; text-only modalities', () => {
  const scripted = list('llama-cpp').get('scripted')!;
  assert.equal(scripted.contextLength, 1024);
  assert.equal(scripted.capabilities.vision, false);
  assert.equal(scripted.capabilities.tools, undefined, '"completion" says nothing about tools');
  assert.deepEqual(parseServerProps({ default_generation_settings: { n_ctx: 4096 }, modalities: { vision: true } }), { contextLength: 4096, vision: true });
  assert.equal(parseServerProps({ unrelated: 1 }), undefined);
});

test('LM Studio: type "vlm" means vision, max_context_length is the window', () => {
  const models = list('lmstudio');
  assert.equal(models.get('qwen2.5-vl-7b-instruct')!.capabilities.vision, true);
  assert.equal(models.get('qwen2.5-coder-7b-instruct')!.capabilities.vision, undefined);
  assert.equal(models.get('qwen2.5-coder-7b-instruct')!.contextLength, 131072);
});

test('Ollama: only ids (everything else unknown, so user overrides and defaults decide)', () => {
  const llama = list('ollama').get('llama3.2:latest')!;
  assert.equal(llama.contextLength, undefined);
  assert.deepEqual(llama.capabilities, {});
});

test('Groq: context_window and max_completion_tokens', () => {
  const groq = list('groq').get('llama-3.3-70b-versatile')!;
  assert.equal(groq.contextLength, 131072);
  assert.equal(groq.maxOutputTokens, 32768);
});

test('gateways: capability flag objects and supports_* booleans', () => {
  const models = list('gateway-flags');
  assert.deepEqual(models.get('mistral-small-latest')!.capabilities, { tools: true, vision: true });
  assert.deepEqual(models.get('gpt-4o-mini')!.capabilities, { vision: true, tools: true });
  assert.equal(models.get('gpt-4o-mini')!.maxOutputTokens, 16384);
});
