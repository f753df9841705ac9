import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyEditBlocks, type EditResult } from '../../../src/agent/core/editBlocks';
import { boundedDistance, budgetOf } from '../../../src/agent/core/similarity';

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const okText = (result: EditResult) => {
  assert.ok(result.ok, result.ok ? '' : result.errors.map((e) => e.message).join('\n'));
  return result;
};

const FILE = lines(
  'function total(items) {',
  '  let sum = 0;',
  '  for (const item of items) {',
  '    sum += item.price * item.quantity;',
  '  }',
  '  return sum;',
  '}',
);

test('bounded distance: exact below the bound, bound + 1 above it, and the budget is charged', () => {
  const budget = budgetOf(1_000);
  assert.equal(boundedDistance('kitten', 'sitting', 5, budget), 3);
  assert.equal(boundedDistance('kitten', 'sitting', 2, budget), 3, 'over the bound: max + 1');
  assert.equal(boundedDistance('', 'abc', 5, budget), 3);
  assert.equal(boundedDistance('abc', 'abcdefgh', 2, budget), 3, 'the length difference alone is over the bound');
  assert.ok(budget.cells < 1_000 && !budget.exhausted);
  const tiny = budgetOf(3);
  assert.equal(boundedDistance('abcdef', 'abcxef', 3, tiny), 4);
  assert.equal(tiny.exhausted, true);
});

test('a block with a small slip (a misremembered name) matches fuzzily, re-indented, with its similarity', () => {
  const result = okText(applyEditBlocks(FILE, [{
    search: 'for (const item of items) {\n  sum += item.price * item.qty;\n}',
    replace: 'for (const item of items) {\n  sum += item.price * (item.quantity ?? 1);\n}',
  }]));
  assert.ok(result.ok);
  assert.equal(result.text, FILE.replace('item.quantity;', '(item.quantity ?? 1);'));
  const [step] = result.applied;
  assert.equal(step!.strategy, 'fuzzy');
  assert.ok(step!.similarity! >= 0.9 && step!.similarity! < 1, String(step!.similarity));
  assert.deepEqual([step!.startLine, step!.endLine], [3, 5]);
});

test('the fuzzy match can be turned off, and a block below the threshold is not found', () => {
  const search = 'for (const item of items) {\n  sum += item.price * item.qty;\n}';
  const off = applyEditBlocks(FILE, [{ search, replace: 'x' }], { fuzzyThreshold: 1 });
  assert.ok(!off.ok);
  assert.equal(off.errors[0]!.kind, 'notFound');
  assert.deepEqual([off.errors[0]!.closest!.startLine, off.errors[0]!.closest!.endLine], [3, 5]);
  const far = applyEditBlocks(FILE, [{ search: 'for (const entry of list) {\n  total += entry.cost;\n}', replace: 'x' }]);
  assert.ok(!far.ok);
  assert.equal(far.errors[0]!.kind, 'notFound');
});

test('a short block never matches fuzzily (a few characters would be most of it)', () => {
  const result = applyEditBlocks(FILE, [{ search: 'return sun;', replace: 'return 0;' }]);
  assert.ok(!result.ok);
  assert.equal(result.errors[0]!.kind, 'notFound');
});

test('two equally similar regions are ambiguous, not a guess', () => {
  const twice = FILE + FILE.replace('total', 'total2');
  const result = applyEditBlocks(twice, [{ search: 'for (const item of items) {\n  sum += item.price * item.qty;\n}', replace: 'x' }]);
  assert.ok(!result.ok);
  assert.equal(result.errors[0]!.kind, 'ambiguous');
  assert.deepEqual(result.errors[0]!.matchLines, [3, 10]);
});

/** A 5,000-line file of similar-looking lines; the block to find is near its end. */
function largeFile(): string {
  const body: string[] = [];
  for (let i = 0; i < 5_000; i++) body.push(`  const value${i} = compute(${i}, "name-${i % 97}"); // step ${i}`);
  return `${body.join('\n')}\n`;
}

test('a 5,000-line file with a fuzzy block: found by a bounded search (the budget is not exhausted)', () => {
  const file = largeFile();
  const search = [4_900, 4_901, 4_902, 4_903].map((i) => `const value${i} = compute(${i}, "name-${i % 97}"); // stp ${i}`).join('\n');
  const result = okText(applyEditBlocks(file, [{ search, replace: 'const replaced = true;' }]));
  assert.ok(result.ok);
  assert.equal(result.applied[0]!.strategy, 'fuzzy');
  assert.equal(result.applied[0]!.startLine, 4_901);
  assert.match(result.text, /value4899 = .*\n {2}const replaced = true;\n {2}const value4904 = /);
});

test('a block not found in a 5,000-line file: the closest region, none when nothing is half similar, and a word when the budget ran out', () => {
  const file = largeFile();
  const near = [4_700, 4_701, 4_702].map((i) => `let value${i} = computed(${i}, 'nm-${i % 97}'); // stop`).join('\n');
  const result = applyEditBlocks(file, [{ search: near, replace: '' }]);
  assert.ok(!result.ok);
  assert.equal(result.errors[0]!.kind, 'notFound');
  assert.deepEqual([result.errors[0]!.closest!.startLine, result.errors[0]!.closest!.endLine], [4_701, 4_703]);
  assert.doesNotMatch(result.errors[0]!.message, /too large/);
  const unrelated = 'export default function unrelated(argument) {\n  return argument.map((x) => x * 2);\n}';
  const none = applyEditBlocks(file, [{ search: unrelated, replace: '' }]);
  assert.ok(!none.ok);
  assert.equal(none.errors[0]!.closest, undefined);
  assert.match(none.errors[0]!.message, /not found in the file, and no region of it is even half as similar\./);
  const stopped = applyEditBlocks(file, [{ search: near, replace: '' }], { fuzzyCells: 10_000 });
  assert.ok(!stopped.ok);
  assert.match(stopped.errors[0]!.message, /not found in the file \(the file is too large to compare all of it\)/);
});
