import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  buildModelErrorEntries,
  buildModelPickEntries,
  customIdEntry,
  validateModelId,
} from '../../../src/statusBar/core/modelPickerItems';

const llama = {
  id: 'meta-llama/llama-3.1-70b-instruct',
  owned_by: 'meta',
  contextLength: 131072,
  pricing: { inputPerMTok: 0.88, outputPerMTok: 0.88 },
  capabilities: { tools: true },
  raw: {},
};
const qwen = { id: 'qwen/qwen3-coder', owned_by: 'qwen', capabilities: {}, raw: {} };
const bare = { id: 'vllm-primary', capabilities: {}, raw: {} };

test('entries: "Use a model id…" and Refresh first, recently used (current first) on top, then the rest of the list', () => {
  const entries = buildModelPickEntries('Prime Intellect', [llama, qwen, bare], 'vllm-primary', ['qwen/qwen3-coder', 'vllm-primary']);
  assert.equal(entries[0]?.type, 'custom');
  assert.equal(entries[1]?.type, 'refresh');
  assert.deepEqual(entries[2], { type: 'separator', label: 'Recently used' });
  const models = entries.filter((e) => e.type === 'model');
  assert.deepEqual(models.map((m) => m.modelId), ['vllm-primary', 'qwen/qwen3-coder', llama.id]);
  assert.ok(entries.some((e) => e.type === 'separator' && e.label === 'Prime Intellect'));
  const current = models.find((m) => m.current);
  assert.equal(current?.modelId, 'vllm-primary');
  assert.match(current.label, /^\$\(check\) /);
  assert.equal(models[2]?.detail, 'meta · 128K context · $0.88 in / $0.88 out per 1M tokens · tools');
});

test('a current model the server no longer lists stays visible', () => {
  const entries = buildModelPickEntries('X', [bare], 'gone/model');
  const models = entries.filter((e) => e.type === 'model');
  assert.equal(models[0]?.modelId, 'gone/model');
  assert.match(models[0].description ?? '', /not in the server list/);
});

test('the typed filter text is offered as a model id', () => {
  assert.deepEqual(customIdEntry('  my-model:7b '), { type: 'custom', label: '$(edit) Use "my-model:7b" as the model id', description: 'even if the server does not list it' });
  assert.equal(customIdEntry('two words').label, '$(edit) Use a model id…');
});

test('when the list fails: the reason with Retry, "Use a model id…", and the current model', () => {
  const entries = buildModelErrorEntries('SolidRust', 'HTTP 404 Not Found from api.solidrust.ai', 'vllm-primary');
  assert.deepEqual(entries.map((e) => e.type), ['custom', 'retry', 'separator', 'model']);
  assert.equal(entries[1]?.type === 'retry' && entries[1].detail, 'HTTP 404 Not Found from api.solidrust.ai');
});

test('model ids are validated: non-empty, no whitespace, bounded', () => {
  assert.equal(validateModelId('vllm-primary'), undefined);
  assert.match(validateModelId('  ') ?? '', /Type the model id/);
  assert.match(validateModelId('a b') ?? '', /no spaces/);
  assert.match(validateModelId('x'.repeat(301)) ?? '', /at most 300/);
});
