// The "Get started with Inference Chat" walkthrough as a user follows it in the real VS Code: opened from the
// Command Palette, each step done through its own UI (the walkthrough's buttons, the real input box and picker,
// the sidebar, the editor's context menu), each checked off by the event that completes it. The fixture server
// is the provider; the screenshot is test-results/e2e/walkthrough.png.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locator } from 'playwright-core';
import { FIXTURE_MODELS } from '../fixtures/server';
import { e2eEnvironment, startSession, type E2ESession } from './helpers/session';
import { EXTENSION_ID, waitFor } from './helpers/workbench';

const env = e2eEnvironment();
const shotsDir = join(process.cwd(), 'test-results', 'e2e');
const WALKTHROUGH = `${EXTENSION_ID}#gettingStarted`;
const STEPS = ['chooseProvider', 'setApiKey', 'pickModel', 'askInSidebar', 'explainSelection', 'nativeChat'] as const;
type Step = (typeof STEPS)[number];

describe('e2e: the walkthrough, step by step', { skip: !env }, () => {
  let s: E2ESession;
  const step = (id: Step): Locator => s.page.locator(`.getting-started-step[data-step-id="${WALKTHROUGH}#${id}"]`);
  const isChecked = async (id: Step): Promise<boolean> =>
    (await s.page.locator(`[data-done-step-id="${WALKTHROUGH}#${id}"]`).getAttribute('aria-checked', { timeout: 5000 })) === 'true';
  const checkedSteps = async (): Promise<Step[]> => {
    const out: Step[] = [];
    for (const id of STEPS) if (await isChecked(id)) out.push(id);
    return out;
  };
  const waitChecked = (id: Step): Promise<unknown> => waitFor(`step "${id}" to be checked off`, () => isChecked(id), 30_000);
  /** Brings the walkthrough's tab to the front and expands a step (a click on its title, not on its checkbox). */
  const expand = async (id: Step): Promise<void> => {
    const tab = s.page.locator('.tabs-container .tab', { hasText: 'Welcome' }).first();
    if (!(await step(id).isVisible())) await tab.click();
    if ((await step(id).getAttribute('aria-expanded')) !== 'true') await step(id).locator('.step-title').click();
    await waitFor(`step "${id}" to expand`, async () => (await step(id).getAttribute('aria-expanded')) === 'true');
  };
  const stepButton = (id: Step, label: string): Locator => step(id).locator('.button-container .monaco-button', { hasText: label });
  const chatRequests = () => s.server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/chat/completions'));

  before(async () => {
    mkdirSync(shotsDir, { recursive: true });
    // A new user: Prime Intellect (the default) active, no key, no model; the fixture server is there to switch to.
    // Without motion the walkthrough moves the focus to a step as it is selected. With motion it does so 250 ms
    // later (after its slide animation), and a step's button clicked within those 250 ms opens its input box or
    // picker just in time to lose the keyboard to that late focus: the picker closes, the key box (which ignores
    // focus-out) stays open while the typed key and Enter land on the step. A user is never that quick; the test is.
    s = await startSession(env!, {
      settings: (url) => ({
        'inferenceChat.customProviders': [{ id: 'fixture', name: 'Fixture', baseUrl: url }],
        'inferenceChat.provider': undefined,
        'workbench.welcomePage.preferReducedMotion': true,
      }),
    });
  }, { timeout: 180_000 });
  after(async () => {
    if (s) {
      await s.page.screenshot({ path: join(shotsDir, 'walkthrough-final.png') }).catch(() => undefined);
      await s.close();
    }
  });

  test('without a key the chat\'s welcome lists the same six steps, and its button opens the walkthrough', { timeout: 120_000 }, async () => {
    const { wb } = s;
    await wb.openChat();
    const steps = wb.byTestId('welcome-steps');
    await steps.waitFor({ state: 'visible', timeout: 30_000 });
    assert.deepEqual(await steps.locator('.welcome-step-title').allTextContents(), [
      'Choose a provider',
      'Set your API key',
      'Pick a model',
      'Ask here',
      'Explain your code',
      "Use the models in VS Code's chat",
    ]);
    await s.page.screenshot({ path: join(shotsDir, 'welcome-steps.png') });
    await wb.byTestId('welcome-walkthrough').click();
    await step('chooseProvider').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await step('nativeChat').count(), 1);
  });

  test('open it, follow each step, and see it checked off', { timeout: 300_000 }, async () => {
    const { page, wb } = s;
    await wb.runCommand('Welcome: Open Walkthrough...');
    await wb.quickPickRow('Get started with Inference Chat').click();
    await step('chooseProvider').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await step('nativeChat').count(), 1, 'all six steps are listed');
    // Opening the walkthrough activated the extension; nothing is done yet.
    assert.deepEqual(await checkedSteps(), []);

    // 1. Choose a provider, with the step's own button. A server on this machine needs no key: step 2 is done too.
    await expand('chooseProvider');
    await stepButton('chooseProvider', 'Switch Provider').click();
    await wb.quickPickRow('Fixture').click();
    await waitChecked('chooseProvider');
    await waitChecked('setApiKey');

    // 2. Set the key anyway (this fixture server wants one), through the real input box.
    await expand('setApiKey');
    await stepButton('setApiKey', 'Set API Key').click();
    await wb.answerInputBox(s.apiKey, 'API key');
    assert.equal(await isChecked('setApiKey'), true);

    // 3. Pick a model in the real picker.
    assert.equal(await isChecked('pickModel'), false, 'no model is chosen before the picker');
    await expand('pickModel');
    const model = FIXTURE_MODELS[0].id;
    await stepButton('pickModel', 'Pick Model').click();
    // Filter by the id as a user does: the list may still grow or re-sort while /models answers.
    await wb.quickInput().waitFor({ state: 'visible', timeout: 30_000 });
    await wb.quickInput().fill(model);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: model }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.click();
    await waitChecked('pickModel');

    // 4. Ask in the sidebar.
    assert.equal(await isChecked('askInSidebar'), false);
    await expand('askInSidebar');
    await stepButton('askInSidebar', 'Open Chat').click();
    await wb.openChat();
    await wb.ask('Hello from the walkthrough!');
    await wb.waitForAssistantStatus(['done']);
    const asked = chatRequests().at(-1);
    assert.equal((asked?.body as { model?: string }).model, model, 'the chat used the model picked in step 3');
    assert.equal(asked?.headers.authorization, `Bearer ${s.apiKey}`, 'the key set in step 2 was sent');
    await expand('askInSidebar');
    await waitChecked('askInSidebar');
    assert.equal(await isChecked('explainSelection'), false, 'a typed question is not an Explain Selection');

    // 5. Explain a selection from the editor's context menu.
    await wb.openFile('sample.ts');
    await wb.selectLines(2, 5);
    await waitFor('the selection', async () => /selected/.test(await wb.selectionStatus()));
    const before = chatRequests().length;
    await wb.editorContextMenu('Explain Selection', [2, 5]);
    await waitFor('the explain request', () => chatRequests().length > before);
    await wb.waitForAssistantStatus(['done']);
    await expand('explainSelection');
    await waitChecked('explainSelection');

    // 6. VS Code's own chat: code-server has no chat participant to send it, so this one stays open.
    assert.deepEqual(await checkedSteps(), ['chooseProvider', 'setApiKey', 'pickModel', 'askInSidebar', 'explainSelection']);
    await page.mouse.move(5, 400);
    await page.screenshot({ path: join(shotsDir, 'walkthrough.png') });
  });
});
