import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { redact } from '../../../src/common/redact';

test('known keys are removed verbatim wherever they appear', () => {
  const key = 'pk-live-0123456789abcdef';
  const out = redact(`request failed: key=${key}; again ${key}`, [key]);
  assert.ok(!out.includes(key));
  assert.equal(out.split('[redacted]').length - 1, 2);
});

test('Bearer tokens, sk- keys and api_key fields are removed even when unknown', () => {
  const out = redact('Authorization: Bearer abc.def-123 and sk-proj-ABCDEFGH12345678 and {"api_key":"zzzzzzzz"} x-api-key=qqqq');
  assert.ok(!/abc\.def-123|sk-proj-ABCDEFGH12345678|zzzzzzzz|qqqq/.test(out), out);
  assert.match(out, /Bearer \[redacted\]/);
});

test('ordinary text is left alone', () => {
  const text = 'GET /v1/models → 200 in 12 ms (attempt 1)';
  assert.equal(redact(text, ['short-but-not-in-text']), text);
});

test('a longer key containing a shorter one is fully removed', () => {
  const out = redact('token abcd1234efgh', ['abcd', 'abcd1234efgh']);
  assert.equal(out, 'token [redacted]');
});
