// Post-processing cases, each from a failure users of other completion extensions reported.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { cleanSuggestion, type CleanInput } from '../../../src/completions/core/cleanSuggestion';

const clean = (suggestion: string, prefix: string, suffix: string, more: Partial<CleanInput> = {}): string | undefined =>
  cleanSuggestion({ suggestion, prefix, suffix, lines: 'auto', ...more });

test('stops where the suggestion repeats the text after the cursor (continue#4721)', () => {
  // The model writes the body, then the function's end and the next function that are already there.
  const prefix = 'function add(a, b) {\n';
  const suffix = '}\n\nfunction sub(a, b) {\n  return a - b;\n}\n';
  assert.equal(clean('  return a + b;\n}\n\nfunction sub(a, b) {\n  return a - b;\n}', prefix, `\n${suffix}`), '  return a + b;');
  // Cursor on an empty line: the suggestion's first line is the suffix's next line.
  assert.equal(clean('  return total;\n}', 'function f() {\n  const total = 1;\n', '\n}\n'), '  return total;');
  assert.equal(clean('}', 'function f() {\n  x();\n', '\n}\n'), undefined, 'only the repeat: nothing to show');
});

test('an inner block\'s closing line is not the suffix\'s (indentation counts)', () => {
  const prefix = 'function f(a) {\n';
  const suggestion = '  if (a) {\n    run();\n  }\n  return a;';
  assert.equal(clean(suggestion, prefix, '\n}\n'), suggestion);
});

test('strips special tokens and chat markup (continue#2953)', () => {
  assert.equal(clean('return a + b;<|im_end|>', '  ', '\n}'), 'return a + b;');
  assert.equal(clean('return a + b;<|endoftext|>\n\nfunction other() {}', '  ', '\n}'), 'return a + b;');
  assert.equal(clean('x + 1<|file_sep|>src/other.py\nimport os', 'y = ', '\n', { family: 'qwen' }), 'x + 1');
  assert.equal(clean('x + 1<EOT>', 'y = ', '\n', { family: 'codellama' }), 'x + 1');
  assert.equal(clean('x + 1<｜end▁of▁sentence｜>', 'y = ', '\n'), 'x + 1');
  assert.equal(clean('x + 1<end_of_turn>', 'y = ', '\n'), 'x + 1');
  assert.equal(clean('<|fim_middle|>', 'y = ', '\n'), undefined);
  // Without the family, ordinary text that only looks like a token of some family stays.
  assert.equal(clean('cp <filename> <dest>', '# usage: ', '\n'), 'cp <filename> <dest>');
  assert.equal(clean('<s>old</s> price', '<p>', '</p>'), '<s>old</s> price');
});

test('strips a chat model\'s lead-in and Markdown fences', () => {
  assert.equal(clean('Here is the code:\n```python\n    return a + b\n```', 'def add(a, b):\n', '\n'), '    return a + b');
  assert.equal(clean('```ts\nconst x = 1;\n```\nThis declares x.', '', ''), 'const x = 1;');
  assert.equal(clean('Sure! Here\'s the completion:\nreturn 1;', '  ', '\n}'), 'return 1;');
  assert.equal(clean('Below is the completed function:\nreturn 1;', '  ', '\n}'), 'return 1;');
  // A prose file's own sentence that names no code is the user's text.
  assert.equal(clean('Here is how to install it:\n\n    npm i', '# Setup\n\n', '\n'), 'Here is how to install it:\n\n    npm i');
  // In a Markdown document that already has fences, a fence is what the user writes.
  const md = 'Example:\n\n```js\nlet a = 1;\n```\n\n';
  assert.equal(clean('```py\nprint(1)\n```', md, ''), '```py\nprint(1)\n```');
});

test('single line when the cursor is mid-line; multi-line at the end of a line', () => {
  assert.equal(clean('a, b\n  more();\n}', 'call(', ');\n'), 'a, b', 'mid-line: text after the cursor on its line');
  assert.equal(clean('{\n  run();\n}', 'if (ok) ', '\n'), '{\n  run();\n}', 'end of line: several lines');
  assert.equal(clean('{\n  run();\n}', 'if (ok) ', '\n', { lines: 'single' }), '{');
  assert.equal(clean('a, b\n  more()', 'call(', ')\n', { lines: 'multi' }), 'a, b\n  more()', 'the setting wins');
  assert.equal(clean('\n  next();', 'call(', ')\n'), undefined, 'mid-line and the first line is empty');
});

test('keeps the indentation', () => {
  assert.equal(clean('    return a + b;', 'def add(a, b):\n', '\n'), '    return a + b;');
  assert.equal(clean('\n    return a + b;', 'def add(a, b):', '\n'), '\n    return a + b;');
  assert.equal(clean('\tx++;\n\ty++;', 'void f() {\n', '\n}'), '\tx++;\n\ty++;');
});

test('drops whitespace-only suggestions and trailing blank lines', () => {
  assert.equal(clean('   \n\t\n', 'x = 1\n', ''), undefined);
  assert.equal(clean('', 'x', ''), undefined);
  assert.equal(clean('y = 2\n\n\n', 'x = 1\n', ''), 'y = 2');
  assert.equal(clean('a, ', 'f(', 'b)'), 'a, ', 'mid-line, a trailing space separates the fill from the rest');
});

test('does not repeat closing brackets or quotes the suffix already has', () => {
  assert.equal(clean('a, b)', 'foo(', ')\n'), 'a, b');
  assert.equal(clean('a, b);', 'foo(', ');\n'), 'a, b');
  assert.equal(clean('hello")', 'print("', '")\n'), 'hello');
  assert.equal(clean('a) {', 'if (', ') {\n'), 'a');
  assert.equal(clean('x: 1 }', 'const o = { ', ' };\n'), 'x: 1');
  assert.equal(clean("b']", "obj['a']['", "']\n"), 'b');
  assert.equal(clean('x: 1}', 'const o = {', '};\n'), 'x: 1');
  // A bracket the suggestion opens itself is its own: `foo(bar())`, not `foo(bar()`.
  assert.equal(clean('bar()', 'foo(', ')\n'), 'bar()');
  assert.equal(clean('bar())', 'foo(', ')\n'), 'bar()');
  assert.equal(clean('"a" + "b"', 'x = f(', ')\n'), '"a" + "b"');
});

test('a chat model that starts with the line the user was typing', () => {
  assert.equal(clean('const total = items.length;', '  const total = ', '\n'), 'items.length;');
  assert.equal(clean('  const total = items.length;', '  const total = ', '\n'), 'items.length;');
  assert.equal(clean('x(x)', 'x = ', '\n'), 'x(x)', 'a short line start is no evidence');
});

test('the user\'s own escaped token comes back as their text, not cut', () => {
  assert.equal(clean('<\u200B|im_end|>";', 'const end = "', '\n'), '<|im_end|>";');
});

test('CRLF documents', () => {
  assert.equal(clean('  return 1;\r\n}\r\n', 'function f() {\r\n', '\r\n}\r\n'), '  return 1;');
});
