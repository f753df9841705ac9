// A long conversation opens with its newest messages; the older ones are added above them later (idle slices,
// sooner near the top), in order, with the text in view kept where it is. jsdom has no layout: the list's
// geometry is stubbed (every message 100 px tall, the view 300 px).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type { MessageView, WebviewToHost } from '../../../../src/protocol';
import { createSanitizer } from '../../../../src/webview/render/sanitize';
import type { ChatState } from '../../../../src/webview/store';
import { firstPaintStart } from '../../../../src/webview/ui/lazyMessages';
import { MessageList, type SavedScroll } from '../../../../src/webview/ui/messageList';
import { waitFor } from '../../../helpers/waitFor';

const dom = new JSDOM('<!doctype html><body></body>', { pretendToBeVisual: true, url: 'https://webview.invalid/' });
const g = globalThis as Record<string, unknown>;
for (const name of ['window', 'document', 'Element', 'HTMLElement', 'Node', 'MessageEvent', 'Event', 'requestAnimationFrame', 'cancelAnimationFrame', 'getComputedStyle']) {
  g[name] = (dom.window as unknown as Record<string, unknown>)[name];
}
const sanitizer = createSanitizer(dom.window as unknown as Window);
const ROW = 100;
const VIEW = 300;

function conversation(count: number, chars = 1_000): MessageView[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: `Message ${i}. ${'word '.repeat(chars / 5)}\n\n\`\`\`ts\nconst n = ${i};\n\`\`\``,
    status: 'done',
    createdAt: i,
  }));
}

function listOf(messages: MessageView[], scroll?: SavedScroll): { list: MessageList; posted: WebviewToHost[] } {
  const state: ChatState = { conversation: { id: 'c1', title: 'Long', messages }, conversations: [], target: { providerName: 'P', model: 'm', hasKey: true }, busy: false, mode: 'ask' };
  const posted: WebviewToHost[] = [];
  const list = new MessageList({ sanitizer, highlight: false, post: (m) => posted.push(m), state: () => state });
  dom.window.document.body.replaceChildren(list.element);
  stubGeometry(list.element);
  list.reset(scroll);
  return { list, posted };
}

const lists = new WeakSet<Element>();
/** The page of messages shown in a stubbed list (pages being taken down are hidden: no height). */
const shownPage = (el: Element) => el.querySelector(':scope > .message-page:not(.leaving)')!;
// A child of a stubbed list's page is ROW px tall, at its index; anything else keeps jsdom's (empty) rectangle.
const proto = dom.window.Element.prototype;
const jsdomRect = Object.getOwnPropertyDescriptor(proto, 'getBoundingClientRect')!.value as (this: Element) => DOMRect;
proto.getBoundingClientRect = function (this: Element): DOMRect {
  const list = this.parentElement?.parentElement;
  if (!list || !lists.has(list) || this.parentElement !== shownPage(list)) return jsdomRect.call(this);
  const y = Array.from(this.parentElement.children).indexOf(this) * ROW - list.scrollTop;
  return { top: y, bottom: y + ROW, left: 0, right: 100, width: 100, height: ROW, x: 0, y, toJSON: () => ({}) };
};

/** Each child of the shown page is ROW px tall, in DOM order, and so is the scroll anchor; the list scrolls like a real one. */
function stubGeometry(el: HTMLElement): void {
  let top = 0;
  const height = () => (shownPage(el).children.length + 1) * ROW;
  Object.defineProperty(el, 'scrollHeight', { get: height });
  Object.defineProperty(el, 'clientHeight', { get: () => VIEW });
  Object.defineProperty(el, 'scrollTop', { get: () => top, set: (v: number) => (top = Math.max(0, Math.min(v, height() - VIEW))) });
  lists.add(el);
}

const ids = (list: MessageList) => Array.from(list.element.querySelectorAll<HTMLElement>('[data-testid="message"]')).map((e) => e.dataset.id);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `m${from + i}`);

