// Streamed text reaches the DOM at the end of the task (the message event) that brought it while such renders stay
// within their budget per frame, and in the next frame otherwise (one render per frame when rendering is expensive).
// Frames are run by the test (a fake rAF); `endOfTask` lets the task's microtasks run; what a render costs is set by
// the test (performance.now() moves `renderCost` per call: a render reads it before and after).
import { after, beforeEach, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type { HostToWebview, MessageView } from '../../../src/protocol';
import { ChatApp } from '../../../src/webview/app';
import { createSanitizer } from '../../../src/webview/render/sanitize';

const dom = new JSDOM('<!doctype html><body><div id="app"></div></body>', { pretendToBeVisual: true, url: 'https://webview.invalid/' });
const g = globalThis as Record<string, unknown>;
for (const name of ['window', 'document', 'Element', 'HTMLElement', 'Node', 'MessageEvent', 'Event', 'KeyboardEvent', 'MouseEvent', 'getComputedStyle']) {
  g[name] = (dom.window as unknown as Record<string, unknown>)[name];
}

/** Frame callbacks wait here until the test runs a frame. */
let frames = new Map<number, FrameRequestCallback>();
let nextHandle = 1;
g.requestAnimationFrame = (cb: FrameRequestCallback) => {
  frames.set(nextHandle, cb);
  return nextHandle++;
};
g.cancelAnimationFrame = (handle: number) => void frames.delete(handle);
function runFrame(): void {
  const due = frames;
  frames = new Map();
  for (const cb of due.values()) cb(0);
}

let renderCost = 0;
let fakeNow = 0;
const realNow = performance.now.bind(performance);
performance.now = () => (fakeNow += renderCost);

let app: ChatApp;
const msg = (partial: Partial<MessageView> & Pick<MessageView, 'id' | 'role'>): MessageView => ({ content: '', status: 'done', createdAt: 0, ...partial });
const delta = (text: string): HostToWebview => ({ type: 'delta', conversationId: 'c1', messageId: 'a1', text });
const endOfTask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const shown = (): string => dom.window.document.querySelector('[data-role="assistant"] [data-testid="message-content"]')?.textContent?.trim() ?? '';

beforeEach(() => {
  frames = new Map();
  renderCost = 0;
  app = new ChatApp(dom.window.document.getElementById('app')!, { post: () => undefined, readLocal: () => undefined, writeLocal: () => undefined }, { sanitizer: createSanitizer(dom.window as unknown as Window), highlight: false });
  app.handle({
    type: 'state',
    conversation: { id: 'c1', title: 'Chat', messages: [msg({ id: 'u1', role: 'user', content: 'Hi' }), msg({ id: 'a1', role: 'assistant', status: 'streaming' })] },
    conversations: [],
    target: { providerName: 'Fixture', model: 'm', hasKey: true },
    draft: '',
    busy: true,
    mode: 'ask',
  });
  app.flush();
  runFrame(); // whatever the state scheduled
});

test('a delta is in the DOM at the end of its message event, without a frame', async () => {
  app.handle(delta('Hello'));
  await endOfTask();
  assert.equal(shown(), 'Hello');
  assert.equal(frames.size, 1, 'the frame asked for only renews the budget (nothing left to render)');
});

test('cheap renders: every delta of a frame, each in its own task, is rendered at once', async () => {
  for (const [i, word] of ['Hello', ' big', ' wide', ' world'].entries()) {
    app.handle(delta(word));
    await endOfTask();
    assert.equal(shown(), ['Hello', ' big', ' wide', ' world'].slice(0, i + 1).join(''));
  }
});

test('expensive renders: past the budget, deltas wait for the frame, which renders them all at once; then the next goes at once again', async () => {
  renderCost = 5; // over the budget after one render
  app.handle(delta('Hello'));
  await endOfTask();
  assert.equal(shown(), 'Hello', 'the first is rendered at once');
  for (const word of [' big', ' wide', ' world']) {
    app.handle(delta(word));
    await endOfTask(); // each its own message event
  }
  assert.equal(shown(), 'Hello', 'the budget is spent: the later deltas wait');
  assert.equal(frames.size, 1, 'one frame is asked for');
  runFrame();
  assert.equal(shown(), 'Hello big wide world');
  app.handle(delta('!'));
  await endOfTask();
  assert.equal(shown(), 'Hello big wide world!', 'a new frame, a new budget: rendered at once again');
});

test('the deltas of one task render together, in one render', async () => {
  renderCost = 5;
  for (const word of ['Hello', ' big', ' world']) app.handle(delta(word));
  await endOfTask();
  assert.equal(shown(), 'Hello big world');
  app.handle(delta('!'));
  await endOfTask();
  assert.equal(shown(), 'Hello big world', 'one render spent the budget');
});

test('a frame with nothing new renders nothing and asks for no other frame', async () => {
  app.handle(delta('Hello'));
  await endOfTask();
  runFrame();
  assert.equal(frames.size, 0, 'no frame requested while nothing changes');
  assert.equal(shown(), 'Hello');
});

test('a delta for an unknown message or another conversation changes nothing', async () => {
  app.handle({ type: 'delta', conversationId: 'c1', messageId: 'nope', text: 'x' });
  app.handle({ type: 'delta', conversationId: 'other', messageId: 'a1', text: 'y' });
  await endOfTask();
  runFrame();
  assert.equal(shown(), '');
});

after(() => {
  performance.now = realNow;
});
