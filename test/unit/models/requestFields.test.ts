import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { replyCost } from '../../../src/models/cost';
import { modelRequestFields, providerTraits } from '../../../src/models/requestFields';

test('providers known to answer usage.include get it; others never do', () => {
  assert.deepEqual(providerTraits({ baseUrl: 'https://api.pinference.ai/api/v1', acceptsUsageInclude: true }), { acceptsUsageInclude: true, reasoningStyle: 'openai' });
  assert.deepEqual(providerTraits({ baseUrl: 'https://openrouter.ai/api/v1' }), { acceptsUsageInclude: true, reasoningStyle: 'openrouter' });
  assert.deepEqual(providerTraits({ baseUrl: 'http://127.0.0.1:8000/v1' }), { acceptsUsageInclude: false, reasoningStyle: 'openai' });
  assert.deepEqual(providerTraits({ baseUrl: 'https://evil-openrouter.ai.example/v1' }), { acceptsUsageInclude: false, reasoningStyle: 'openai' });
  assert.deepEqual(providerTraits({ baseUrl: 'not a url' }), { acceptsUsageInclude: false, reasoningStyle: 'openai' });
});

test('reasoning effort in the form each server takes, the usage ask, and the user extraBody', () => {
  const openai = { acceptsUsageInclude: false, reasoningStyle: 'openai' as const };
  const router = { acceptsUsageInclude: true, reasoningStyle: 'openrouter' as const };
  assert.deepEqual(modelRequestFields({}, openai), {});
  assert.deepEqual(modelRequestFields({ reasoningEffort: 'high' }, openai), { reasoning_effort: 'high' });
  assert.deepEqual(modelRequestFields({ reasoningEffort: 'low', extraBody: { top_k: 20 } }, router), { top_k: 20, usage: { include: true }, reasoning: { effort: 'low' } });
});

test('cost: the provider figure first, else prices × tokens, else nothing', () => {
  const usage = { prompt_tokens: 1000, completion_tokens: 500, total_tokens: 1500 };
  assert.deepEqual(replyCost({ ...usage, cost: 0.0042 }, { inputPerMTok: 1, outputPerMTok: 1 }), { usd: 0.0042, source: 'provider' });
  assert.deepEqual(replyCost(usage, { inputPerMTok: 2, outputPerMTok: 10 }), { usd: 0.007, source: 'pricing' });
  assert.equal(replyCost(usage, { inputPerMTok: 2 }), undefined, 'half a price is no price');
  assert.equal(replyCost(usage, undefined), undefined);
  assert.equal(replyCost(undefined, { inputPerMTok: 2, outputPerMTok: 2 }), undefined);
});
