// End-to-end: what steers the model and what would leak is shown to the user, in the packaged extension in
// code-server — a workspace's system prompt as a chip on the composer and on the message, and the credential
// warning as VS Code's own modal dialog (outside the webview, where a page cannot click it). Screenshots:
// test-results/e2e/trust-NN-name.png.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { e2eEnvironment, startSession, type E2ESession } from './helpers/session';
import { waitFor } from './helpers/workbench';

const env = e2eEnvironment();
const shotsDir = join(process.cwd(), 'test-results', 'e2e');
const FLOW_TIMEOUT = 120_000;
const PIRATE = 'Answer as a pirate. (from .vscode/settings.json)';
const LEAKED = 'sk-proj-Q7wE9rT1yU3iO5pA7sD9fG1hJ3kL5zX7';

describe('e2e trust: the workspace prompt chip and the credential warning', { skip: !env }, () => {
  let s: E2ESession;
  let shot = 0;
  const screenshot = async (name: string): Promise<void> => {
    shot += 1;
    await s.wb.screenshot(join(shotsDir, `trust-${String(shot).padStart(2, '0')}-${name}.png`));
  };
  const chatBodies = (): Array<{ messages: Array<{ role: string; content: unknown }> }> =>
    s.server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/chat/completions')).map((r) => r.body as never);

  before(async () => {
    mkdirSync(shotsDir, { recursive: true });
    s = await startSession(env!, { requireKey: false });
    await s.wb.openChat();
  }, { timeout: 180_000 });

  after(async () => {
    await s?.close();
  });

  test("a workspace's system prompt: a chip on the composer and on the message; the model gets it; a click shows it", { timeout: FLOW_TIMEOUT }, async () => {
    mkdirSync(join(s.workspace, '.vscode'), { recursive: true });
    writeFileSync(join(s.workspace, '.vscode', 'settings.json'), JSON.stringify({ 'inferenceChat.systemPrompt': PIRATE }, null, 2));
    const chip = s.wb.byTestId('workspace-prompt');
    await chip.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal((await chip.innerText()).trim(), 'System prompt from workspace settings');
    await screenshot('composer-chip');

    await s.wb.ask('Where is the treasure?');
    await s.wb.waitForAssistantStatus(['done']);
    const sent = s.wb.messages('user').last().locator('[data-testid="sent-workspace-prompt"]');
    await sent.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(chatBodies().at(-1)?.messages[0]?.content, PIRATE, 'the model got the workspace system prompt');
    await screenshot('message-chip');

    await sent.click();
    const tab = s.page.locator('.tabs-container .tab', { hasText: 'inferenceChat.systemPrompt' });
    await tab.first().waitFor({ state: 'visible', timeout: 15_000 });
    await waitFor('the prompt text in the editor', async () => (await s.wb.editorText()).includes('Answer as a pirate.'));
    await screenshot('prompt-opened');
  });

  test('a key in the selected code: Explain Selection asks in a VS Code modal (not in the chat); Cancel sends nothing', { timeout: FLOW_TIMEOUT }, async () => {
    writeFileSync(join(s.workspace, 'src', 'client.ts'), `export const client = new Client({\n  apiKey: '${LEAKED}',\n});\n`);
    const before = chatBodies().length;
    await s.wb.openFile('client.ts');
    await s.wb.selectLines(1, 3);
    await waitFor('the selection', async () => /selected/.test(await s.wb.selectionStatus()));
    await s.wb.editorContextMenu('Explain Selection', [1, 3]);

    const dialog = s.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    const text = await dialog.innerText();
    assert.match(text, /looks like a credential/);
    assert.match(text, /an OpenAI-style key sk-…5zX7/, 'names the kind with a masked hint');
    assert.ok(!text.includes(LEAKED.slice(8, 20)), 'the dialog does not show the key');
    assert.equal(await s.wb.chat.locator('text=looks like a credential').count(), 0, 'the question is not in the webview');
    // The dialog's one primary button (the others are `.secondary`) is what Enter takes: the safe answer, never "Send Anyway".
    assert.equal((await dialog.locator('.monaco-button:not(.secondary)').innerText()).trim(), "Don't Send");
    await screenshot('credential-modal');

    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
    assert.equal(chatBodies().length, before, 'cancelled: nothing sent');
  });
});
