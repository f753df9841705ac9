import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseEditBlocks } from '../../../src/agent/core/editBlockParser';

test('several blocks in one answer, prose between them ignored', () => {
  const text = [
    'I will fix both functions.',
    '<<<<<<< SEARCH',
    'function a() {',
    '  return 1;',
    '}',
    '=======',
    'function a() {',
    '  return 2;',
    '}',
    '>>>>>>> REPLACE',
    'And the second:',
    '<<<<<<< SEARCH',
    'const b = 1;',
    '=======',
    '>>>>>>> REPLACE',
  ].join('\n');
  assert.deepEqual(parseEditBlocks(text), {
    blocks: [
      { search: 'function a() {\n  return 1;\n}', replace: 'function a() {\n  return 2;\n}' },
      { search: 'const b = 1;', replace: '' },
    ],
    errors: [],
  });
});

test('a missing final REPLACE marker, CRLF and a fence around the whole thing', () => {
  const text = '```diff\r\n<<<<<<< SEARCH\r\nold();\r\n=======\r\nnew();\r\n```\r\n';
  assert.deepEqual(parseEditBlocks(text), { blocks: [{ search: 'old();', replace: 'new();' }], errors: [] });
  const closed = '```\n<<<<<<< SEARCH\nold();\n=======\nnew();\n>>>>>>> REPLACE\n```';
  assert.deepEqual(parseEditBlocks(closed).blocks, [{ search: 'old();', replace: 'new();' }]);
});

test('a forgotten REPLACE marker before the next block keeps both blocks', () => {
  const text = '<<<<<<< SEARCH\na\n=======\nb\n<<<<<<< SEARCH\nc\n=======\nd\n>>>>>>> REPLACE';
  assert.deepEqual(parseEditBlocks(text).blocks, [{ search: 'a', replace: 'b' }, { search: 'c', replace: 'd' }]);
});

test("Cline's and Roo's marker variants, with Roo's start line", () => {
  const cline = '------- SEARCH\nx\n=======\ny\n+++++++ REPLACE';
  assert.deepEqual(parseEditBlocks(cline).blocks, [{ search: 'x', replace: 'y' }]);
  const roo = '<<<<<<< SEARCH\n:start_line:12\n-------\nx\n=======\ny\n>>>>>>> REPLACE';
  assert.deepEqual(parseEditBlocks(roo).blocks, [{ search: 'x', replace: 'y', startLineHint: 12 }]);
});

test('a ======= line inside the replacement is content; an empty search is kept empty', () => {
  const text = '<<<<<<< SEARCH\n=======\nTitle\n=======\n>>>>>>> REPLACE';
  assert.deepEqual(parseEditBlocks(text).blocks, [{ search: '', replace: 'Title\n=======' }]);
});

test('format problems are reported for the model to fix', () => {
  assert.match(parseEditBlocks('just prose').errors[0]!, /^No edit blocks found/);
  assert.match(parseEditBlocks('<<<<<<< SEARCH\na\n>>>>>>> REPLACE').errors[0]!, /^Block 1: the ======= line between SEARCH and REPLACE is missing/);
  assert.match(parseEditBlocks('<<<<<<< SEARCH\na\nb').errors[0]!, /^Block 1: the text ended inside SEARCH/);
});
