import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { validateApiKeyInput } from '../../../src/providers/core/apiKeyInput';
import { KEY_SHAPES } from '../../helpers/keyShapes';

test('real key shapes pass, with surrounding whitespace trimmed', () => {
  for (const { name, key } of KEY_SHAPES) assert.equal(validateApiKeyInput(key), undefined, name);
  assert.equal(validateApiKeyInput('  sk-proj-abcdefgh12345678\n'), undefined);
  assert.equal(validateApiKeyInput('sk-1234'), undefined, "LiteLLM's documented default master key");
  assert.equal(validateApiKeyInput('ollama'), undefined, 'a placeholder key local servers accept');
  assert.equal(validateApiKeyInput('\ufeffsk-proj-abcdefgh12345678'), undefined, 'a leading BOM is trimmed, as the command trims the key');
});

test('empty, spaces and a pasted "Bearer " get a clear message', () => {
  assert.match(validateApiKeyInput('') ?? '', /Enter the key/);
  assert.match(validateApiKeyInput('   ') ?? '', /Enter the key/);
  assert.match(validateApiKeyInput('sk-abc def-123') ?? '', /no spaces/);
  assert.match(validateApiKeyInput('sk-abc\ndef-123') ?? '', /no spaces or line breaks/);
  assert.match(validateApiKeyInput('Bearer sk-proj-abcdefgh12345678') ?? '', /only the key, without "Bearer "/);
});

test('characters that cannot be sent in an HTTP header are named, with their position', () => {
  const cases: Array<[string, RegExp]> = [
    ['sk-proj-abc…', /ellipsis.*at position 12\. The key was probably shortened/],
    ['“sk-proj-abcdefgh12345678”', /typographic quote.*position 1/],
    ['sk-proj-abc\u200bdefgh12345678', /invisible.*U\+200B.*position 12/],
    ['sk-proj-\u2060abcdefgh12345678', /invisible.*U\+2060.*position 9/],
    ['sk-proj-abc\u0007defgh', /control character.*U\+0007.*position 12/],
    ['sk-proj-abcdéfgh12345678', /"é" \(U\+00E9\).*position 13/],
    ['sk-proj-abc🔑defgh12345678', /U\+1F511.*position 12/],
  ];
  for (const [key, pattern] of cases) {
    const message = validateApiKeyInput(key) ?? '';
    assert.match(message, pattern, key);
    assert.match(message, /plain ASCII/, key);
  }
});

test('a sane length: too short or far too long is refused', () => {
  assert.match(validateApiKeyInput('abc') ?? '', /too short.*3 characters/);
  assert.match(validateApiKeyInput('a'.repeat(4097)) ?? '', /too long.*4097 characters.*at most 4096/);
  assert.equal(validateApiKeyInput('a'.repeat(4096)), undefined);
});

test('the message never repeats the key', () => {
  for (const key of ['sk-proj-secretvalue…', 'Bearer sk-proj-secretvalue123', 'sk-proj-secret value123', 'abc']) {
    assert.doesNotMatch(validateApiKeyInput(key) ?? '', /secretvalue|secret value|abc/, key);
  }
});