test('first paint: the newest messages up to the budget, at least a few, the newest always whole', () => {
  const messages = conversation(50, 1_000);
  const start = firstPaintStart(messages, 5_000, 3);
  assert.ok(start > 0 && start < 50);
  assert.ok(50 - start >= 3);
  assert.equal(firstPaintStart(conversation(4, 100_000), 5_000, 1), 3, 'one huge newest message is rendered whole, alone');
  assert.equal(firstPaintStart(conversation(5, 10), 5_000, 3), 0, 'a short conversation is rendered at once');
  assert.equal(firstPaintStart([], 5_000, 3), 0);
});

test('a long conversation opens with its newest messages, in order; the older ones follow on demand, newest first', () => {
  const { list } = listOf(conversation(80));
  const first = ids(list);
  assert.ok(list.pendingOlder > 0, 'not everything is rendered at once');
  assert.deepEqual(first, range(80 - first.length, 80), 'the newest ones, contiguous and in order');
  assert.equal(list.element.lastElementChild?.classList.contains('scroll-anchor'), true, 'the scroll anchor stays last');
  const before = list.pendingOlder;
  list.renderOlder(3);
  assert.equal(list.pendingOlder, before - 3);
  assert.deepEqual(ids(list), range(80 - first.length - 3, 80), 'the three before them, above them, in order');
  list.renderOlder();
  assert.equal(list.pendingOlder, 0);
  assert.deepEqual(ids(list), range(0, 80));
});

test('the older messages are all rendered without being asked (find in page sees the whole conversation)', async () => {
  const { list } = listOf(conversation(120));
  assert.ok(list.pendingOlder > 0);
  await waitFor('every message in the DOM', () => list.pendingOlder === 0, 10_000);
  assert.deepEqual(ids(list), range(0, 120));
});

test('scrolled up to the very top: older messages added above keep the text in view where it was', () => {
  const { list } = listOf(conversation(80));
  const el = list.element;
  el.scrollTop = 0;
  el.dispatchEvent(new dom.window.Event('scroll'));
  assert.ok(el.classList.contains('scrolled-up'), 'scrolled up, every message may anchor scrolling (CSS)');
  const inView = shownPage(el).firstElementChild!;
  assert.equal(inView.getBoundingClientRect().top, 0);
  list.renderOlder(4);
  assert.equal(el.scrollTop, 4 * ROW, 'scrolled down by what was added above');
  assert.equal(inView.getBoundingClientRect().top, 0, 'the message in view did not move');
});

test('at the bottom, older messages added above leave the view at the bottom', () => {
  const { list } = listOf(conversation(80));
  const el = list.element;
  assert.equal(el.scrollTop, el.scrollHeight - VIEW);
  assert.equal(el.classList.contains('scrolled-up'), false, 'at the bottom only the scroll anchor anchors (streamed text is followed)');
  list.renderOlder(5);
  el.scrollTop = el.scrollHeight; // what CSS scroll anchoring on the scroll anchor does in a browser
  assert.equal(el.scrollHeight - el.scrollTop - el.clientHeight, 0);
});

test('a saved position is restored by its distance from the bottom, with only what it needs rendered', () => {
  const { list } = listOf(conversation(80), { top: 0, atBottom: false, fromBottom: 2_000 });
  const el = list.element;
  assert.ok(list.pendingOlder > 0);
  assert.ok(el.scrollHeight >= 2_000 + VIEW, 'enough rendered above the restored position to fill the view');
  assert.equal(el.scrollHeight - el.scrollTop - el.clientHeight, 2_000);
});

test('a position saved by an older version (from the top) renders everything first', () => {
  const { list } = listOf(conversation(80), { top: 1_234, atBottom: false });
  assert.equal(list.pendingOlder, 0);
  assert.equal(list.element.scrollTop, 1_234);
});

