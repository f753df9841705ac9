import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildModelPickEntries } from '../../../src/statusBar/modelPickerItems';

const llama = {
  id: 'meta-llama/llama-3.1-70b-instruct',
  owned_by: 'meta',
  contextLength: 131072,
  pricing: { inputPerMTok: 0.88, outputPerMTok: 0.88 },
  capabilities: {},
  raw: {},
};
const bare = { id: 'vllm-primary', capabilities: {}, raw: {} };

test('entries: refresh first, a separator with the provider name, current model marked', () => {
  const entries = buildModelPickEntries('Prime Intellect', [llama, bare], 'vllm-primary');
  assert.equal(entries[0]?.type, 'refresh');
  assert.deepEqual(entries[1], { type: 'separator', label: 'Prime Intellect' });
  const models = entries.filter((e) => e.type === 'model');
  assert.deepEqual(models.map((m) => m.modelId), [llama.id, 'vllm-primary']);
  const current = models.find((m) => m.current);
  assert.equal(current?.modelId, 'vllm-primary');
  assert.match(current!.label, /^\$\(check\) /);
  assert.equal(models[0]?.detail, 'meta · 128K context · $0.88 in / $0.88 out per 1M tokens');
});

test('a current model the server no longer lists stays visible', () => {
  const entries = buildModelPickEntries('X', [bare], 'gone/model');
  const models = entries.filter((e) => e.type === 'model');
  assert.equal(models[0]?.modelId, 'gone/model');
  assert.match(models[0]!.description ?? '', /not in the server list/);
});
