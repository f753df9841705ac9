import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { IncrementalMarkdown } from '../../../../src/webview/render/incremental';
import { renderMarkdown } from '../../../../src/webview/render/markdown';
import { createSanitizer } from '../../../../src/webview/render/sanitize';
import { SAMPLE_REPLY } from '../sampleReply';
import { seededRandom } from '../../../helpers/seededRandom';

const { window } = new JSDOM('<!doctype html><body></body>');
const sanitizer = createSanitizer(window as unknown as Window);

function newRenderer(): IncrementalMarkdown {
  const container = window.document.createElement('div');
  return new IncrementalMarkdown(container, { sanitizer });
}


function oneShot(text: string): string {
  const r = newRenderer();
  r.update(text, true);
  return r.container.innerHTML;
}

function streamed(text: string, seed: number, maxPiece: number): { html: string; intermediateChecks: number } {
  const random = seededRandom(seed);
  const r = newRenderer();
  let sent = 0;
  let checks = 0;
  while (sent < text.length) {
    sent = Math.min(text.length, sent + 1 + Math.floor(random() * maxPiece));
    r.update(text.slice(0, sent));
    // Every so often the streamed DOM must also equal a one-shot render of the same prefix.
    if (random() < 0.02) {
      const expected = newRenderer();
      expected.update(text.slice(0, sent));
      assert.equal(r.container.innerHTML, expected.container.innerHTML, `prefix of ${sent} chars, seed ${seed}`);
      checks++;
    }
  }
  r.update(text, true);
  return { html: r.container.innerHTML, intermediateChecks: checks };
}

test('one-shot render equals sanitised markdown-it output', () => {
  assert.equal(oneShot(SAMPLE_REPLY), sanitizer.toHtml(renderMarkdown(SAMPLE_REPLY)));
});

test('streamed in random pieces, the final DOM equals rendering the whole reply at once (many seeds)', () => {
  const expected = oneShot(SAMPLE_REPLY);
  assert.match(expected, /<table>/);
  assert.match(expected, /<h2>Setext heading<\/h2>/);
  let checks = 0;
  for (let seed = 1; seed <= 24; seed++) {
    const maxPiece = [2, 6, 17, 60][seed % 4]!;
    const result = streamed(SAMPLE_REPLY, seed, maxPiece);
    assert.equal(result.html, expected, `seed ${seed}`);
    checks += result.intermediateChecks;
  }
  assert.ok(checks > 0);
});

test('a long reply built from repeated sections streams to the same DOM', () => {
  const long = Array.from({ length: 12 }, (_, i) => SAMPLE_REPLY.replace('# Overview', `# Part ${i}`).replace(/```\nan unclosed[\s\S]*$/, '')).join('\n');
  const expected = oneShot(long);
  for (const seed of [7, 99]) assert.equal(streamed(long, seed, 120).html, expected, `seed ${seed}`);
});

test('CRLF line endings and reference definitions (which change earlier text) still end equal', () => {
  const text = 'See [the docs][d] and [more][m].\r\n\r\n- a\r\n- b\r\n\r\n[d]: https://example.com/d\r\n\r\nMiddle\r\n\r\n[m]: https://example.com/m "M"\r\nEnd\r\n';
  const expected = oneShot(text);
  assert.match(expected, /href="https:\/\/example.com\/m"/);
  for (const seed of [1, 2, 3, 4, 5]) assert.equal(streamed(text, seed, 4).html, expected);
});

test('text that stops being an extension of the previous text (think tag recognised late) resets cleanly', () => {
  const r = newRenderer();
  r.update('para one\n\npara two\n\nthird');
  r.update('different start\n\nx', true);
  assert.equal(r.container.innerHTML, oneShot('different start\n\nx'));
});

test('final blocks are not re-rendered while the tail grows', () => {
  const r = newRenderer();
  r.update('# Title\n\nfirst paragraph\n\nsecond');
  const heading = r.container.querySelector('h1');
  r.update('# Title\n\nfirst paragraph\n\nsecond paragraph grows\n\nthird');
  assert.equal(r.container.querySelector('h1'), heading);
});

test('a block that stops growing without changing is reported final once (so its code gets a full highlight)', () => {
  const finals: string[] = [];
  const inserted: Array<[string, boolean]> = [];
  const container = window.document.createElement('div');
  const r = new IncrementalMarkdown(container, {
    sanitizer,
    onBlockInserted: (nodes, _block, isFinal) => inserted.push([nodes.map((n) => n.textContent).join('').trim(), isFinal]),
    onBlockFinal: (nodes) => finals.push(nodes.map((n) => n.textContent).join('').trim()),
  });
  r.update('```js\nx()\n```\n');
  r.update('```js\nx()\n```\n\nnext paragraph\n');
  r.update('```js\nx()\n```\n\nnext paragraph\nmore', true);
  assert.deepEqual(inserted.filter(([text]) => text.startsWith('x()')), [['x()', false]], 'the fence is inserted once, while still in the tail');
  assert.deepEqual(finals.filter((t) => t.startsWith('x()')), ['x()']);
});

test('a complete text shown for the first time (opening a conversation) is sanitised in one pass, its blocks all reported', () => {
  let passes = 0;
  const counting = { toHtml: (html: string) => sanitizer.toHtml(html), toFragment: (html: string) => (passes++, sanitizer.toFragment(html)) };
  const inserted: Node[] = [];
  const r = new IncrementalMarkdown(window.document.createElement('div'), { sanitizer: counting, onBlockInserted: (nodes, _block, isFinal) => isFinal && inserted.push(...nodes) });
  r.update(SAMPLE_REPLY, true);
  assert.equal(passes, 2, 'the final blocks together, then the last one (which the next text may still extend)');
  assert.equal(r.container.innerHTML, sanitizer.toHtml(renderMarkdown(SAMPLE_REPLY)));
  assert.deepEqual(inserted, Array.from(r.container.childNodes), 'every top-level node goes through the hook (code blocks get their buttons)');
  const again = newRenderer();
  again.update('# Title\n\nA paragraph.', true);
  again.update('# Title\n\nA paragraph.\n\nOne more paragraph.', true);
  assert.equal(again.container.innerHTML, oneShot('# Title\n\nA paragraph.\n\nOne more paragraph.'), 'and it still grows incrementally afterwards');
});
