import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseHeadersJson, providerIdFromName, validateBaseUrlInput } from '../../../src/providers/core/customProviderInput';

test('header JSON: empty is none, objects of strings pass, everything else explains itself', () => {
  assert.deepEqual(parseHeadersJson('  '), { ok: true, headers: undefined });
  assert.deepEqual(parseHeadersJson('{"HTTP-Referer":"https://x"}'), { ok: true, headers: { 'HTTP-Referer': 'https://x' } });
  const bad: Array<[string, RegExp]> = [
    ['{', /Not valid JSON/],
    ['[1]', /JSON object/],
    ['{"a": 1}', /"a" must be a string/],
    ['{"bad name": "x"}', /not a valid header name/],
    ['{"authorization": "Bearer x"}', /Do not put the key in headers/],
  ];
  for (const [text, pattern] of bad) {
    const r = parseHeadersJson(text);
    assert.equal(r.ok, false, text);
    assert.match(!r.ok ? r.message : '', pattern);
  }
});

test('provider ids are slugs and never collide', () => {
  assert.equal(providerIdFromName('LM Studio', []), 'lm-studio');
  assert.equal(providerIdFromName('LM Studio', ['lm-studio', 'lm-studio-2']), 'lm-studio-3');
  assert.equal(providerIdFromName('Prime Intellect', ['primeintellect']), 'prime-intellect');
  assert.equal(providerIdFromName('!!!', []), 'custom');
});

test('base URL input validation uses the http-only-on-loopback policy', () => {
  assert.equal(validateBaseUrlInput('http://localhost:11434/v1'), undefined);
  assert.match(validateBaseUrlInput('http://example.com/v1') ?? '', /only allowed for servers on this machine/);
  assert.match(validateBaseUrlInput('') ?? '', /Enter the base URL/);
});
