import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { cursorContext, SnippetRing } from '../../../src/completions/core/cursorContext';
import { estimateTextTokens } from '../../../src/models/tokenEstimate';

const lines = (n: number, label: string): string =>
  Array.from({ length: n }, (_, i) => `${label} line ${String(i).padStart(3, '0')} of some code;\n`).join('');

test('the whole text when it fits; prefix and suffix meet at the cursor', () => {
  const text = 'a = 1\nb = 2\nc = 3\n';
  const offset = text.indexOf('2');
  const { prefix, suffix } = cursorContext(text, offset, { maxPrefixTokens: 100, maxSuffixTokens: 100 });
  assert.equal(prefix, 'a = 1\nb = ');
  assert.equal(suffix, '2\nc = 3\n');
});

test('cut at line boundaries within the budget, the lines nearest the cursor kept', () => {
  const text = `${lines(200, 'before')}const x = 1;\n${lines(200, 'after')}`;
  const offset = text.indexOf('x = 1');
  const { prefix, suffix } = cursorContext(text, offset, { maxPrefixTokens: 300, maxSuffixTokens: 200 });
  assert.ok(estimateTextTokens(prefix) <= 300 && estimateTextTokens(suffix) <= 200);
  assert.ok(prefix.endsWith('before line 199 of some code;\nconst '), 'ends at the cursor');
  assert.ok(prefix.startsWith('before line '), 'starts at a line start');
  assert.ok(suffix.startsWith('x = 1;\nafter line 000'));
  assert.ok(suffix.endsWith(';\n'), 'ends at a line end');
  assert.ok(prefix.length > suffix.length, 'the prefix gets more, as its budget says');
  // One more line would not have fitted.
  const prefixStart = offset - prefix.length;
  const oneMore = text.slice(text.lastIndexOf('\n', prefixStart - 2) + 1, offset);
  assert.ok(oneMore.length > prefix.length);
  assert.ok(estimateTextTokens(oneMore) > 300, 'as many lines as fit');
});

test('a cursor line longer than the budget is cut by characters at its far end', () => {
  const line = 'x'.repeat(3000);
  const text = `first\n${line}|${line}\nlast`;
  const offset = text.indexOf('|');
  const { prefix, suffix } = cursorContext(text, offset, { maxPrefixTokens: 100, maxSuffixTokens: 50 });
  assert.equal(prefix, 'x'.repeat(300));
  assert.equal(suffix, `|${'x'.repeat(149)}`);
});

test('never splits a surrogate pair, at the window\'s edge nor at the cursor', () => {
  const emoji = '😀'; // 2 UTF-16 units, 3 estimated tokens
  const text = `${emoji.repeat(50)}${emoji.repeat(50)}`;
  for (let budget = 1; budget < 20; budget++) {
    for (const offset of [0, 1, 99, 100, 101, 199, 200]) {
      const { prefix, suffix } = cursorContext(text, offset, { maxPrefixTokens: budget, maxSuffixTokens: budget });
      for (const part of [prefix, suffix]) {
        assert.ok(!/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(part), `budget ${budget}, offset ${offset}: ${JSON.stringify(part)}`);
        assert.ok(estimateTextTokens(part) <= budget);
      }
    }
  }
});

test('empty text, offsets out of range, a zero budget, a newline at the start', () => {
  assert.deepEqual(cursorContext('', 0, { maxPrefixTokens: 10, maxSuffixTokens: 10 }), { prefix: '', suffix: '' });
  assert.deepEqual(cursorContext('abc', 99, { maxPrefixTokens: 10, maxSuffixTokens: 10 }), { prefix: 'abc', suffix: '' });
  assert.deepEqual(cursorContext('abc', -5, { maxPrefixTokens: 10, maxSuffixTokens: 10 }), { prefix: '', suffix: 'abc' });
  assert.deepEqual(cursorContext('abc\ndef', 4, { maxPrefixTokens: 0, maxSuffixTokens: 0 }), { prefix: '', suffix: '' });
  assert.deepEqual(cursorContext('\n\nx', 2, { maxPrefixTokens: 10, maxSuffixTokens: 10 }), { prefix: '\n\n', suffix: 'x' });
  assert.deepEqual(cursorContext('\nx', 0, { maxPrefixTokens: 10, maxSuffixTokens: 10 }), { prefix: '', suffix: '\nx' });
});

