import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isWholeFile, planEdit } from '../../../src/apply/core/placement';

const FILE = [
  'import { x } from "./x";',
  '',
  'export function add(a: number, b: number) {',
  '  return a - b;',
  '}',
  '',
  'export function mul(a: number, b: number) {',
  '  return a * b;',
  '}',
  '',
].join('\n');

const at = (text: string, needle: string) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length });

test('whole-file detection: same first and last lines, or most of the file', () => {
  assert.equal(isWholeFile(FILE.replace('a - b', 'a + b'), FILE), true);
  assert.equal(isWholeFile('export function add(a: number, b: number) {\n  return a + b;\n}\n', FILE), false);
  assert.equal(isWholeFile('anything\n', ''), true, 'an empty file takes any block whole');
  assert.equal(isWholeFile('', FILE), false);
});

test('a fragment replaces the selection it came from, indented like it', () => {
  const selection = at(FILE, '  return a - b;');
  const plan = planEdit({ code: 'return a + b;\n', text: FILE, selection });
  assert.equal(plan.placement, 'selection');
  assert.equal(plan.newText, FILE.replace('a - b', 'a + b'));
});

test('a selection of whole lines (ending on the next line) is replaced without eating the newline', () => {
  const start = FILE.indexOf('export function add');
  const end = FILE.indexOf('\nexport function mul') ;
  const plan = planEdit({ code: 'export function add(a: number, b: number) {\n  return a + b;\n}\n', text: FILE, selection: { start, end } });
  assert.equal(plan.newText, FILE.replace('a - b', 'a + b'));
});

test('a whole-file block asked about a small selection replaces the file', () => {
  const whole = FILE.replace('a - b', 'a + b').replace('a * b', 'b * a');
  const plan = planEdit({ code: whole, text: FILE, selection: at(FILE, '  return a - b;') });
  assert.equal(plan.placement, 'wholeFile');
  assert.equal(plan.newText, whole);
});

test('without a selection a fragment replaces the part it rewrites (found by its first and last lines)', () => {
  const plan = planEdit({ code: 'export function mul(a: number, b: number) {\n  // product\n  return a * b;\n}\n', text: FILE });
  assert.equal(plan.placement, 'anchor');
  assert.equal(plan.newText, FILE.replace('  return a * b;', '  // product\n  return a * b;'));
});

test('a fragment without an anchor, and a whole-file block, replace the file', () => {
  assert.equal(planEdit({ code: 'console.log(1);\n', text: FILE }).placement, 'wholeFile');
  const whole = FILE.replace('a - b', 'a + b');
  assert.deepEqual(planEdit({ code: whole, text: FILE }), { placement: 'wholeFile', start: 0, end: FILE.length, replacement: whole, newText: whole });
});

test('the file keeps its CRLF line endings and its final newline', () => {
  const crlf = FILE.replace(/\n/g, '\r\n');
  const plan = planEdit({ code: 'return a + b;', text: crlf, selection: at(crlf, '  return a - b;') });
  assert.equal(plan.newText, crlf.replace('a - b', 'a + b'));
  const whole = planEdit({ code: 'a\nb', text: 'x\ny\n' });
  assert.equal(whole.newText, 'a\nb\n');
});

test('an ambiguous anchor (first line found twice) falls back to the whole file', () => {
  const text = 'function f() {\n  1\n}\nfunction f() {\n  2\n}\nother\nmore\nlines\nhere\n';
  assert.equal(planEdit({ code: 'function f() {\n  3\n}\n', text }).placement, 'wholeFile');
});
