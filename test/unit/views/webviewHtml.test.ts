import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { renderChatHtml } from '../../../src/views/core/webviewHtml';

test('the view HTML has a strict CSP with a fresh nonce per render', () => {
  const input = { cspSource: 'https://webview.test', scriptUri: 'https://webview.test/dist/webview.js', styleUri: 'https://webview.test/dist/webview.css' };
  const a = renderChatHtml(input);
  const b = renderChatHtml(input);
  const nonceOf = (html: string) => /nonce-([^']+)'/.exec(html)?.[1];
  assert.ok(nonceOf(a));
  assert.notEqual(nonceOf(a), nonceOf(b));
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(a)?.[1] ?? '';
  const directives = new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(' ')[0]!, d.split(' ').slice(1).join(' ')]));
  assert.equal(directives.get('default-src'), "'none'");
  assert.equal(directives.get('style-src'), 'https://webview.test');
  assert.equal(directives.get('font-src'), 'https://webview.test');
  assert.equal(directives.get('img-src'), 'https://webview.test data:');
  // Scripts by nonce only: not every file the webview origin serves (cspSource would allow any extension's files).
  assert.equal(directives.get('script-src'), `'nonce-${nonceOf(a)}'`);
  assert.equal(directives.get('base-uri'), "'none'");
  assert.equal(directives.get('form-action'), "'none'");
  assert.deepEqual([...directives.keys()].sort(), ['base-uri', 'default-src', 'font-src', 'form-action', 'img-src', 'script-src', 'style-src']);
  assert.match(a, new RegExp(`<script type="module" nonce="${nonceOf(a)!.replace(/[+/]/g, '\\$&')}" src="https://webview.test/dist/webview.js"></script>`));
  assert.match(a, /<link rel="stylesheet" href="https:\/\/webview.test\/dist\/webview.css">/);
  assert.match(a, /<div id="app" data-l10n="\{\}"><\/div>/);
  assert.doesNotMatch(a, /unsafe-inline|unsafe-eval/);
  assert.equal((a.match(/<script/g) ?? []).length, 1, 'no inline scripts');
});

test('the page carries the display language and the l10n bundle, escaped so a translation cannot break out of the attribute', () => {
  const bundle = JSON.stringify({ Send: 'Senden "jetzt" <b>&</b>' });
  const html = renderChatHtml({ cspSource: 'x', scriptUri: 'x.js', styleUri: 'x.css', language: 'de', l10nBundle: bundle });
  assert.match(html, /<html lang="de">/);
  const attr = /<div id="app" data-l10n="([^"]*)"><\/div>/.exec(html)?.[1];
  assert.ok(attr, 'one attribute, not broken by the quotes in the bundle');
  const decoded = attr.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  assert.deepEqual(JSON.parse(decoded), { Send: 'Senden "jetzt" <b>&</b>' });
});
