import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DEFAULT_PROMPTS } from '../../../src/config/core/parseSettings';
import { buildSelectionPrompt, fenceFor, fillTemplate, selectionSystemPrompt, truncateCode, truncationMarker } from '../../../src/prompt/selectionPrompt';

const input = {
  code: 'function add(a, b) {\n  return a + b;\n}',
  fileName: 'src/math.ts',
  languageId: 'typescript',
  startLine: 3,
  endLine: 5,
  maxChars: 20_000,
};

test('explain: file name, language, line range and the code in a fenced block', () => {
  const p = buildSelectionPrompt('explain', DEFAULT_PROMPTS.explain, input);
  assert.match(p.content, /typescript code from `src\/math\.ts` \(lines 3–5\)/);
  assert.ok(p.content.includes('```typescript\nfunction add(a, b) {\n  return a + b;\n}\n```'));
  assert.deepEqual(p.context, { fileName: 'src/math.ts', languageId: 'typescript', startLine: 3, endLine: 5 });
  assert.equal(p.truncatedChars, 0);
  assert.match(p.display, /^\*\*Explain selection\*\* · `src\/math\.ts` lines 3–5/);
});

test('ask puts the question first and shows it as the user message', () => {
  const p = buildSelectionPrompt('ask', DEFAULT_PROMPTS.ask, { ...input, question: '  Why no types? ' });
  assert.ok(p.content.startsWith('Why no types?\n'));
  assert.ok(p.display.startsWith('Why no types?\n'));
});

test('over maxChars: cut with a visible marker and context.truncated', () => {
  const code = 'x'.repeat(150);
  const p = buildSelectionPrompt('fix', DEFAULT_PROMPTS.fix, { ...input, code, maxChars: 100 });
  assert.equal(p.truncatedChars, 50);
  assert.equal(p.context.truncated, true);
  assert.ok(p.content.includes(`${'x'.repeat(100)}\n${truncationMarker(50)}`));
  assert.ok(!p.content.includes('x'.repeat(101)));
  assert.equal(truncationMarker(50), '[… truncated 50 characters]');
});

test('truncation never splits a surrogate pair', () => {
  const { code, truncatedChars } = truncateCode('ab😀cd', 3);
  assert.equal(code, 'ab');
  assert.equal(truncatedChars, 4);
});

test('code containing backtick fences cannot break out of its block', () => {
  assert.equal(fenceFor('no ticks'), '```');
  assert.equal(fenceFor('has ``` inside'), '````');
  const p = buildSelectionPrompt('explain', DEFAULT_PROMPTS.explain, { ...input, languageId: 'markdown', code: '```js\nalert(1)\n```' });
  assert.ok(p.content.includes('````markdown\n```js\nalert(1)\n```\n````'));
});

test('placeholders are filled in one pass: ${…} inside the code is left as written', () => {
  const p = buildSelectionPrompt('explain', 'Look: ${code}', { ...input, code: 'const s = `${fileName}`;' });
  assert.ok(p.content.includes('const s = `${fileName}`;'));
  assert.equal(fillTemplate('${unknown} ${startLine}', { startLine: '1' }), '${unknown} 1');
});

test('a template without ${code} still gets the code appended', () => {
  const p = buildSelectionPrompt('document', 'Document ${fileName} please.', input);
  assert.ok(p.content.startsWith('Document src/math.ts please.\n\n```typescript\n'));
});

test('a single line is shown as "line N"', () => {
  const p = buildSelectionPrompt('explain', DEFAULT_PROMPTS.explain, { ...input, startLine: 7, endLine: 7, code: 'x++' });
  assert.match(p.display, /`src\/math\.ts` line 7/);
});

test('selection system prompt keeps the user system prompt', () => {
  assert.match(selectionSystemPrompt('Be terse.'), /^Be terse\.\n\nThe user shares code/);
  assert.match(selectionSystemPrompt(''), /^The user shares code/);
});
