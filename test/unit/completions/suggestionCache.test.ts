import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { SuggestionCache } from '../../../src/completions/core/suggestionCache';

test('a suggestion by its prefix and suffix, and only by both', () => {
  const cache = new SuggestionCache();
  cache.set('const x = ', ';\n', '42');
  assert.equal(cache.get('const x = ', ';\n'), '42');
  assert.equal(cache.get('const x = ', '\n'), undefined, 'another suffix');
  assert.equal(cache.get('let x = ', ';\n'), undefined, 'another prefix');
  cache.set('a', 'b', '');
  assert.equal(cache.get('a', 'b'), '', 'a cached "nothing to suggest" is an answer too');
});

test('typing through: the user typed the start of the cached suggestion, the rest comes without a request', () => {
  const cache = new SuggestionCache();
  const prefix = `${'// a long file\n'.repeat(2000)}function add(a, b) {\n  return `;
  const suffix = '\n}\n';
  cache.set(prefix, suffix, 'a + b;');
  assert.equal(cache.get(`${prefix}a`, suffix), ' + b;');
  assert.equal(cache.get(`${prefix}a + `, suffix), 'b;');
  assert.equal(cache.get(`${prefix}a - `, suffix), undefined, 'typed something else');
  assert.equal(cache.get(`${prefix}a + b;`, suffix), undefined, 'typed all of it: nothing left');
  assert.equal(cache.get(`${prefix}a`, '\n};\n'), undefined, 'the suffix changed');
});

test('typing through a multi-line suggestion, and the most recent cached prefix wins', () => {
  const cache = new SuggestionCache();
  cache.set('if (ok) ', '', '{\n  run();\n}');
  assert.equal(cache.get('if (ok) {\n  ', ''), 'run();\n}');
  cache.set('if (ok) {', '', ' done(); }');
  assert.equal(cache.get('if (ok) { do', ''), 'ne(); }', 'the nearer cached prefix');
});

test('LRU: the least recently used entry goes first; a read counts as a use', () => {
  const cache = new SuggestionCache(2);
  cache.set('p1', 's', 'one');
  cache.set('p2', 's', 'two');
  assert.equal(cache.get('p1', 's'), 'one');
  cache.set('p3', 's', 'three');
  assert.equal(cache.get('p2', 's'), undefined, 'p2 was the least recently used');
  assert.equal(cache.get('p1', 's'), 'one');
  assert.equal(cache.get('p3', 's'), 'three');
  cache.set('p3', 's', 'new');
  assert.equal(cache.get('p3', 's'), 'new', 'set replaces');
});

test('default capacity 250', () => {
  const cache = new SuggestionCache();
  for (let i = 0; i < 251; i++) cache.set(`p${i}`, 's', `v${i}`);
  assert.equal(cache.get('p0', 's'), undefined);
  assert.equal(cache.get('p1', 's'), 'v1');
  assert.equal(cache.get('p250', 's'), 'v250');
});

test('keys are hashes: a cache of long prefixes holds no copy of them', () => {
  const cache = new SuggestionCache();
  const prefix = 'x'.repeat(1_000_000);
  cache.set(prefix, 'suffix', 'y');
  const keys = [...(cache as unknown as { entries: Map<string, string> }).entries.keys()];
  assert.equal(keys.length, 1);
  assert.ok((keys[0]?.length ?? 0) < 100, `key of ${keys[0]?.length} characters`);
  assert.equal(cache.get(prefix, 'suffix'), 'y');
});

test('a window whose far end moved (the budget cut it a line later) still finds the place, exactly and typing through', () => {
  const cache = new SuggestionCache();
  const lines = Array.from({ length: 400 }, (_, i) => `const value${i} = ${i};`);
  const window = (from: number) => `${lines.slice(from).join('\n')}\nconst total = `;
  cache.set(window(0), '\n', 'value1 + value2;');
  assert.equal(cache.get(window(1), '\n'), 'value1 + value2;', 'the same place, its window cut one line later');
  assert.equal(cache.get(`${window(2)}val`, '\n'), 'ue1 + value2;', 'typed through, window cut two lines later');
  assert.equal(cache.get(`${window(2)}vax`, '\n'), undefined, 'typed something else');
  assert.equal(cache.get(`${window(1).replace('const total', 'let total')}val`, '\n'), undefined, 'another place');
});

test('typing through a suggestion cached after a short prefix (the start of a file)', () => {
  const cache = new SuggestionCache();
  cache.set('import ', '\n', '{ readFile } from "node:fs";');
  assert.equal(cache.get('import { re', '\n'), 'adFile } from "node:fs";');
  assert.equal(cache.get('// x\nimport { re', '\n'), undefined, 'not the same text before the cursor');
});