const file = (label: string, n = 100): string => Array.from({ length: n }, (_, i) => `${label}_${i} = ${i}`).join('\n');

test('SnippetRing: chunks of whole lines around the noted line', () => {
  const ring = new SnippetRing({ chunkLines: 5 });
  ring.note('a.py', 'python', file('a'), 50);
  assert.deepEqual(ring.pick('main.py', 'python', 1000), [{ filePath: 'a.py', text: 'a_48 = 48\na_49 = 49\na_50 = 50\na_51 = 51\na_52 = 52' }]);
  ring.note('b.py', 'python', file('b', 3), 99);
  assert.equal(ring.pick('main.py', 'python', 1000).at(-1)?.text, 'b_0 = 0\nb_1 = 1\nb_2 = 2', 'a short file whole');
  ring.note('c.py', 'python', file('c'), 0);
  assert.equal(ring.pick('main.py', 'python', 1000).at(-1)?.text.split('\n')[0], 'c_0 = 0');
});

test('SnippetRing: the same chunk noted twice is kept once (continue#6340), an overlapping one replaces the older', () => {
  const ring = new SnippetRing({ chunkLines: 10 });
  ring.note('a.py', 'python', file('a'), 50);
  ring.note('a.py', 'python', file('a'), 50);
  assert.equal(ring.pick('main.py', 'python', 10_000).length, 1);
  ring.note('a.py', 'python', file('a'), 52);
  const picked = ring.pick('main.py', 'python', 10_000);
  assert.equal(picked.length, 1, 'overlapping by more than half: the newer only');
  assert.ok(picked[0]?.text.includes('a_56'));
  ring.note('a.py', 'python', file('a'), 80);
  assert.equal(ring.pick('main.py', 'python', 10_000).length, 2, 'another place of the same file is kept');
  ring.note('copy.py', 'python', file('a'), 80);
  assert.equal(ring.pick('main.py', 'python', 10_000).length, 2, 'the same text from a copied file is sent once');
});

test('SnippetRing: never the file being completed, same language first, most relevant last, LRU', () => {
  const ring = new SnippetRing({ maxChunks: 3, chunkLines: 3 });
  ring.note('old.ts', 'typescript', file('old'), 10);
  ring.note('doc.md', 'markdown', file('doc'), 10);
  ring.note('main.ts', 'typescript', file('main'), 10);
  ring.note('new.ts', 'typescript', file('new'), 10);
  const paths = ring.pick('main.ts', 'typescript', 10_000).map((s) => s.filePath);
  assert.deepEqual(paths, ['doc.md', 'new.ts'], 'old.ts evicted (ring of 3); main.ts is the file itself; same language last');
  ring.forget('new.ts');
  assert.deepEqual(ring.pick('other.ts', 'typescript', 10_000).map((s) => s.filePath), ['doc.md', 'main.ts']);
});

test('SnippetRing: within the token budget, dropping the least relevant first', () => {
  const ring = new SnippetRing({ chunkLines: 20 });
  for (const name of ['a', 'b', 'c', 'd']) ring.note(`${name}.py`, 'python', file(name), 50);
  const one = estimateTextTokens(ring.pick('x.py', 'python', 10_000).at(-1)?.text ?? '');
  const picked = ring.pick('x.py', 'python', 2 * one + 20);
  assert.deepEqual(picked.map((s) => s.filePath), ['c.py', 'd.py']);
  assert.deepEqual(ring.pick('x.py', 'python', 5), []);
  const blank = new SnippetRing();
  blank.note('e.py', 'python', '\n\n   \n', 1);
  assert.deepEqual(blank.pick('x.py', 'python', 1000), [], 'whitespace is no snippet');
});