test('older messages rendered later: edit & resend only on the last user message, the not-sent fold in place, code blocks decorated', () => {
  const messages = conversation(80);
  const last = messages[79]!;
  last.meta = { sentFromId: 'm40', notSentCount: 40 };
  const { list, posted } = listOf(messages);
  assert.ok(list.pendingOlder > 40, 'the cut is among the messages not rendered yet');
  assert.equal(list.element.querySelector('[data-testid="not-sent-marker"]'), null);
  list.renderOlder();
  const marker = list.element.querySelector('[data-testid="not-sent-marker"]')!;
  assert.equal((marker.nextElementSibling as HTMLElement).dataset.id, 'm40', 'the marker sits above the first message sent');
  const folded = Array.from(list.element.querySelectorAll<HTMLElement>('.message.not-sent')).map((e) => e.dataset.id);
  assert.deepEqual(folded, range(0, 40));
  assert.equal(list.element.querySelectorAll('[data-testid="edit-last"]').length, 1);
  assert.equal(list.element.querySelector<HTMLElement>('[data-testid="edit-last"]')!.closest<HTMLElement>('[data-testid="message"]')!.dataset.id, 'm78');
  assert.equal(list.element.querySelectorAll('[data-testid="code-block"]').length, 80);
  list.element.querySelector<HTMLElement>('[data-id="m3"] [data-testid="copy-code"]')!.click();
  assert.deepEqual(posted.at(-1), { type: 'copyText', text: 'const n = 3;\n' });
});

test('messages added or truncated while older ones are still pending keep the order', () => {
  const messages = conversation(80);
  const { list } = listOf(messages);
  messages.push({ id: 'new', role: 'user', content: 'one more', status: 'done', createdAt: 100 });
  list.invalidateAll();
  list.flush();
  assert.equal(ids(list).at(-1), 'new');
  messages.splice(78);
  list.invalidateAll();
  list.flush();
  assert.equal(ids(list).at(-1), 'm77');
  list.renderOlder();
  assert.deepEqual(ids(list), range(0, 78));
});

test('switching away from a long conversation: its page is hidden at once and taken down in slices; a short one goes at once', async () => {
  const long = conversation(80);
  let messages = long;
  const state = () => ({ conversation: { id: 'c', title: 'T', messages }, conversations: [], target: { providerName: 'P', model: 'm', hasKey: true }, busy: false, mode: 'ask' as const });
  const list = new MessageList({ sanitizer, highlight: false, post: () => undefined, state });
  dom.window.document.body.replaceChildren(list.element);
  stubGeometry(list.element);
  list.reset();
  list.renderOlder();
  const longPage = shownPage(list.element);
  assert.equal(longPage.children.length, 80);

  messages = conversation(3).map((m) => ({ ...m, id: `s${m.id}` }));
  list.reset();
  const shown = () => Array.from(shownPage(list.element).querySelectorAll<HTMLElement>('[data-testid="message"]')).map((e) => e.dataset.id);
  assert.deepEqual(shown(), ['sm0', 'sm1', 'sm2'], 'the new conversation is shown at once');
  assert.notEqual(shownPage(list.element), longPage);
  assert.ok(longPage.isConnected && longPage.classList.contains('leaving'), 'the long page is hidden, not removed in this task');
  assert.equal(longPage.getAttribute('aria-hidden'), 'true');
  assert.equal(list.element.lastElementChild?.classList.contains('scroll-anchor'), true, 'the scroll anchor stays last');
  await waitFor('the long page taken down', () => !longPage.isConnected, 10_000);
  assert.equal(longPage.children.length, 0, 'emptied child by child before it went');
  assert.equal(list.element.querySelectorAll('.message-page').length, 1);

  const shortPage = shownPage(list.element);
  messages = conversation(2);
  list.reset();
  assert.equal(shownPage(list.element), shortPage, 'a short conversation is replaced in place, at once');
  assert.deepEqual(shown(), ['m0', 'm1']);
  assert.equal(list.element.querySelectorAll('.leaving').length, 0);
});
