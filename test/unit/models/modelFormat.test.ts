import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatContextLength, formatPricing, modelDetail } from '../../../src/models/modelFormat';

const llama = {
  id: 'meta-llama/llama-3.1-70b-instruct',
  owned_by: 'meta',
  contextLength: 131072,
  pricing: { inputPerMTok: 0.88, outputPerMTok: 0.88 },
  capabilities: {},
  raw: {},
};
const bare = { id: 'vllm-primary', capabilities: {}, raw: {} };

test('detail shows owner, context and pricing per million tokens', () => {
  assert.equal(modelDetail(llama), 'meta · 128K context · $0.88 in / $0.88 out per 1M tokens');
  assert.equal(modelDetail(bare), undefined);
  assert.equal(formatContextLength(200000), '200K context');
  assert.equal(formatContextLength(8192), '8K context');
  assert.equal(formatContextLength(1_048_576), '1M context');
  assert.equal(formatPricing({ inputPerMTok: 0, outputPerMTok: 0 }), 'free');
  assert.equal(formatPricing({ inputPerMTok: 3 }), '$3.00 in / ? out per 1M tokens');
  assert.equal(formatPricing(undefined), undefined);
  assert.equal(modelDetail({ ...bare, capabilities: { vision: true, tools: true, reasoning: false } }), 'vision, tools');
});
