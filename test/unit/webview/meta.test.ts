// The line under a reply: what the user reads about model, tokens, speed and why the reply ended.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { conversationCost, formatMeta, formatUsd } from '../../../src/webview/ui/meta';

test('model, tokens, time to first token and speed, in that order', () => {
  assert.equal(
    formatMeta({ model: 'm', promptTokens: 12, completionTokens: 8, ttftMs: 1500, tokensPerSecond: 7.25 }),
    'm · 12→8 tokens · TTFT 1.5 s · 7.3 tok/s',
  );
  assert.equal(formatMeta(undefined), '');
});

test('a reply cut at the max-tokens limit or by a content filter says so; a plain stop adds nothing', () => {
  assert.equal(formatMeta({ model: 'm', finishReason: 'length' }), 'm · cut at the max-tokens limit');
  assert.equal(formatMeta({ model: 'm', finishReason: 'content_filter' }), 'm · stopped by the content filter');
  assert.equal(formatMeta({ model: 'm', finishReason: 'stop' }), 'm');
});

test('cost: the provider figure as is, a computed one marked ≈; conversations add theirs up', () => {
  assert.equal(formatMeta({ model: 'm', costUsd: 0.0042, costSource: 'provider' }), 'm · $0.0042');
  assert.equal(formatMeta({ model: 'm', costUsd: 0.127, costSource: 'pricing' }), 'm · ≈$0.127');
  assert.equal(formatUsd(0), '$0');
  assert.equal(formatUsd(0.00004), '<$0.0001');
  assert.equal(formatUsd(12.5), '$12.50');
  assert.equal(conversationCost([{ meta: { costUsd: 0.5 } }, {}, { meta: { costUsd: 0.25 } }]), 0.75);
  assert.equal(conversationCost([{ meta: { model: 'm' } }]), undefined);
});
