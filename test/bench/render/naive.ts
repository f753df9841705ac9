// Browser entry for the naive baseline: on every token, re-parse the whole text with markdown-it, sanitise it
// with DOMPurify and replace innerHTML (what many chat extensions do). Same parser and sanitiser as ours.
import { renderMarkdown } from '../../../src/webview/render/markdown';
import { createSanitizer } from '../../../src/webview/render/sanitize';

const sanitizer = createSanitizer(window);
let text = '';
const container = document.getElementById('naive-out')!;

Object.assign(window, {
  /** One token: append and re-render everything. */
  naiveDelta(delta: string): void {
    text += delta;
    container.innerHTML = sanitizer.toHtml(renderMarkdown(text));
  },
  /** A frame the benchmark does not sample: keep the text in step without rendering. */
  naiveSkip(delta: string): void {
    text += delta;
  },
});
