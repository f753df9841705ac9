import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { ModelInfo } from '../../../src/api/types';
import { canFillInMiddle } from '../../../src/completions/core/fimModels';

const model = (id: string, raw: Record<string, unknown> = {}): ModelInfo => ({ id, capabilities: {}, raw: { id, ...raw } });

test('base coder models of a known family fill in the middle', () => {
  for (const [id, family] of [
    ['qwen2.5-coder:1.5b-base', 'qwen'],
    ['bigcode/starcoder2-3b', 'starcoder'],
    ['deepseek-coder-6.7b-base', 'deepseek'],
    ['codellama:7b-code', 'codellama'],
    ['codestral-latest', 'codestral'],
    ['codegemma:2b', 'codegemma'],
  ] as const) {
    const fit = canFillInMiddle(model(id));
    assert.deepEqual({ fim: fit.fim, family: fit.family }, { fim: true, family }, id);
    assert.match(fit.why, /trained to fill in the middle/, id);
  }
});

test('chat models do not; the reason names the slower chat prompt', () => {
  for (const id of ['llama3', 'gpt-4o', 'deepseek-r1:7b', 'meta-llama/Llama-3.3-70B-Instruct']) {
    const fit = canFillInMiddle(model(id));
    assert.equal(fit.fim, false, id);
    assert.equal(fit.family, undefined, id);
    assert.match(fit.why, /slower chat prompt/, id);
  }
});

test('a chat/instruct variant of a coder family: listed, with a weaker reason', () => {
  for (const id of ['Qwen/Qwen2.5-Coder-7B-Instruct', 'deepseek-coder:6.7b-instruct', 'codellama:13b-instruct', 'google/codegemma-7b-it', 'deepseek-coder-v2-lite-chat']) {
    const fit = canFillInMiddle(model(id));
    assert.equal(fit.fim, true, id);
    assert.ok(fit.family, id);
    assert.match(fit.why, /less reliably than the base model/, id);
  }
  assert.match(canFillInMiddle(model('qwen2.5-coder:7b-base')).why, /trained to/, '"base" is not "it"');
});

test('the original name behind an alias: vLLM\'s root, OpenRouter\'s hugging_face_id', () => {
  const vllm = canFillInMiddle(model('my-completer', { root: 'Qwen/Qwen2.5-Coder-1.5B' }));
  assert.deepEqual([vllm.fim, vllm.family], [true, 'qwen']);
  const router = canFillInMiddle(model('mistralai/codestral-2508', { hugging_face_id: '' }));
  assert.deepEqual([router.fim, router.family], [true, 'codestral']);
});

test('what the server says wins over the name', () => {
  const ollamaYes = canFillInMiddle(model('my-model:latest', { capabilities: ['completion', 'insert'] }));
  assert.equal(ollamaYes.fim, true);
  assert.match(ollamaYes.why, /server says/);
  const ollamaNo = canFillInMiddle(model('qwen2.5-coder:7b', { capabilities: ['completion', 'tools'] }));
  assert.equal(ollamaNo.fim, false, 'Ollama lists no `insert` for it');
  const mistral = canFillInMiddle(model('codestral-2501', { capabilities: { completion_chat: true, completion_fim: true } }));
  assert.deepEqual([mistral.fim, mistral.family], [true, 'codestral']);
  const mistralNo = canFillInMiddle(model('mistral-large-latest', { capabilities: { completion_chat: true, completion_fim: false } }));
  assert.equal(mistralNo.fim, false);
  const embedding = canFillInMiddle(model('nomic-embed-code', { type: 'embeddings' }));
  assert.equal(embedding.fim, false);
  assert.match(embedding.why, /embedding/);
});

test('Code Llama 34B was trained without infilling', () => {
  const fit = canFillInMiddle(model('codellama/CodeLlama-34b-hf'));
  assert.equal(fit.fim, false);
  assert.match(fit.why, /34B/);
});
