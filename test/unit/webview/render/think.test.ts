import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { splitThink } from '../../../../src/webview/render/think';

test('no tags: everything is the answer', () => {
  assert.deepEqual(splitThink('Hello **world**'), { reasoning: '', answer: 'Hello **world**', thinking: false });
});

test('a leading <think>…</think> block is reasoning, the rest the answer', () => {
  assert.deepEqual(splitThink('  <think>\nstep 1\nstep 2\n</think>\n\nThe answer.'), {
    reasoning: 'step 1\nstep 2',
    answer: 'The answer.',
    thinking: false,
  });
});

test('an unclosed <think> while streaming is reasoning so far', () => {
  assert.deepEqual(splitThink('<think>I am consid', true), { reasoning: 'I am consid', answer: '', thinking: true });
});

test('only a closing </think> (opening tag dropped by the server): everything before it is reasoning', () => {
  assert.deepEqual(splitThink('weighing options\n</think>\nUse a map.'), { reasoning: 'weighing options', answer: 'Use a map.', thinking: false });
});

test('a partial "<thi" at the very start while streaming shows nothing yet', () => {
  assert.deepEqual(splitThink('<thi', true), { reasoning: '', answer: '', thinking: false });
  assert.equal(splitThink('<thi', false).answer, '<thi');
});

test('a <think> that is not at the start is ordinary text', () => {
  assert.equal(splitThink('Models emit <think> tags.').answer, 'Models emit <think> tags.');
});

test('a </think> inside a code block that comes first is not treated as the end of reasoning', () => {
  const text = '```xml\n<think>x</think>\n```';
  assert.equal(splitThink(text).answer, text);
});

test('the answer is an extension of itself as the text grows (so it renders incrementally)', () => {
  const full = '<think>plan</think>\n\nFirst line.\n\nSecond line.';
  let previous = '';
  for (let i = 1; i <= full.length; i++) {
    const { answer } = splitThink(full.slice(0, i), true);
    assert.ok(answer.startsWith(previous), `at ${i}: ${JSON.stringify(previous)} -> ${JSON.stringify(answer)}`);
    previous = answer;
  }
  assert.equal(previous, 'First line.\n\nSecond line.');
});
