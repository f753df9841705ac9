import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildModelPickEntries, formatContextLength, formatPricing, modelDetail, perMillion } from '../../../src/statusBar/modelPickerItems';

const llama = {
  id: 'meta-llama/llama-3.1-70b-instruct',
  owned_by: 'meta',
  contextLength: 131072,
  pricing: { prompt: '0.00000088', completion: '0.00000088' },
  raw: {},
};
const bare = { id: 'vllm-primary', raw: {} };

test('detail shows owner, context and pricing per million tokens', () => {
  assert.equal(modelDetail(llama), 'meta · 128K context · $0.88 in / $0.88 out per 1M tokens');
  assert.equal(modelDetail(bare), undefined);
  assert.equal(formatContextLength(200000), '200K context');
  assert.equal(formatContextLength(8192), '8K context');
  assert.equal(formatContextLength(1_048_576), '1M context');
  assert.equal(perMillion('3'), 3, 'values of a cent or more are already per million');
  assert.equal(perMillion('0.000015'), 15);
  assert.equal(perMillion('n/a'), undefined);
  assert.equal(formatPricing({ prompt: 0, completion: 0 }), 'free');
  assert.equal(formatPricing(undefined), undefined);
});

test('entries: refresh first, a separator with the provider name, current model marked', () => {
  const entries = buildModelPickEntries('Prime Intellect', [llama, bare], 'vllm-primary');
  assert.equal(entries[0]?.type, 'refresh');
  assert.deepEqual(entries[1], { type: 'separator', label: 'Prime Intellect' });
  const models = entries.filter((e) => e.type === 'model');
  assert.deepEqual(models.map((m) => m.modelId), [llama.id, 'vllm-primary']);
  const current = models.find((m) => m.current);
  assert.equal(current?.modelId, 'vllm-primary');
  assert.match(current.label, /^\$\(check\) /);
  assert.equal(models[0]?.detail, 'meta · 128K context · $0.88 in / $0.88 out per 1M tokens');
});

test('a current model the server no longer lists stays visible', () => {
  const entries = buildModelPickEntries('X', [bare], 'gone/model');
  const models = entries.filter((e) => e.type === 'model');
  assert.equal(models[0]?.modelId, 'gone/model');
  assert.match(models[0].description ?? '', /not in the server list/);
});
