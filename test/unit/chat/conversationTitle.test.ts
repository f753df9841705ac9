// A conversation's title is plain text: the history list and the tab show it unrendered (issue 16 §4).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildSelectionPrompt } from '../../../src/prompt/selectionPrompt';
import { DEFAULT_PROMPTS } from '../../../src/config/core/parseSettings';
import { plainText, titleFromText } from '../../../src/history/conversation';

const input = { code: 'const x = 1;\n', fileName: 'src/math.ts', languageId: 'typescript', startLine: 3, endLine: 5, maxChars: 20_000 };

test('a selection command\'s message titles its conversation without markdown', () => {
  for (const [kind, title] of [
    ['explain', 'Explain selection · src/math.ts lines 3–5'],
    ['fix', 'Fix selection · src/math.ts lines 3–5'],
    ['tests', 'Write tests for selection · src/math.ts lines 3–5'],
    ['document', 'Document selection · src/math.ts lines 3–5'],
  ] as const) {
    const { display } = buildSelectionPrompt(kind, DEFAULT_PROMPTS[kind], input);
    assert.match(display, /^\*\*/, 'the chat itself still shows the heading in bold');
    assert.equal(titleFromText(display), title, kind);
  }
  const one = buildSelectionPrompt('explain', DEFAULT_PROMPTS.explain, { ...input, endLine: 3 });
  assert.equal(titleFromText(one.display), 'Explain selection · src/math.ts line 3');
  const ask = buildSelectionPrompt('ask', DEFAULT_PROMPTS.ask, { ...input, question: 'Why `x`?' });
  assert.equal(titleFromText(ask.display), 'Why x?');
});

test('plain text keeps code spans verbatim and leaves names with underscores and stars alone', () => {
  assert.equal(plainText('What does `**` do in `a ** b`?'), 'What does ** do in a ** b?');
  assert.equal(plainText('## **Bold** and ~~gone~~ [a link](https://x.org) ![img](a.png)'), 'Bold and gone a link img');
  assert.equal(plainText('> quoted'), 'quoted');
  assert.equal(plainText('what is __init__ vs my_var * 2'), 'what is __init__ vs my_var * 2');
  assert.equal(plainText('``a ` b``'), 'a ` b');
  assert.equal(plainText('2 ** 3 ** 4'), '2 ** 3 ** 4', 'a lone operator is not bold');
});
