import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyEditBlocks, type EditResult } from '../../../src/agent/core/editBlocks';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

function applied(result: EditResult): string {
  assert.ok(result.ok, result.ok ? '' : result.errors.map((e) => e.message).join('\n'));
  return result.text;
}
function failed(result: EditResult) {
  assert.ok(!result.ok, 'the edit should have failed');
  return result.errors;
}

const TS_FILE = lines(
  'export class Counter {',
  '  private count = 0;',
  '',
  '  increment() {',
  '    this.count++;',
  '  }',
  '}',
);

test('an exact block replaces its lines and says so', () => {
  const result = applyEditBlocks(TS_FILE, [{ search: '    this.count++;\n', replace: '    this.count += 1;\n' }]);
  assert.equal(applied(result), TS_FILE.replace('this.count++', 'this.count += 1'));
  assert.ok(result.ok);
  assert.deepEqual(result.applied, [{ index: 0, strategy: 'exact', startLine: 5, endLine: 5 }]);
});

test('trailing whitespace in the file or the block does not stop a match; the replacement is taken as written', () => {
  const file = TS_FILE.replace('  increment() {', '  increment() {   ').replace('this.count++;', 'this.count++;\t');
  const result = applyEditBlocks(file, [{ search: '  increment() {\n    this.count++;  \n', replace: '  increment() {\n    this.count += 2;\n' }]);
  assert.equal(applied(result), TS_FILE.replace('this.count++', 'this.count += 2'));
  assert.ok(result.ok);
  assert.equal(result.applied[0]!.strategy, 'trailingWhitespace');
});

test('indentation drift: a block written with 4 spaces in a 2-space file keeps the file indentation', () => {
  const result = applyEditBlocks(TS_FILE, [{
    search: 'increment() {\n    this.count++;\n}',
    replace: 'increment() {\n    if (this.count < 10) {\n        this.count++;\n    }\n}',
  }]);
  assert.equal(applied(result), lines(
    'export class Counter {',
    '  private count = 0;',
    '',
    '  increment() {',
    '    if (this.count < 10) {',
    '      this.count++;',
    '    }',
    '  }',
    '}',
  ));
  assert.ok(result.ok);
  assert.equal(result.applied[0]!.strategy, 'indentation');
  assert.deepEqual([result.applied[0]!.startLine, result.applied[0]!.endLine], [4, 8]);
});

test('indentation drift: a block written with spaces in a tab-indented file gets tabs', () => {
  const file = lines('function main() {', '\tif (ready) {', '\t\tstart();', '\t}', '}');
  const result = applyEditBlocks(file, [{
    search: '  if (ready) {\n    start();\n  }\n',
    replace: '  if (ready) {\n    start();\n  } else {\n    wait();\n  }\n',
  }]);
  assert.equal(applied(result), lines('function main() {', '\tif (ready) {', '\t\tstart();', '\t} else {', '\t\twait();', '\t}', '}'));
});

test('indentation drift: a block written with tabs in a 4-space file gets 4 spaces', () => {
  const file = lines('def main():', '    for x in xs:', '        print(x)', '    return 0');
  const result = applyEditBlocks(file, [{ search: 'for x in xs:\n\tprint(x)', replace: 'for x in xs:\n\tif x:\n\t\tprint(x)' }]);
  assert.equal(applied(result), lines('def main():', '    for x in xs:', '        if x:', '            print(x)', '    return 0'));
});

test('a CRLF file stays CRLF with LF blocks, and keeps having (or not having) a final newline', () => {
  const file = 'a = 1\r\nb = 2\r\nc = 3\r\n';
  assert.equal(applied(applyEditBlocks(file, [{ search: 'b = 2\n', replace: 'b = 20\nb2 = 21\n' }])), 'a = 1\r\nb = 20\r\nb2 = 21\r\nc = 3\r\n');
  assert.equal(applied(applyEditBlocks('a = 1\r\nb = 2', [{ search: 'b = 2', replace: 'b = 3' }])), 'a = 1\r\nb = 3');
  assert.equal(applied(applyEditBlocks('x\ny\n', [{ search: 'y\r\n', replace: 'z\r\n' }])), 'x\nz\n', 'an LF file stays LF with CRLF blocks');
});

test('an empty replacement removes the lines (not leaving a blank one)', () => {
  assert.equal(applied(applyEditBlocks(lines('a', 'b', 'c'), [{ search: 'b\n', replace: '' }])), lines('a', 'c'));
});

test('a block that appears twice is an error naming both lines', () => {
  const file = lines('if (a) {', '  return 1;', '}', 'if (b) {', '  return 1;', '}');
  const [error, ...rest] = failed(applyEditBlocks(file, [{ search: '  return 1;', replace: '  return 2;' }]));
  assert.equal(rest.length, 0);
  assert.equal(error!.kind, 'ambiguous');
  assert.deepEqual(error!.matchLines, [2, 5]);
  assert.match(error!.message, /^Block 1 of 1: the SEARCH text was found 2 times, at lines 2, 5\. Include more/);
});

