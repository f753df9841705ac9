// search_text's results: grep's "path:line: text" with context lines, groups merged, capped.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatMatches, searchLines } from '../../../src/agent/core/textSearch';

const text = ['one', 'two match', 'three', 'four match', 'five', 'six', 'seven', 'eight match'].join('\n');

test('matches with context lines, overlapping groups merged, separate ones split by --', () => {
  const found = searchLines('a.ts', text, /match/i, 1, 10);
  assert.equal(found.matches.length, 3);
  assert.equal(formatMatches(found.matches), [
    'a.ts-1- one', 'a.ts:2: two match', 'a.ts-3- three', 'a.ts:4: four match', 'a.ts-5- five', '--', 'a.ts-7- seven', 'a.ts:8: eight match',
  ].join('\n'));
});

test('at most max matches, with more said; the regex flags g/y do not skip lines', () => {
  const found = searchLines('a.ts', text, /match/g, 0, 2);
  assert.deepEqual(found.matches.map((m) => m.line), [2, 4]);
  assert.equal(found.more, true);
});
