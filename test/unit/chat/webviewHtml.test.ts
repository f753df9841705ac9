import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { renderChatHtml } from '../../../src/views/webviewHtml';

test('the view HTML has a strict CSP with a fresh nonce per render', () => {
  const input = { cspSource: 'https://webview.test', scriptUri: 'https://webview.test/dist/webview.js', styleUri: 'https://webview.test/dist/webview.css' };
  const a = renderChatHtml(input);
  const b = renderChatHtml(input);
  const nonceOf = (html: string) => /nonce-([^']+)'/.exec(html)?.[1];
  assert.ok(nonceOf(a));
  assert.notEqual(nonceOf(a), nonceOf(b));
  assert.match(a, /default-src 'none'; style-src https:\/\/webview.test; font-src https:\/\/webview.test; img-src https:\/\/webview.test data:; script-src 'nonce-[^']+' https:\/\/webview.test;/);
  assert.match(a, new RegExp(`<script type="module" nonce="${nonceOf(a)!.replace(/[+/]/g, '\\$&')}" src="https://webview.test/dist/webview.js"></script>`));
  assert.match(a, /<link rel="stylesheet" href="https:\/\/webview.test\/dist\/webview.css">/);
  assert.match(a, /<div id="app"><\/div>/);
  assert.doesNotMatch(a, /unsafe-inline|unsafe-eval/);
  assert.equal((a.match(/<script/g) ?? []).length, 1, 'no inline scripts');
});
