// End-to-end flows as a user does them: the packaged extension (.vsix) in a real VS Code (code-server)
// in headless Chromium, talking to the loopback fixture server. The flows run in order in one session
// (like a user's afternoon); each leaves a screenshot in test-results/e2e/NN-name.png.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_REPLY, FIXTURE_MODELS } from '../fixtures/server';
import { e2eEnvironment, filesContaining, startSession, type E2ESession } from './helpers/session';
import { Workbench, waitFor } from './helpers/workbench';

const env = e2eEnvironment();
const shotsDir = join(process.cwd(), 'test-results', 'e2e');
const FLOW_TIMEOUT = 120_000;

if (!env) {
  console.log('\n!!! E2E SKIPPED: E2E_TOOLS / E2E_VSIX are not set. Run `node test/harness/run-e2e.mjs` (or `npm test`). !!!\n');
}

describe('e2e: Inference Chat in a real VS Code', { skip: !env }, () => {
  let s: E2ESession;
  let shot = 0;
  const screenshot = async (name: string): Promise<void> => {
    shot += 1;
    await s.wb.screenshot(join(shotsDir, `${String(shot).padStart(2, '0')}-${name}.png`));
  };
  // The first two flows (chat opens, key set) are what every later flow stands on: when one fails, the
  // later flows are skipped with that reason instead of each timing out on its own.
  let prerequisiteFailed: string | undefined;
  const prerequisite = (name: string, fn: () => Promise<void>) => async (): Promise<void> => {
    try { await fn(); } catch (err) { prerequisiteFailed = name; throw err; }
  };
  const flow = (fn: () => Promise<void>) => async (t: { skip(message?: string): void }): Promise<void> => {
    if (prerequisiteFailed) { t.skip(`skipped: the prerequisite flow "${prerequisiteFailed}" failed`); return; }
    await fn();
  };
  const chatRequests = () => s.server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/chat/completions'));
  const lastChatBody = () => chatRequests().at(-1)?.body as { model?: string; messages?: { role: string; content: string }[] } | undefined;

  before(async () => {
    mkdirSync(shotsDir, { recursive: true });
    s = await startSession(env!);
  }, { timeout: 180_000 });

  after(async () => {
    if (s) {
      await s.page.screenshot({ path: join(shotsDir, 'zz-final.png') }).catch(() => undefined);
      await s.close();
    }
  });

  test('first run: the activity-bar icon opens the chat, which shows the welcome', { timeout: FLOW_TIMEOUT }, prerequisite('first run', async () => {
    await s.wb.openChat();
    await s.wb.byTestId('welcome').waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot('welcome');
  }));

  test('Set API key through the real input box; the key is in SecretStorage only', { timeout: FLOW_TIMEOUT }, prerequisite('set API key', async () => {
    // The welcome offers "Set API key" only when the provider needs one (a loopback custom provider may not):
    // otherwise the command palette runs the same command.
    const welcomeButton = s.wb.byTestId('welcome-set-key');
    if (await welcomeButton.isVisible()) await welcomeButton.click();
    else await s.wb.runCommand('Inference Chat: Set API Key');
    await s.wb.answerInputBox(s.apiKey, 'API key');
    await s.wb.byTestId('welcome-set-key').waitFor({ state: 'hidden', timeout: 30_000 });
    // "saved" stands alone: the check ran inside the input box, no "Checking the key…" notification outlives it.
    await s.page.locator('.notification-toast', { hasText: 'API key for Fixture saved' }).waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await s.page.locator('.notification-toast', { hasText: 'Checking the key' }).count(), 0, '"Checking the key" is still on screen');
    await screenshot('key-set');

    // Nowhere on disk: settings.json, logs (the output channel's file), anything in the profile or extensions dirs.
    const settings = readFileSync(join(s.userDataDir, 'User', 'settings.json'), 'utf8');
    assert.ok(!settings.includes(s.apiKey), 'the key was written to settings.json');
    assert.deepEqual(filesContaining(s.userDataDir, s.apiKey), [], 'the key is in a file of the user-data dir');
    assert.deepEqual(filesContaining(s.extensionsDir, s.apiKey), [], 'the key is in a file of the extensions dir');
    // Not in the webview DOM.
    const html = await s.wb.chat.locator('html').evaluate((el) => el.outerHTML);
    assert.ok(!html.includes(s.apiKey), 'the key is in the webview DOM');
  }));

  test('a question streams in; markdown and a highlighted code block render', { timeout: FLOW_TIMEOUT }, flow(async () => {
    s.server.setScenario('slow', { count: 300 });
    await s.wb.ask('How do I sum a list in TypeScript?');
    // Observe the text growing while the message is still streaming.
    const first = await waitFor('streamed text', async () => {
      const status = await s.wb.lastAssistant().getAttribute('data-status', { timeout: 1000 });
      const len = (await s.wb.lastAssistantText().catch(() => '')).length;
      return status === 'streaming' && len > 0 ? len : 0;
    });
    await waitFor('the streamed text to grow', async () => (await s.wb.lastAssistantText()).length > first);
    await screenshot('streaming');
    await s.wb.waitForAssistantStatus(['done'], 60_000);
    // The key reached the server in the Authorization header (so it came out of SecretStorage).
    assert.equal(chatRequests().at(-1)?.headers.authorization, `Bearer ${s.apiKey}`);

    s.server.setScenario('normal');
    await s.wb.ask('Show me an example with a list and code.');
    await s.wb.waitForAssistantStatus(['done']);
    const last = s.wb.lastAssistant();
    await last.locator('li').first().waitFor({ state: 'visible' });
    const code = last.locator('[data-testid="code-block"]').first();
    await code.waitFor({ state: 'visible' });
    await waitFor('highlight.js classes in the code block', async () => (await code.locator('[class*="hljs-"]').count()) > 0);
    await screenshot('markdown-code');
  }));

  test('Copy puts the code on the clipboard; Insert writes it into the editor', { timeout: FLOW_TIMEOUT }, flow(async () => {
    const codeText = (await s.wb.lastAssistant().locator('[data-testid="code-block"] code').first().innerText()).trim();
    assert.ok(codeText.length > 0);
    await s.wb.lastAssistant().locator('[data-testid="copy-code"]').first().click();
    const clip = await waitFor('the clipboard to hold the code', async () => {
      const text = await s.page.evaluate(() => navigator.clipboard.readText());
      return text.trim() === codeText ? text : undefined;
    });
    assert.equal(clip.trim(), codeText);

    await s.wb.openFile('sample.ts');
    await s.wb.activeEditor().locator('.view-lines').click();
    await s.page.keyboard.press('Control+End');
    const firstLine = codeText.split('\n')[0]!.trim();
    await s.wb.lastAssistant().locator('[data-testid="insert-code"]').first().click();
    await waitFor('the inserted code in the editor', async () => (await s.wb.editorText()).includes(firstLine));
    await screenshot('insert-code');
  }));

  test('Stop in the middle of a long stream keeps the partial text and marks it stopped', { timeout: FLOW_TIMEOUT }, flow(async () => {
    s.server.setScenario('slow');
    await s.wb.openChat();
    await s.wb.ask('Write a long essay.');
    await waitFor('some streamed text', async () => (await s.wb.lastAssistantText().catch(() => '')).length > 20);
    await s.wb.byTestId('stop').click();
    await s.wb.waitForAssistantStatus(['stopped']);
    const kept = await s.wb.lastAssistantText();
    assert.ok(kept.length > 20, 'the partial text was lost');
    await s.wb.lastAssistant().locator('[data-testid="stopped-marker"]').waitFor({ state: 'visible' });
    await screenshot('stopped');
  }));

  test('Regenerate asks again and replaces the reply', { timeout: FLOW_TIMEOUT }, flow(async () => {
    s.server.setScenario('normal');
    s.server.setReply('A **regenerated** answer: 42.');
    const before = chatRequests().length;
    const repliesBefore = await s.wb.assistantCount();
    await s.wb.lastAssistant().locator('[data-testid="regenerate"]').click();
    await waitFor('a new chat request', () => chatRequests().length > before);
    await waitFor('the regenerated text', async () => (await s.wb.lastAssistantText()).includes('regenerated answer: 42'));
    await s.wb.waitForAssistantStatus(['done']);
    assert.equal(await s.wb.assistantCount(), repliesBefore, 'regenerate added a reply instead of replacing it');
    s.server.setReply(DEFAULT_REPLY);
    await screenshot('regenerated');
  }));

  test('Explain Selection from the editor context menu streams the answer into the chat', { timeout: FLOW_TIMEOUT }, flow(async () => {
    s.server.setScenario('normal');
    const before = chatRequests().length;
    const assistantsBefore = await s.wb.assistantCount();
    await s.wb.openFile('sample.ts');
    await s.wb.selectLines(2, 5); // the fibonacci function
    await waitFor('the selection', async () => /selected/.test(await s.wb.selectionStatus()));
    await s.wb.editorContextMenu('Explain Selection', [2, 5]);
    await waitFor('the explain request', () => chatRequests().length > before);
    const user = lastChatBody()?.messages?.filter((m) => m.role === 'user').at(-1)?.content ?? '';
    assert.match(user, /function fibonacci[\s\S]*fibonacci\(n - 2\)/, `the request does not carry the selected code:\n${user.slice(0, 600)}`);
    assert.doesNotMatch(user, /greeting/, 'the request carries more than the selection');
    await waitFor('a new assistant message', async () => (await s.wb.assistantCount()) > assistantsBefore);
    await s.wb.waitForAssistantStatus(['done']);
    await screenshot('explain-selection');
  }));

  test('Apply on a code block shows the change as a diff; Accept writes it into the file', { timeout: FLOW_TIMEOUT }, flow(async () => {
    s.server.setScenario('applyCode');
    const file = join(s.workspace, 'src', 'util.py');
    const before = readFileSync(file, 'utf8');
    await s.wb.openChat();
    await s.wb.ask('Make mean() handle an empty list.');
    await s.wb.waitForAssistantStatus(['done']);
    const apply = s.wb.lastAssistant().locator('[data-testid="apply-code"]');
    await waitFor('an Apply button on each block', async () => (await apply.count()) === 2);
    await apply.first().click();
    // VS Code's diff editor, the file on the left and the proposal on the right; nothing is written yet.
    const tab = s.page.locator('.tabs-container .tab', { hasText: 'src/util.py ↔ proposed' });
    await tab.first().waitFor({ state: 'visible', timeout: 30_000 });
    const diff = s.page.locator('.editor-group-container.active .monaco-diff-editor');
    await diff.waitFor({ state: 'visible', timeout: 30_000 });
    await waitFor('the proposed lines in the diff', async () => (await diff.innerText()).replace(/\u00a0/g, ' ').includes('if not values:'));
    assert.equal(readFileSync(file, 'utf8'), before, 'nothing is written before Accept');
    await screenshot('apply-diff');

    await s.page.locator('.editor-group-container.active .editor-actions [aria-label^="Accept Proposed Change"]').click();
    await tab.first().waitFor({ state: 'hidden', timeout: 30_000 });
    await waitFor('the accepted change in the editor', async () => (await s.wb.editorText()).includes('if not values:'));
    await s.page.locator('.editor-group-container.active .tabs-container .tab', { hasText: 'util.py' }).first().waitFor({ state: 'visible' });
    await screenshot('apply-accepted');
    // Saved, as a user would: the file on disk has the change (and later flows reload with nothing unsaved).
    await s.wb.activeEditor().locator('.view-lines').click();
    await s.page.keyboard.press('Control+S');
    await waitFor('the change on disk', () => readFileSync(file, 'utf8').includes('if not values:'));
    s.server.setScenario('normal');
  }));

  test('the status-bar model picker lists /models and the choice is used by the next request', { timeout: FLOW_TIMEOUT }, flow(async () => {
    const current = lastChatBody()?.model;
    const target = FIXTURE_MODELS.map((m) => m.id).find((id) => id !== current)!;
    await s.wb.statusBarModelPicker().click();
    const row = s.page.locator('.quick-input-list .monaco-list-row', { hasText: target }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot('model-picker');
    await row.click();
    await waitFor('the status bar to show the model', async () =>
      ((await s.wb.statusBarModelPicker().innerText()) + (await s.wb.statusBarModelPicker().getAttribute('aria-label'))).includes(target.split('/').at(-1)!));
    await s.wb.openChat();
    await s.wb.ask('Which model are you?');
    await s.wb.waitForAssistantStatus(['done']);
    assert.equal(lastChatBody()?.model, target);
  }));

  test('"Use a model id…": an id the server does not list, typed in the picker, answers the next request', { timeout: FLOW_TIMEOUT }, flow(async () => {
    await s.wb.statusBarModelPicker().click();
    const filter = s.page.locator('.quick-input-widget input.input');
    await filter.waitFor({ state: 'visible', timeout: 30_000 });
    await s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Use a model id' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await filter.fill('my-own-model:7b');
    const offer = s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Use "my-own-model:7b" as the model id' }).first();
    await offer.waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot('model-id');
    await offer.click();
    await waitFor('the status bar to show the typed model', async () =>
      ((await s.wb.statusBarModelPicker().innerText()) + (await s.wb.statusBarModelPicker().getAttribute('aria-label'))).includes('my-own-model:7b'));
    await s.wb.openChat();
    await s.wb.ask('Are you the model I typed?');
    await s.wb.waitForAssistantStatus(['done']);
    assert.equal(lastChatBody()?.model, 'my-own-model:7b');
  }));

  test('a long conversation with a small-window model: the oldest turns are folded away as not sent, the meter shows it', { timeout: FLOW_TIMEOUT * 2 }, flow(async () => {
    await s.wb.statusBarModelPicker().click();
    const row = s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'fixture/tiny-window' }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.click();
    await waitFor('the status bar to show the small model', async () => (await s.wb.statusBarModelPicker().innerText()).includes('tiny-window'));
    await s.wb.openChat();
    await s.wb.newChat();
    s.server.setReply('Noted.');
    try {
      for (let i = 1; i <= 4; i++) {
        await s.wb.ask(`Part ${i} of a long story: ${'the ship sailed on through the long grey night, '.repeat(20)}`);
        await s.wb.waitForAssistantStatus(['done']);
      }
      const marker = s.wb.chat.locator('[data-testid="not-sent-marker"]');
      await marker.waitFor({ state: 'visible', timeout: 15_000 });
      assert.match(await marker.innerText(), /\d+ earlier messages? not sent to the model/);
      const sent = lastChatBody() as unknown as { messages: Array<{ content: string }> };
      assert.ok(!sent.messages.some((m) => m.content.startsWith('Part 1 of')), 'the oldest turn was not sent');
      assert.equal(await s.wb.chat.locator('.message.not-sent').first().isVisible(), false, 'folded away');
      const meter = s.wb.chat.locator('[data-testid="context-meter"]');
      await meter.waitFor({ state: 'visible', timeout: 15_000 });
      assert.match(await meter.innerText(), /\/ 1\.\dK/);
      await screenshot('trimmed');
      await s.wb.chat.locator('[data-testid="not-sent-toggle"]').click();
      await s.wb.chat.locator('.message.not-sent').first().waitFor({ state: 'visible', timeout: 5_000 });
      await screenshot('trimmed-expanded');
    } finally {
      // Also when this flow fails: with a reply this short, a later flow's stream would end before its cut.
      s.server.setReply(DEFAULT_REPLY);
    }
    // Back to a model with a larger window for the flows that follow.
    await s.wb.statusBarModelPicker().click();
    const back = s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'fixture-model' }).first();
    await back.waitFor({ state: 'visible', timeout: 30_000 });
    await back.click();
  }));

  test('401 shows the error with a Set API Key action', { timeout: FLOW_TIMEOUT }, flow(async () => {
    s.server.setScenario('unauthorized');
    await s.wb.ask('Will this fail?');
    await s.wb.chat.locator('[data-testid="action-setApiKey"]').last().waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot('error-401');
  }));

  test('429 with Retry-After is retried transparently', { timeout: FLOW_TIMEOUT }, flow(async () => {
    s.server.setScenario('rate-limit-once');
    const before = chatRequests().length;
    await s.wb.ask('Try again after a rate limit.');
    await s.wb.waitForAssistantStatus(['done'], 60_000);
    assert.ok(chatRequests().length - before >= 2, 'the 429 was not retried');
    assert.equal(await s.wb.lastAssistant().locator('[data-testid="error"]').count(), 0);
  }));

  test('a cut connection keeps the partial text and offers Retry', { timeout: FLOW_TIMEOUT }, flow(async () => {
    s.server.setScenario('cut');
    await s.wb.ask('This connection will drop.');
    await s.wb.waitForAssistantStatus(['error', 'stopped']);
    assert.ok((await s.wb.lastAssistantText()).length > 0, 'the partial text was lost');
    await s.wb.chat.locator('[data-testid="action-retry"]').last().waitFor({ state: 'visible' });
    await screenshot('cut-retry');
  }));

  test('reloading the window keeps the conversation', { timeout: FLOW_TIMEOUT }, flow(async () => {
    s.server.setScenario('normal');
    const firstUser = (await s.wb.messages('user').first().innerText()).trim();
    const count = await s.wb.messages().count();
    await s.page.reload();
    await s.wb.waitForWorkbench();
    await s.wb.openChat();
    await waitFor('the restored conversation', async () => (await s.wb.messages().count()) >= count);
    assert.equal((await s.wb.messages('user').first().innerText()).trim(), firstUser);
    await screenshot('after-reload');
  }));

  test('a hostile reply renders inert', { timeout: FLOW_TIMEOUT }, flow(async () => {
    s.server.setScenario('hostile');
    await s.wb.ask('Say something nasty.');
    await s.wb.waitForAssistantStatus(['done']);
    const report = await s.wb.chat.locator('html').evaluate((root) => {
      const all = Array.from(root.querySelectorAll('*'));
      const content = Array.from(root.querySelectorAll('[data-testid="message-content"]'));
      return {
        scriptsInMessages: content.reduce((n, c) => n + c.querySelectorAll('script, iframe, object, embed').length, 0),
        onAttributes: all.flatMap((el) => Array.from(el.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}.${a.name}`)),
        jsLinks: all.filter((el) => /^\s*javascript:/i.test(el.getAttribute('href') ?? '') || /^\s*javascript:/i.test(el.getAttribute('src') ?? '')).length,
        pwned: Boolean((window as unknown as { __pwned?: unknown }).__pwned),
      };
    });
    assert.deepEqual(report, { scriptsInMessages: 0, onAttributes: [], jsLinks: 0, pwned: false });
    assert.deepEqual(s.dialogs, []);
    await screenshot('hostile-inert');
  }));

  test('after a reload the chat renders and highlights code under its nonce-only CSP, with no CSP violation', { timeout: FLOW_TIMEOUT }, flow(async () => {
    // Browser-reported CSP violations of every frame (the webview's too) arrive as console errors.
    const violations: string[] = [];
    const onConsole = (m: { type(): string; text(): string }): void => {
      if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
    };
    s.page.on('console', onConsole);
    try {
      s.server.setScenario('normal');
      s.server.setReply(DEFAULT_REPLY);
      await s.page.reload(); // a fresh webview page: the highlighter chunk is imported anew
      await s.wb.waitForWorkbench();
      await s.wb.openChat();
      await s.wb.ask('Show me the code once more.');
      await s.wb.waitForAssistantStatus(['done']);
      const code = s.wb.lastAssistant().locator('[data-testid="code-block"]').first();
      await waitFor('highlight.js classes after the reload', async () => (await code.locator('[class*="hljs-"]').count()) > 0);

      const csp = (await s.wb.chat.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
      assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]+';/, csp);
      assert.doesNotMatch(csp, /script-src[^;]*(vscode-cdn|https:|http:)/, csp);
      assert.match(csp, /base-uri 'none'/);
      assert.match(csp, /form-action 'none'/);
      assert.deepEqual(violations, [], 'CSP violations while the chat loaded and highlighted code');

      // Positive control: the same listener sees a violation in the webview frame (an inline script is refused).
      await s.wb.chat.locator('body').evaluate((body) => {
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true';
        body.append(script);
        script.remove();
      });
      await waitFor('the control violation to be reported', () => violations.length > 0);
      assert.equal(await s.wb.chat.locator('body').evaluate(() => Boolean((window as unknown as { __inlineRan?: boolean }).__inlineRan)), false);
      await screenshot('csp-highlight');
    } finally {
      s.page.off('console', onConsole);
    }
  }));

  test('a link in a reply opens exactly once, only through the extension; refused links open nowhere', { timeout: FLOW_TIMEOUT }, flow(async () => {
    const origin = new URL(s.server.url).origin;
    const healthHits = () => s.server.requests.filter((r) => r.path === '/health?from=chat-link').length;
    s.server.setScenario('normal');
    s.server.setReply(
      `Links: [the fixture page](${origin}/health?from=chat-link), [a relative link](notes/readme.md) and ` +
        '[mail me](mailto:someone@example.com?subject=Hi&body=the-secret&cc=evil@example.com).',
    );
    // Every page the workbench opens (window.open) is recorded; nothing may leave 127.0.0.1.
    const opened: string[] = [];
    const onPage = (page: import('playwright-core').Page): void => {
      opened.push(page.url());
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) opened.push(frame.url());
      });
    };
    // A mailto: opens by navigating the workbench to it; headless Chromium has no mail handler and says so on the console.
    const mailOpens: string[] = [];
    const onConsole = (m: { text(): string }): void => {
      if (/mailto:/.test(m.text())) mailOpens.push(m.text());
    };
    s.page.on('console', onConsole);
    const offLoopback = (url: URL): boolean => !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && /^https?:$/.test(url.protocol);
    await s.context.route(offLoopback, (route) => route.abort());
    s.context.on('page', onPage);
    const logLines = (needle: string): number =>
      filesContaining(join(s.userDataDir, 'logs'), needle).reduce((n, f) => n + readFileSync(f, 'utf8').split(needle).length - 1, 0);
    try {
      await s.wb.ask('Give me some links.');
      await s.wb.waitForAssistantStatus(['done']);
      const reply = s.wb.lastAssistant();
      const link = reply.locator('a', { hasText: 'the fixture page' });
      await link.waitFor({ state: 'visible' });
      // The link keeps its href (hover shows it, screen readers call it a link), but clicking it does not navigate.
      assert.equal(await link.getAttribute('href'), `${origin}/health?from=chat-link`);

      await link.click();
      await waitFor('the extension to open the link', () => healthHits() >= 1 && logLines('opening a http link externally') >= 1);

      // A barrier: the refused relative link goes to the extension and comes back as a notice, so by then every
      // open either click caused has been dispatched.
      await reply.locator('a', { hasText: 'a relative link' }).click();
      await s.wb.chat.locator('.notice', { hasText: 'Not opened' }).last().waitFor({ state: 'visible', timeout: 30_000 });
      await reply.locator('a', { hasText: 'mail me' }).click();
      await waitFor('the mail link to reach the extension', () => logLines('opening a mailto link externally') >= 1);
      await reply.locator('a', { hasText: 'a relative link' }).click(); // a second barrier, after the mail link
      await waitFor('the second notice', async () => (await s.wb.chat.locator('.notice', { hasText: 'Not opened' }).count()) >= 2);

      console.log(`[links] pages: ${JSON.stringify(opened)} mail: ${JSON.stringify(mailOpens)}`);
      assert.ok(!opened.some((u) => /notes\/readme\.md/.test(u)), `the refused relative link was opened: ${JSON.stringify(opened)}`);
      assert.ok(!opened.some((u) => /body=|cc=|the-secret/.test(u)), `a mailto with its query was opened: ${JSON.stringify(opened)}`);
      assert.ok(!mailOpens.some((u) => /body=|cc=|the-secret/.test(u)), `a mailto with its query was opened: ${JSON.stringify(mailOpens)}`);
      assert.ok(mailOpens.length <= 1, `the mail link was launched ${mailOpens.length} times`);
      assert.equal(logLines('opening a mailto link externally'), 1);
      assert.equal(healthHits(), 1, `the link was opened ${healthHits()} times (popups: ${JSON.stringify(opened)})`);
      assert.equal(logLines('opening a http link externally'), 1);
      await screenshot('links');
    } finally {
      s.context.off('page', onPage);
      s.page.off('console', onConsole);
      await s.context.unroute(offLoopback);
      for (const page of s.context.pages().slice(1)) await page.close().catch(() => undefined);
    }
  }));

  test('two windows on one history: a turn sent in one appears in the other without a reload, which is read-only while it streams', { timeout: FLOW_TIMEOUT * 2 }, flow(async () => {
    // code-server gives every browser page its own extension host: a second page is a second VS Code window
    // on the same globalStorage folder, exactly like two desktop windows.
    s.server.setScenario('normal');
    await s.wb.openChat();
    await s.wb.newChat();
    await s.wb.ask('Two windows, one history');
    await s.wb.waitForAssistantStatus(['done']);
    const heading = async (wb: Workbench): Promise<string> => (await wb.chat.locator('.conversation-heading').innerText()).trim();
    const title = await heading(s.wb);

    const page2 = await s.context.newPage();
    page2.on('dialog', (d) => { s.dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss(); });
    try {
      await page2.goto(`${s.codeServer.url}/?folder=${encodeURIComponent(s.workspace)}`);
      const b = new Workbench(page2);
      await b.waitForWorkbench();
      await b.openChat();
      if ((await heading(b)) !== title) {
        await b.byTestId('history').click();
        await b.chat.locator('.conversation-open', { hasText: title }).first().click();
      }
      await waitFor('window B to show the same conversation', async () => (await heading(b)) === title);
      const messagesInB = await b.messages().count();

      s.server.setScenario('slow');
      await s.wb.ask('Stream into both windows, please.');
      await waitFor('the turn from window A in window B, without a reload', async () =>
        (await b.messages('user').last().innerText()).includes('Stream into both windows'));
      await waitFor('the reply streaming in window B', async () =>
        (await b.lastAssistant().getAttribute('data-status')) === 'streaming' && (await b.lastAssistantText().catch(() => '')).length > 0);
      const seen = (await b.lastAssistantText()).length;
      await waitFor('the reply to grow in window B', async () => (await b.lastAssistantText()).length > seen);
      const note = b.byTestId('composer-readonly');
      await note.waitFor({ state: 'visible', timeout: 15_000 });
      assert.match(await note.innerText(), /another window/);
      assert.equal(await b.byTestId('send').isDisabled(), true, 'Send is off in window B');
      assert.equal(await b.lastAssistant().locator('[data-testid="regenerate"]').count(), 0);
      assert.ok((await b.messages().count()) >= messagesInB + 2);
      await b.screenshot(join(shotsDir, `${String(++shot).padStart(2, '0')}-second-window-read-only.png`));

      await s.wb.byTestId('stop').click();
      await s.wb.waitForAssistantStatus(['stopped']);
      const finalInA = await s.wb.lastAssistantText();
      await b.waitForAssistantStatus(['stopped'], 30_000);
      await waitFor('window B to be writable again', async () => !(await note.isVisible()) && !(await b.byTestId('send').isDisabled()));
      assert.equal(await b.lastAssistantText(), finalInA, 'window B ends with exactly what window A kept');
      assert.notEqual(await b.lastAssistant().getAttribute('data-status'), 'error', 'never marked interrupted');
      await b.screenshot(join(shotsDir, `${String(++shot).padStart(2, '0')}-second-window-after.png`));
    } finally {
      await page2.close();
    }
  }));

  test('the chat follows a high-contrast theme: borders from the theme, text stays readable', { timeout: FLOW_TIMEOUT }, flow(async () => {
    // Through the theme picker, as a user does.
    await s.wb.runCommand('Preferences: Color Theme');
    await s.page.locator('.quick-input-widget input[placeholder^="Select Color Theme"]').waitFor({ state: 'visible', timeout: 15_000 });
    await s.page.keyboard.type('High Contrast'); // the list is virtual: filter so the row is rendered
    const row = s.wb.quickPickRow('Dark High Contrast');
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click();
    await waitFor('the webview to switch to high contrast', async () =>
      s.wb.chat.locator('body.vscode-high-contrast').count().then((n) => n > 0));
    const look = await s.wb.byTestId('chat-input').evaluate((input) => {
      // The theme's contrast border, resolved to rgb() the way computed styles report colors.
      const probe = document.createElement('div');
      probe.style.color = 'var(--vscode-contrastBorder)';
      document.body.append(probe);
      const contrastBorder = getComputedStyle(probe).color;
      probe.remove();
      const box = getComputedStyle(input.closest('.composer-box') ?? input); // the box around the textarea draws the border
      const body = getComputedStyle(document.body);
      return { contrastBorder, boxBorder: box.borderTopColor, boxBorderStyle: box.borderTopStyle, fg: body.color, bg: body.backgroundColor };
    });
    assert.notEqual(look.contrastBorder, 'rgba(0, 0, 0, 0)', 'the theme provides a contrast border');
    assert.equal(look.boxBorder, look.contrastBorder, 'the composer is outlined in the theme\'s contrast border');
    assert.notEqual(look.boxBorderStyle, 'none');
    assert.notEqual(look.fg, look.bg);
    await screenshot('high-contrast');
  }));
});
