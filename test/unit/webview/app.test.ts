// The whole chat UI in jsdom, driven by host messages exactly as the extension sends them.
import { beforeEach, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type { HostToWebview, MessageView, WebviewToHost } from '../../../src/protocol';
import { ChatApp } from '../../../src/webview/app';
import { createSanitizer } from '../../../src/webview/render/sanitize';

const dom = new JSDOM('<!doctype html><body><div id="app"></div></body>', { pretendToBeVisual: true, url: 'https://webview.invalid/' });
const g = globalThis as Record<string, unknown>;
// The UI builds elements with the global document (created on use, so the imports above are fine).
for (const name of ['window', 'document', 'Element', 'HTMLElement', 'Node', 'MessageEvent', 'Event', 'KeyboardEvent', 'MouseEvent', 'requestAnimationFrame', 'cancelAnimationFrame', 'getComputedStyle']) {
  g[name] = (dom.window as unknown as Record<string, unknown>)[name];
}


let posted: WebviewToHost[];
let app: ChatApp;
let local: unknown;
const $ = (testId: string) => dom.window.document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
const $$ = (testId: string) => Array.from(dom.window.document.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`));

function msg(partial: Partial<MessageView> & Pick<MessageView, 'id' | 'role'>): MessageView {
  return { content: '', status: 'done', createdAt: 0, ...partial };
}

function send(message: HostToWebview): void {
  app.handle(message);
  app.flush();
}

function state(messages: MessageView[], extra: Partial<Extract<HostToWebview, { type: 'state' }>> = {}): Extract<HostToWebview, { type: 'state' }> {
  return {
    type: 'state',
    conversation: { id: 'c1', title: 'First chat', messages },
    conversations: [
      { id: 'c1', title: 'First chat', updatedAt: 2, messageCount: messages.length },
      { id: 'c2', title: 'Older chat', updatedAt: 1, messageCount: 4 },
    ],
    target: { providerName: 'Prime Intellect', model: 'meta/llama-3', hasKey: true },
    draft: '',
    busy: false,
    mode: 'ask',
    ...extra,
  };
}

beforeEach(() => {
  posted = [];
  local = undefined;
  const root = dom.window.document.getElementById('app')!;
  app = new ChatApp(root, {
    post: (m) => posted.push(m),
    readLocal: () => local as never,
    writeLocal: (patch) => (local = { draft: '', ...(local as object), ...patch }),
  }, { sanitizer: createSanitizer(dom.window as unknown as Window), highlight: false });
});

test('welcome without a key offers Set API key; the model chip picks a model', () => {
  send(state([], { target: { providerName: 'Prime Intellect', hasKey: false } }));
  assert.ok($('welcome'));
  $('welcome-set-key')!.click();
  assert.deepEqual(posted.at(-1), { type: 'runAction', action: 'setApiKey' });
  assert.ok($('welcome-set-key')!.classList.contains('primary'), 'the key is the step that is required');
  assert.match($('model-chip')!.textContent, /Prime Intellect · no model selected/);
  $('model-chip')!.click();
  assert.deepEqual(posted.at(-1), { type: 'pickModel' });
});

test('welcome without a key: the walkthrough\'s six steps, in order, each with the button that does it', () => {
  send(state([], { target: { providerName: 'Prime Intellect', hasKey: false } }));
  const titles = [...$('welcome-steps')!.querySelectorAll('.welcome-step-title')].map((e) => e.textContent);
  assert.deepEqual(titles, ['Choose a provider', 'Set your API key', 'Pick a model', 'Ask here', 'Explain your code', "Use the models in VS Code's chat"]);
  assert.match($('welcome-step-1')!.textContent, /Prime Intellect is selected/);
  assert.match($('welcome-step-3')!.textContent, /Choose one of the provider's models/);
  const clicks: Array<[string, string]> = [
    ['welcome-switch-provider', 'switchProvider'],
    ['welcome-pick-model', 'pickModel'],
    ['welcome-walkthrough', 'openWalkthrough'],
  ];
  for (const [id, action] of clicks) {
    $(id)!.click();
    assert.deepEqual(posted.at(-1), { type: 'runAction', action }, id);
  }
  send(state([], { target: { providerName: 'Prime Intellect', model: 'qwen/qwen3-8b', hasKey: false } }));
  assert.match($('welcome-step-3')!.textContent, /qwen\/qwen3-8b is selected/);
  // With a key the steps give way to the short welcome.
  send(state([], { target: { providerName: 'Prime Intellect', model: 'qwen/qwen3-8b', hasKey: true } }));
  assert.ok($('welcome'));
  assert.equal($('welcome-steps'), null);
  assert.equal($('welcome-set-key'), null);
});

test('welcome for a local server with no key: Set API key is offered, not required', () => {
  send(state([], { target: { providerName: 'Ollama', model: 'llama3', hasKey: true, keyOptional: true } }));
  const button = $('welcome-set-key')!;
  assert.ok(button.classList.contains('secondary'));
  assert.match($('welcome')!.textContent, /may need no key/);
  button.click();
  assert.deepEqual(posted.at(-1), { type: 'runAction', action: 'setApiKey' });
  send(state([], { target: { providerName: 'Ollama', model: 'llama3', hasKey: true } }));
  assert.equal($('welcome-set-key'), null);
});

test('a streamed reply: deltas, busy Send↔Stop, final meta and actions', () => {
  send(state([]));
  send({ type: 'busy', busy: true });
  assert.equal($('send')!.hidden, true);
  assert.equal($('stop')!.hidden, false);
  $('stop')!.click();
  assert.deepEqual(posted.at(-1), { type: 'stop' });
  send({ type: 'messageAdded', conversationId: 'c1', message: msg({ id: 'u1', role: 'user', content: 'Hi' }) });
  send({ type: 'messageAdded', conversationId: 'c1', message: msg({ id: 'a1', role: 'assistant', status: 'streaming' }) });
  assert.equal($('welcome'), null);
  for (const text of ['<think>plan</think>', 'Hello ', '**wor', 'ld**']) app.handle({ type: 'delta', conversationId: 'c1', messageId: 'a1', text });
  app.handle({ type: 'delta', conversationId: 'other', messageId: 'a1', text: 'IGNORED' });
  app.flush();
  const assistant = $$('message').find((m) => m.dataset.role === 'assistant')!;
  assert.equal(assistant.dataset.status, 'streaming');
  assert.equal(assistant.querySelector('[data-testid="message-content"]')!.innerHTML, '<p>Hello <strong>world</strong></p>\n');
  assert.equal(assistant.querySelector('[data-testid="copy-message"]'), null, 'no actions while streaming');

  send({ type: 'messageUpdated', conversationId: 'c1', message: msg({ id: 'a1', role: 'assistant', content: '<think>plan</think>Hello **world**', meta: { model: 'meta/llama-3', promptTokens: 10, completionTokens: 5, ttftMs: 250, tokensPerSecond: 42 } }) });
  send({ type: 'busy', busy: false });
  assert.equal($('message-meta')!.textContent, 'meta/llama-3 · 10→5 tokens · TTFT 250 ms · 42 tok/s');
  assert.ok($('regenerate'));
  assert.ok($('edit-last'));
  $('copy-message')!.click();
  assert.deepEqual(posted.at(-1), { type: 'copyText', text: 'Hello **world**' });
  $('regenerate')!.click();
  assert.deepEqual(posted.at(-1), { type: 'regenerate' });
  assert.equal($('reasoning')!.querySelector('.reasoning-content')!.textContent.trim(), 'plan');
});

test('reasoning is open while only reasoning streams and collapses when the answer starts', () => {
  send(state([msg({ id: 'a1', role: 'assistant', status: 'streaming' })], { busy: true }));
  send({ type: 'delta', conversationId: 'c1', messageId: 'a1', reasoning: 'Considering options' });
  const details = $('reasoning') as HTMLDetailsElement;
  assert.equal(details.open, true);
  assert.match(details.querySelector('summary')!.textContent, /Thinking/);
  send({ type: 'delta', conversationId: 'c1', messageId: 'a1', text: 'Answer' });
  assert.equal(details.open, false);
  assert.match(details.querySelector('summary')!.textContent, /Thought for \d+ s/);
});

test('error box: role=alert, one labelled button per action, posting runAction with the message id', () => {
  send(state([
    msg({ id: 'u1', role: 'user', content: 'Hi' }),
    msg({ id: 'a1', role: 'assistant', content: 'Partial', status: 'error', error: { kind: 'context', message: 'Too long.', actions: ['dropOldest', 'newChat'] } }),
  ]));
  const box = $('error')!;
  assert.equal(box.getAttribute('role'), 'alert');
  assert.match(box.textContent, /Too long\./);
  assert.equal($('action-dropOldest')!.textContent, 'Drop oldest turns and resend');
  assert.equal($('action-newChat')!.textContent, 'New chat');
  $('action-dropOldest')!.click();
  assert.deepEqual(posted.at(-1), { type: 'runAction', action: 'dropOldest', messageId: 'a1' });
  assert.match($$('message')[1]!.querySelector('[data-testid="message-content"]')!.textContent, /Partial/);
});

test('stopped replies keep their text and show a marker; truncation removes messages', () => {
  send(state([msg({ id: 'u1', role: 'user', content: 'Hi' }), msg({ id: 'a1', role: 'assistant', content: 'Half an ans', status: 'stopped' })]));
  assert.ok($('stopped-marker'));
  assert.match($('message-content')!.textContent, /Hi/);
  send({ type: 'messagesTruncated', conversationId: 'c1', fromMessageId: 'a1' });
  assert.equal($$('message').length, 1);
});

test('edit & resend on the last user message posts editLast', () => {
  send(state([msg({ id: 'u1', role: 'user', content: 'old question' }), msg({ id: 'a1', role: 'assistant', content: 'ok' })]));
  $('edit-last')!.click();
  const input = $('edit-input') as HTMLTextAreaElement;
  assert.equal(input.value, 'old question');
  input.value = 'new question';
  $('edit-save')!.click();
  assert.deepEqual(posted.at(-1), { type: 'editLast', text: 'new question' });
  assert.equal($('edit-input'), null);
});

test('code blocks: copy, insert and open post the code and its language; links open through the host', () => {
  send(state([msg({ id: 'a1', role: 'assistant', content: 'See [docs](https://example.com/x).\n\n```py\nprint(1)\n```' })]));
  $('copy-code')!.click();
  assert.deepEqual(posted.at(-1), { type: 'copyText', text: 'print(1)\n' });
  $('insert-code')!.click();
  assert.deepEqual(posted.at(-1), { type: 'insertCode', code: 'print(1)\n', language: 'py' });
  $('open-code')!.click();
  assert.deepEqual(posted.at(-1), { type: 'openInEditor', code: 'print(1)\n', language: 'py' });
  const link = dom.window.document.querySelector('[data-testid="message-content"] a')!;
  const click = new dom.window.MouseEvent('click', { bubbles: true, cancelable: true });
  link.dispatchEvent(click);
  assert.equal(click.defaultPrevented, true);
  assert.deepEqual(posted.at(-1), { type: 'openLink', href: 'https://example.com/x' });
});

test('Apply on a fenced block of the answer posts the message id and the block index only (not the code)', () => {
  const content = '<think>```ts\nreasoned();\n```</think>Text\n\n    indented code\n\n```ts src/a.ts\na();\n```\n\n- item\n\n  ```py\n  b()\n  ```\n';
  send(state([msg({ id: 'a1', role: 'assistant', content })]));
  const blocks = $$('code-block');
  assert.equal(blocks.length, 4, 'reasoning, indented and two fenced blocks');
  const applies = $$('apply-code');
  assert.equal(applies.length, 2, 'only the fenced blocks of the answer have Apply');
  applies[1]!.click();
  assert.deepEqual(posted.at(-1), { type: 'applyCode', messageId: 'a1', blockIndex: 1 });
  applies[0]!.click();
  assert.deepEqual(posted.at(-1), { type: 'applyCode', messageId: 'a1', blockIndex: 0 });
});

test("a link click does not reach the window, where VS Code's webview host would open it a second time", () => {
  send(state([msg({ id: 'a1', role: 'assistant', content: 'See [docs](https://example.com/x), [rel](notes/a.md) and [mail](mailto:a@example.com?body=x).' })]));
  // VS Code's webview host listens for clicks on the window (bubbling) and opens any <a href> it sees there.
  const hostSaw: string[] = [];
  const hostHandler = (event: Event): void => {
    const a = (event.target as Element).closest('a');
    if (a) hostSaw.push(a.getAttribute('href') ?? '');
  };
  dom.window.addEventListener('click', hostHandler);
  try {
    for (const link of Array.from(dom.window.document.querySelectorAll('[data-testid="message-content"] a'))) {
      link.dispatchEvent(new dom.window.MouseEvent('click', { bubbles: true, cancelable: true }));
    }
  } finally {
    dom.window.removeEventListener('click', hostHandler);
  }
  assert.deepEqual(hostSaw, []);
  assert.deepEqual(
    posted.filter((m) => m.type === 'openLink'),
    [
      { type: 'openLink', href: 'https://example.com/x' },
      { type: 'openLink', href: 'notes/a.md' },
      { type: 'openLink', href: 'mailto:a@example.com?body=x' },
    ],
  );
});

test('composer: Enter sends and clears, Shift+Enter does not, the host draft is restored, selection chip shows', () => {
  send(state([msg({ id: 'u1', role: 'user', content: 'x', context: { fileName: 'a.ts', languageId: 'typescript', startLine: 3, endLine: 9 } })], { draft: 'restored draft' }));
  assert.equal($('selection-chip')!.textContent, 'a.ts:3–9 (typescript)');
  const input = $('chat-input') as HTMLTextAreaElement;
  assert.equal(input.value, 'restored draft');
  const key = (init: KeyboardEventInit) => input.dispatchEvent(new dom.window.KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
  key({ key: 'Enter', shiftKey: true });
  assert.equal(posted.filter((m) => m.type === 'send').length, 0);
  key({ key: 'Enter', isComposing: true });
  assert.equal(posted.filter((m) => m.type === 'send').length, 0);
  key({ key: 'Enter' });
  assert.deepEqual(posted.find((m) => m.type === 'send'), { type: 'send', text: 'restored draft' });
  assert.equal(input.value, 'restored draft', 'the input keeps the text until the host answers');
  key({ key: 'Enter' });
  assert.equal(posted.filter((m) => m.type === 'send').length, 1, 'one send until it is answered');
  send({ type: 'draft', conversationId: 'c1', text: '' }); // the host took it
  assert.equal(input.value, '');
  assert.equal(posted.some((m) => m.type === 'draftChanged'), false, 'no draft message of its own');
  input.value = 'typing';
  input.dispatchEvent(new dom.window.Event('input', { bubbles: true }));
  input.dispatchEvent(new dom.window.Event('blur'));
  assert.deepEqual(posted.at(-1), { type: 'draftChanged', text: 'typing' });
});

test('a refused send keeps the text; what is typed while a send is in flight is never lost', () => {
  send(state([]));
  const input = $('chat-input') as HTMLTextAreaElement;
  const enter = () => input.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  input.value = 'first';
  enter();
  send({ type: 'draft', conversationId: 'c1', text: 'first' }); // refused (a reply still streams)
  assert.equal(input.value, 'first');
  enter();
  assert.equal(posted.filter((m) => m.type === 'send').length, 2, 'the answer ends the pending send: Enter sends again');

  input.value = 'first and more'; // typed after Enter, before the answer
  send({ type: 'draft', conversationId: 'c1', text: '' });
  assert.equal(input.value, ' and more', 'only the sent text leaves the input');
  assert.deepEqual(posted.at(-1), { type: 'draftChanged', text: ' and more' });

  send({ type: 'draft', conversationId: 'other', text: 'ignored' });
  assert.equal(input.value, ' and more', 'a draft of another conversation is not shown');
});

test('a conversation streaming in another window: read-only here, the composer says why, no regenerate or edit; writable when it ends', () => {
  const readOnly = { reason: 'streamingElsewhere' as const, message: 'A reply is streaming into this conversation in another window.' };
  send(state([msg({ id: 'u1', role: 'user', content: 'q' }), msg({ id: 'a1', role: 'assistant', content: 'so far', status: 'streaming' })], { readOnly, draft: 'my next question' }));
  const note = $('composer-readonly')!;
  assert.equal(note.hidden, false);
  assert.equal(note.textContent, readOnly.message);
  assert.equal(note.getAttribute('role'), 'status');
  assert.equal(($('send') as HTMLButtonElement).disabled, true);
  const input = $('chat-input') as HTMLTextAreaElement;
  assert.equal(input.value, 'my next question', 'the text stays editable');
  input.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  $('send')!.click();
  assert.equal(posted.filter((m) => m.type === 'send').length, 0, 'nothing is sent');
  assert.equal($('edit-last'), null);
  send({ type: 'delta', conversationId: 'c1', messageId: 'a1', text: ' and more' });
  send({ type: 'messageUpdated', conversationId: 'c1', message: msg({ id: 'a1', role: 'assistant', content: 'so far and more' }) });
  assert.equal($('regenerate'), null, 'no regenerate while read-only');

  send({ type: 'readOnly', conversationId: 'c1' });
  assert.equal(note.hidden, true);
  assert.equal(($('send') as HTMLButtonElement).disabled, false);
  assert.ok($('regenerate'));
  assert.ok($('edit-last'));
  input.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  assert.deepEqual(posted.find((m) => m.type === 'send'), { type: 'send', text: 'my next question' });

  send({ type: 'readOnly', conversationId: 'other', readOnly });
  assert.equal(note.hidden, true, 'another conversation being read-only changes nothing here');
});

test('history: switch, rename inline, delete after confirm, export, new chat; notices', () => {
  send(state([]));
  $('history')!.click();
  assert.equal($$('conversation-item').length, 2);
  const older = $$('conversation-item').find((i) => i.dataset.id === 'c2')!;
  older.querySelector<HTMLElement>('[data-testid="rename-conversation"]')!.click();
  const rename = dom.window.document.querySelector('[data-testid="rename-input"]') as HTMLInputElement;
  rename.value = 'Renamed';
  rename.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  assert.deepEqual(posted.at(-1), { type: 'renameConversation', id: 'c2', title: 'Renamed' });
  $$('conversation-item').find((i) => i.dataset.id === 'c2')!.querySelector<HTMLElement>('[data-testid="delete-conversation"]')!.click();
  assert.notEqual(posted.at(-1)?.type, 'deleteConversation', 'asks first');
  $('confirm-delete')!.click();
  assert.deepEqual(posted.at(-1), { type: 'deleteConversation', id: 'c2' });
  $$('conversation-item').find((i) => i.dataset.id === 'c2')!.querySelector<HTMLElement>('.conversation-open')!.click();
  assert.deepEqual(posted.at(-1), { type: 'switchConversation', id: 'c2' });
  $('export')!.click();
  assert.deepEqual(posted.at(-1), { type: 'exportConversation', id: 'c1' });
  $('new-chat')!.click();
  assert.deepEqual(posted.at(-1), { type: 'newChat' });
  send({ type: 'notice', level: 'warning', message: 'Model list is stale' });
  assert.equal($('notice')!.textContent, 'Model list is stale');
});

test('every button is labelled for screen readers', () => {
  send(state([msg({ id: 'u1', role: 'user', content: 'q' }), msg({ id: 'a1', role: 'assistant', content: '```js\nx\n```', status: 'error', error: { kind: 'auth', message: 'Bad key', actions: ['setApiKey'] } })]));
  for (const button of Array.from(dom.window.document.querySelectorAll('button'))) {
    const name = button.getAttribute('aria-label') ?? button.textContent?.trim();
    assert.ok(name, `unlabelled button: ${button.outerHTML}`);
  }
  assert.equal(dom.window.document.querySelector('.messages')!.getAttribute('role'), 'log');
});

test("a trusted workspace's system prompt and template: chips on the composer and on the messages sent with them; a click asks the host for the text", () => {
  send(state([msg({ id: 'u1', role: 'user', content: 'Explain', workspaceSettings: ['inferenceChat.systemPrompt', 'inferenceChat.prompts.explain'] }), msg({ id: 'u2', role: 'user', content: 'Plain' })]));
  assert.equal($('workspace-prompts')!.hidden, true, 'no composer chip before the host says so');
  send({ type: 'workspacePrompts', settings: ['inferenceChat.systemPrompt'] });
  const composerChips = $$('workspace-prompt');
  assert.deepEqual(composerChips.map((c) => c.textContent), ['System prompt from workspace settings']);
  assert.equal($('workspace-prompts')!.hidden, false);
  composerChips[0]!.click();
  assert.deepEqual(posted.at(-1), { type: 'openWorkspaceSetting', setting: 'inferenceChat.systemPrompt' });

  const sent = $$('sent-workspace-prompt');
  assert.deepEqual(sent.map((c) => c.textContent), ['System prompt from workspace settings', '/explain template from workspace settings'], 'only on the message sent with them');
  sent[1]!.click();
  assert.deepEqual(posted.at(-1), { type: 'openWorkspaceSetting', setting: 'inferenceChat.prompts.explain', messageId: 'u1' });

  send({ type: 'workspacePrompts', settings: [] });
  assert.equal($('workspace-prompts')!.hidden, true, 'gone when the workspace sets none');
});
