import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { answerText, fencedBlocks } from '../../../src/apply/core/codeBlocks';
import { md } from '../../../src/webview/render/markdown';
import { splitThink } from '../../../src/webview/render/think';

/** What the chat view renders as fenced code blocks, in order (markdown-it, as in the view). */
function viewBlocks(text: string) {
  return md.parse(text, {}).filter((t) => t.type === 'fence').map((t) => ({ info: md.utils.unescapeAll(t.info).trim(), code: t.content }));
}

const SAMPLES = [
  'Here:\n```ts src/math.ts\nexport const x = 1;\n```\nand\n~~~py\nprint(1)\n~~~\n',
  'Steps:\n\n1. First\n   ```bash\n   npm test\n   ```\n2. Then\n\n   ```ts\n   const a = 1;\n     indented();\n   ```\n',
  '> quoted\n> ```js\n> quoted();\n> ```\n\nafter\n```\nplain\n```',
  '    indented code\n    is not a fence\n\n````md\n```ts\ninner\n```\n````\n',
  'unclosed at the end\n```ts\nconst y = 2;\n',
  'text ``` not a fence\n```ts title="a b"\nx\n```\n',
  '- item\n\n  more text\n\n  ```py\n  y = 1\n  ```\n',
  '```\n```\n',
];

test('the host finds the same fenced blocks, in the same order, as the view renders', () => {
  for (const sample of SAMPLES) assert.deepEqual(fencedBlocks(sample), viewBlocks(sample), sample);
});

test('the host reads the answer without inline reasoning exactly as the view does', () => {
  for (const text of ['<think>a ```x``` b</think>\n\nanswer', '  <think>open', 'reasoning</think>answer', '```\n</think>\n```', 'plain', '<th']) {
    assert.equal(answerText(text), splitThink(text).answer, text);
  }
});
