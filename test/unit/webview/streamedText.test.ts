// Streamed text reaches the DOM at the end of the task (the message event) that brought it when nothing was rendered
// since the last frame, and in the next frame otherwise (one render per frame under a flood). Frames are run by the
// test (a fake rAF); `endOfTask` lets the task's microtasks run.
import { beforeEach, test } from 'node:test';
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

let app: ChatApp;
const msg = (partial: Partial<MessageView> & Pick<MessageView, 'id' | 'role'>): MessageView => ({ content: '', status: 'done', createdAt: 0, ...partial });
const delta = (text: string): HostToWebview => ({ type: 'delta', conversationId: 'c1', messageId: 'a1', text });
const endOfTask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const shown = (): string => dom.window.document.querySelector('[data-role="assistant"] [data-testid="message-content"]')?.textContent?.trim() ?? '';

beforeEach(() => {
  frames = new Map();
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

test('the first delta after a frame is in the DOM at the end of its message event, without a frame', async () => {
  app.handle(delta('Hello'));
  await endOfTask();
  assert.equal(shown(), 'Hello');
  assert.equal(frames.size, 1, 'the frame asked for only ends the frame (nothing left to render)');
});

test('deltas handled in the same task render together', async () => {
  for (const word of ['Hello', ' big', ' world']) app.handle(delta(word));
  await endOfTask();
  assert.equal(shown(), 'Hello big world');
});

test('deltas after it in the same frame wait for the frame, which renders them all at once; then the next goes at once again', async () => {
  app.handle(delta('Hello'));
  await endOfTask();
  for (const word of [' big', ' wide', ' world']) {
    app.handle(delta(word));
    await endOfTask(); // each its own message event
  }
  assert.equal(shown(), 'Hello', 'one render per frame: the later deltas wait');
  assert.equal(frames.size, 1, 'one frame is asked for');
  runFrame();
  assert.equal(shown(), 'Hello big wide world');
  app.handle(delta('!'));
  await endOfTask();
  assert.equal(shown(), 'Hello big wide world!', 'a new frame: rendered at once again');
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
