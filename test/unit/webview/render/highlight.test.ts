import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { HighlightQueue, MAX_GROWING_CHARS } from '../../../../src/webview/render/highlight';
import { createSanitizer } from '../../../../src/webview/render/sanitize';
import { waitFor } from '../../../helpers/waitFor';

const { window } = new JSDOM('<!doctype html><body></body>');
const sanitizer = createSanitizer(window as unknown as Window);

function codeElement(code: string, language: string): HTMLElement {
  const el = window.document.createElement('code');
  el.dataset.language = language;
  el.textContent = code;
  window.document.body.append(el);
  return el;
}

const until = (condition: () => boolean): Promise<unknown> => waitFor('the highlighter', condition, 10_000);

test('a complete block is highlighted after the lazy load, without changing its text', async () => {
  const queue = new HighlightQueue(sanitizer);
  const code = 'const answer: number = 42; // the answer\n';
  const el = codeElement(code, 'ts');
  queue.add(el);
  assert.equal(el.querySelector('span'), null, 'never synchronous: the UI does not wait for it');
  await until(() => el.dataset.highlighted === 'true');
  assert.ok(el.querySelector('.hljs-keyword'));
  assert.equal(el.textContent, code);
});

test('unknown languages stay plain', async () => {
  const queue = new HighlightQueue(sanitizer);
  const known = codeElement('x = 1\n', 'python');
  const unknown = codeElement('some text <b>\n', 'no-such-language');
  queue.add(unknown);
  queue.add(known);
  await until(() => known.dataset.highlighted === 'true');
  assert.equal(unknown.querySelector('span'), null);
  assert.equal(unknown.textContent, 'some text <b>\n');
});

test('a growing block: whole lines are highlighted and reused as a prefix while it grows', async () => {
  const queue = new HighlightQueue(sanitizer);
  const el = codeElement('def f(x):\n    return x', 'python');
  queue.addGrowing(el);
  await until(() => queue.growingCache !== undefined);
  assert.equal(queue.growingCache!.code, 'def f(x):\n');
  assert.equal(el.textContent, 'def f(x):\n    return x');
  const next = queue.renderGrowing('def f(x):\n    return x * 2 < 3', 'python')!;
  assert.ok(next.startsWith(queue.growingCache!.html));
  assert.ok(next.endsWith('    return x * 2 &lt; 3'));
  assert.equal(queue.renderGrowing('other code', 'python'), undefined);
  assert.equal(queue.renderGrowing('def f(x):\n', 'ruby'), undefined);
});

test('a long block is not re-highlighted while it grows (each would be a long task), only once complete', async () => {
  const queue = new HighlightQueue(sanitizer);
  const long = 'x = 1\n'.repeat(Math.ceil(MAX_GROWING_CHARS / 6) + 1);
  const growing = codeElement(long, 'python');
  const other = codeElement('y = 2\n', 'python');
  queue.addGrowing(growing);
  queue.add(other); // queued after it: once it is highlighted, the growing one had its turn
  await until(() => other.dataset.highlighted === 'true');
  assert.equal(growing.querySelector('span'), null);
  assert.equal(queue.growingCache, undefined);
  queue.add(growing);
  await until(() => growing.dataset.highlighted === 'true');
  assert.ok(growing.querySelector('.hljs-number'));
  assert.equal(growing.textContent, long);
});