test('a repeated block is taken when it is unique after the previous block (blocks come in file order)', () => {
  const file = lines('if (a) {', '  return 1;', '}', 'if (b) {', '  return 1;', '}');
  const result = applyEditBlocks(file, [
    { search: 'if (b) {', replace: 'if (b && c) {' },
    { search: '  return 1;', replace: '  return 2;' },
  ]);
  assert.equal(applied(result), lines('if (a) {', '  return 1;', '}', 'if (b && c) {', '  return 2;', '}'));
  assert.ok(result.ok);
  assert.equal(result.applied[1]!.tieBroken, true);
});

test('a start-line hint from the model breaks a tie', () => {
  const file = lines('x();', 'y();', 'x();');
  assert.equal(applied(applyEditBlocks(file, [{ search: 'x();', replace: 'z();', startLineHint: 3 }])), lines('x();', 'y();', 'z();'));
});

test('a block not found names the closest region with its lines and similarity, and nothing is applied', () => {
  const result = applyEditBlocks(TS_FILE, [
    { search: '  private count = 0;', replace: '  private count = 1;' },
    { search: '  decrement() {\n    this.count--;\n  }', replace: '' },
  ]);
  const errors = failed(result);
  assert.equal(errors.length, 1, 'the first block matched; only the second is reported');
  const [error] = errors;
  assert.equal(error!.index, 1);
  assert.equal(error!.kind, 'notFound');
  assert.deepEqual([error!.closest!.startLine, error!.closest!.endLine], [4, 6]);
  assert.ok(error!.closest!.similarity > 0.5 && error!.closest!.similarity < 0.9, String(error!.closest!.similarity));
  assert.match(error!.message, /^Block 2 of 2: the SEARCH text was not found in the file\. The most similar region is lines 4-6 \(\d+% similar\):\n4: {3}increment\(\) \{\n5: {5}this\.count\+\+;\n6: {3}\}\n/);
});

test('the quoted closest region is capped in lines and width', () => {
  const file = lines(...Array.from({ length: 40 }, (_, i) => `line ${i} ${'x'.repeat(300)}`));
  const search = Array.from({ length: 30 }, (_, i) => `line ${i} ${'x'.repeat(240)}${'y'.repeat(60)}`).join('\n');
  const [error] = failed(applyEditBlocks(file, [{ search, replace: '' }]));
  assert.ok(error!.message.length < 4000, String(error!.message.length));
  assert.deepEqual([error!.closest!.startLine, error!.closest!.endLine], [1, 30]);
  assert.match(error!.message, /\n12: line 11 x+…\n… \(18 more lines\)\n/);
  assert.equal(/\n12: (.*)\n/.exec(error!.message)![1]!.length, 200 + 1, 'a quoted line is cut at 200 characters');
});

test('the second block may depend on the first (each sees the text the previous one left)', () => {
  const result = applyEditBlocks(TS_FILE, [
    { search: '  increment() {\n    this.count++;\n  }', replace: '  increment() {\n    this.count++;\n  }\n\n  reset() {\n    this.count = 0;\n  }' },
    { search: '  reset() {\n    this.count = 0;', replace: '  reset(to = 0) {\n    this.count = to;' },
  ]);
  assert.equal(applied(result), TS_FILE.replace('    this.count++;\n  }\n', '    this.count++;\n  }\n\n  reset(to = 0) {\n    this.count = to;\n  }\n'));
  assert.ok(result.ok);
  assert.deepEqual(result.applied.map((a) => [a.startLine, a.endLine]), [[4, 10], [8, 9]]);
});

test('all or none: a failing block leaves nothing applied, and every failing block is reported', () => {
  const result = applyEditBlocks(TS_FILE, [
    { search: 'nothing like this at all here', replace: 'x' },
    { search: '  private count = 0;', replace: '  private count = 1;' },
    { search: '', replace: 'x' },
  ]);
  assert.deepEqual(failed(result).map((e) => [e.index, e.kind]), [[0, 'notFound'], [2, 'emptySearch']]);
  assert.ok(!('text' in result));
});

test('an empty search creates a new (or empty) file; on a file with text it is an error', () => {
  const created = applyEditBlocks('', [{ search: '', replace: 'export const x = 1;\nexport const y = 2;' }]);
  assert.equal(applied(created), 'export const x = 1;\nexport const y = 2;\n');
  assert.ok(created.ok);
  assert.deepEqual(created.applied, [{ index: 0, strategy: 'create', startLine: 1, endLine: 2 }]);
  assert.equal(applied(applyEditBlocks('', [{ search: '', replace: 'a\nb\n' }], { newFileEol: '\r\n' })), 'a\r\nb\r\n');
  const [error] = failed(applyEditBlocks('text\n', [{ search: '\n', replace: 'x' }]));
  assert.equal(error!.kind, 'emptySearch');
  assert.match(error!.message, /^Block 1 of 1: the SEARCH section is empty but the file is not empty/);
});
