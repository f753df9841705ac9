import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatContextLength, formatPricing, modelDetail, perMillion } from '../../../src/models/modelFormat';

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
