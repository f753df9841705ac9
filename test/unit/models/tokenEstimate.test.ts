import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  estimatePromptTokens,
  estimateTextTokens,
  IMAGE_TOKENS,
  MESSAGE_OVERHEAD_TOKENS,
  REPLY_PRIMING_TOKENS,
  TokenCalibration,
} from '../../../src/models/tokenEstimate';

test('ASCII at 3 characters a token, other BMP characters at 1.5, astral characters at 3', () => {
  assert.equal(estimateTextTokens(''), 0);
  assert.equal(estimateTextTokens('abc'), 1);
  assert.equal(estimateTextTokens('abcd'), 2);
  assert.equal(estimateTextTokens('日本語'), 5); // 4.5 → 5
  assert.equal(estimateTextTokens('😀'), 3, 'one character, not two UTF-16 units counted twice');
  assert.equal(estimateTextTokens('é'), 2);
});

test('on the high side of real tokenizers for prose and code (≈4 and ≈3.3 characters per token)', () => {
  const prose = 'The quick brown fox jumps over the lazy dog while the cat watches from the window sill. '.repeat(20);
  assert.ok(estimateTextTokens(prose) >= Math.ceil(prose.length / 4), 'prose');
  const code = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n'.repeat(20);
  assert.ok(estimateTextTokens(code) >= Math.ceil(code.length / 3.3), 'code');
});

test('a prompt adds each message overhead, the reply priming, and a fixed cost per image', () => {
  const messages = [
    { role: 'system' as const, content: 'abc' },
    { role: 'user' as const, content: [{ type: 'text', text: 'abcdef' }, { type: 'image_url', image_url: { url: 'data:' } }] },
  ];
  assert.equal(estimatePromptTokens(messages as never), REPLY_PRIMING_TOKENS + (1 + MESSAGE_OVERHEAD_TOKENS) + (2 + IMAGE_TOKENS + MESSAGE_OVERHEAD_TOKENS));
});

test('calibration: the heuristic until the server counted; then a line over every count seen, never below the heuristic', () => {
  const c = new TokenCalibration();
  assert.equal(c.scale('m', 100), 100);
  c.observe('m', 100, 80); // the heuristic was high: nothing to raise
  assert.equal(c.scale('m', 100), 100);
  assert.equal(c.scale('m', 200), 200);
  const b = new TokenCalibration();
  b.observe('bytes', 24, 135); // a byte-level tokenizer: markup dominates short prompts
  assert.equal(b.scale('bytes', 24), 135, 'one observation: proportional');
  b.observe('bytes', 59, 281);
  for (const [estimated, actual] of [[24, 135], [59, 281], [37, 186]] as const) {
    const scaled = b.scale('bytes', estimated);
    assert.ok(scaled >= actual, `${estimated} → ${scaled} ≥ ${actual}`);
    assert.ok(scaled <= actual * 1.25, `${estimated} → ${scaled} within 25% of ${actual}`);
  }
  assert.equal(b.scale('other', 50), 50, 'per model');
  b.observe('bytes', 0, 10); // nonsense is ignored
  b.observe('bytes', 10, -1);
  assert.ok(b.scale('bytes', 59) >= 281);
});
