import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { JSDOM, VirtualConsole } from 'jsdom';
import { IncrementalMarkdown } from '../../../src/webview/render/incremental';
import { createSanitizer } from '../../../src/webview/render/sanitize';

/** Each payload tries to set window.__xss. */
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1"><circle r=1 /></svg>',
  '[click](javascript:window.__xss=1)',
  '[click](JaVaScRiPt:window.__xss=1)',
  '[click](&#106;avascript:window.__xss=1)',
  '[click](javascript&colon;window.__xss=1)',
  '[click](<javascript:window.__xss=1>)',
  '[click](java\tscript:window.__xss=1)',
  '<a href="jav&#x09;ascript:window.__xss=1">x</a>',
  '<iframe src="javascript:window.__xss=1"></iframe>',
  '<a href="data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==">data link</a>',
  '[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)',
  '<style>body{background:url("javascript:window.__xss=1")}</style>',
  '![img](javascript:window.__xss=1)',
  '![img](x" onerror="window.__xss=1)',
  '![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5fX3hzcz0xIi8+)',
  '```html\n<script>window.__xss=1</script>\n<img src=x onerror=window.__xss=1>\n```',
  '`<img src=x onerror=window.__xss=1>`',
  '[x](vbscript:msgbox(1))',
  '<details open ontoggle="window.__xss=1"><summary>x</summary></details>',
  '<body onload="window.__xss=1">',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
  '<form action="javascript:window.__xss=1"><button>go</button></form>',
  '<object data="javascript:window.__xss=1"></object><embed src="javascript:window.__xss=1">',
  '<input autofocus onfocus="window.__xss=1">',
  '<https://example.com" onmouseover="window.__xss=1>',
  '[x](https://example.com "t\\" onmouseover=\\"window.__xss=1")',
  '<div style="background:url(javascript:window.__xss=1)">styled</div>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1"><base href="javascript:/">',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
  '[ref]: javascript:window.__xss=1\n\nsee [ref]',
  '| a | b |\n|---|---|\n| <img src=x onerror=window.__xss=1> | [x](javascript:window.__xss=1) |',
  '- item <script>window.__xss=1</script>\n  - nested [x](javascript:window.__xss=1)',
  '> quote <svg><script>window.__xss=1</script></svg>',
  '<think><img src=x onerror=window.__xss=1></think>',
];

const FORBIDDEN_TAGS = 'script, iframe, object, embed, style, form, meta, base, link, svg, math, input, details, noscript, body';

function freshWindow() {
  const virtualConsole = new VirtualConsole(); // silence "not implemented" noise from jsdom
  const dom = new JSDOM('<!doctype html><html><body><div id="out"></div></body></html>', { runScripts: 'dangerously', virtualConsole });
  return dom.window;
}

function renderInto(win: ReturnType<typeof freshWindow>, markdown: string, pieces: number): HTMLElement {
  const container = win.document.getElementById('out') as unknown as HTMLElement;
  const renderer = new IncrementalMarkdown(container, { sanitizer: createSanitizer(win as unknown as Window) });
  const step = Math.max(1, Math.ceil(markdown.length / pieces));
  for (let end = step; end < markdown.length; end += step) renderer.update(markdown.slice(0, end));
  renderer.update(markdown, true);
  return container;
}

function poke(win: ReturnType<typeof freshWindow>, container: HTMLElement): void {
  for (const el of Array.from(container.querySelectorAll('*'))) {
    for (const type of ['load', 'error', 'mouseover', 'focus', 'toggle']) el.dispatchEvent(new win.Event(type));
    if (el.tagName !== 'A') (el as HTMLElement).click();
  }
}

test('the harness detects script execution (positive control)', () => {
  const win = freshWindow();
  const el = win.document.createElement('div');
  el.setAttribute('onclick', 'window.__xss=1');
  win.document.body.append(el);
  el.click();
  assert.equal((win as unknown as { __xss?: number }).__xss, 1);
});

test(`${PAYLOADS.length} XSS payloads render inert, whole and streamed`, async () => {
  assert.ok(PAYLOADS.length >= 25);
  for (const payload of PAYLOADS) {
    for (const pieces of [1, 7]) {
      const win = freshWindow();
      const container = renderInto(win, payload, pieces);
      poke(win, container);
      await new Promise((resolve) => setImmediate(resolve));
      const label = `${JSON.stringify(payload)} in ${pieces} piece(s)`;
      assert.equal((win as unknown as { __xss?: number }).__xss, undefined, `handler ran: ${label}`);
      assert.equal(container.querySelector(FORBIDDEN_TAGS), null, `dangerous element kept: ${label}\n${container.innerHTML}`);
      for (const el of Array.from(container.querySelectorAll('*'))) {
        for (const attr of Array.from(el.attributes)) {
          assert.ok(!/^on/i.test(attr.name), `event handler attribute ${attr.name} kept: ${label}`);
          assert.notEqual(attr.name, 'style', `style attribute kept: ${label}`);
          if (attr.name === 'href' || attr.name === 'src' || attr.name === 'action') {
            // eslint-disable-next-line no-control-regex -- browsers skip control characters in a URL's scheme; so must the check
            assert.ok(!/^\s*(?:javascript|vbscript|data:(?!image\/(?:png|gif|jpe?g|webp);))/i.test(attr.value.replace(/[\u0000-\u0020]/g, '')), `unsafe ${attr.name}=${attr.value}: ${label}`);
          }
        }
      }
    }
  }
});

test('safe content survives sanitising: links, code, tables with alignment classes', () => {
  const win = freshWindow();
  const container = renderInto(win, '[docs](https://example.com/a?b=1) and <https://example.org>\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n```ts\nconst a = 1 < 2;\n```', 3);
  const links = Array.from(container.querySelectorAll('a')).map((a) => a.getAttribute('href'));
  assert.deepEqual(links, ['https://example.com/a?b=1', 'https://example.org']);
  assert.equal(container.querySelector('td.md-align-right')?.textContent, '2');
  assert.equal(container.querySelector('pre code.language-ts')?.textContent, 'const a = 1 < 2;\n');
});

test('remote images become links labelled with their alt text; data images stay images', () => {
  const win = freshWindow();
  const container = renderInto(win, '![a chart](https://example.com/c.png)\n\n![dot](data:image/png;base64,iVBORw0KGgo=)', 1);
  const link = container.querySelector('a.md-image-link');
  assert.equal(link?.textContent, 'a chart');
  assert.equal(link?.getAttribute('href'), 'https://example.com/c.png');
  assert.equal(container.querySelectorAll('img').length, 1);
  assert.match(container.querySelector('img')!.getAttribute('src')!, /^data:image\/png;/);
});
