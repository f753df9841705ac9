// End-to-end: Agent mode as a user meets it in the packaged extension in code-server. In a workspace with a failing
// test the agent reads the file, proposes the edit (approved on its card), asks to run `node test.js` (approved),
// sees it pass and answers; "Undo this turn's changes" restores the file. A denied command is reported to the model
// and the turn goes on. Screenshots: test-results/e2e/agent-*.png.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { e2eEnvironment, startSession, type E2ESession } from './helpers/session';
import { waitFor } from './helpers/workbench';

const env = e2eEnvironment();
const shotsDir = join(process.cwd(), 'test-results', 'e2e');
const FLOW_TIMEOUT = 150_000;
const MATH = 'function add(a, b) {\n  return a - b;\n}\nmodule.exports = { add };\n';
const TEST = "const { add } = require('./math');\nif (add(2, 3) !== 5) { console.log('FAIL: add(2, 3) is', add(2, 3)); process.exit(1); }\nconsole.log('PASS 1 test');\n";

describe('e2e agent mode: reads, edits and runs with approval; undo', { skip: !env }, () => {
  let s: E2ESession;
  const card = (tool: string, status?: string) =>
    s.wb.chat.locator(`[data-testid="tool-call"][data-tool="${tool}"]${status ? `[data-status="${status}"]` : ''}`).last();
  const mathFile = () => join(s.workspace, 'math.js');

  async function agentMode(): Promise<void> {
    const toggle = s.wb.byTestId('mode-switch');
    await toggle.waitFor({ state: 'visible', timeout: 15_000 });
    await waitFor('Agent mode on the composer', async () => {
      if ((await toggle.getAttribute('data-mode')) === 'agent') return true;
      await toggle.click();
      return false;
    }, 15_000);
  }

  async function approve(tool: string, shot?: string): Promise<void> {
    await card(tool, 'awaiting-approval').waitFor({ state: 'visible', timeout: 30_000 });
    if (shot) await s.wb.screenshot(join(shotsDir, shot));
    await card(tool, 'awaiting-approval').locator('[data-testid="tool-approve"]').click();
  }

  before(async () => {
    mkdirSync(shotsDir, { recursive: true });
    s = await startSession(env!, { requireKey: false });
  }, { timeout: 180_000 });

  after(async () => {
    await s?.close();
  });

  test('a failing test fixed: read, edit approved, `node test.js` approved and passing, the answer; undo restores the file', { timeout: FLOW_TIMEOUT }, async () => {
    writeFileSync(mathFile(), MATH);
    writeFileSync(join(s.workspace, 'test.js'), TEST);
    s.server.setScenario('agent-fix-test');
    await s.wb.openChat();
    await agentMode();
    await s.wb.ask('node test.js fails. Fix it.');
    await waitFor('the read_file card done', async () => (await card('read_file', 'done').count()) > 0, 30_000);
    await approve('edit_file', 'agent-edit.png');
    await waitFor('the edit written', () => readFileSync(mathFile(), 'utf8').includes('return a + b;'), 20_000);
    await approve('run_command', 'agent-command.png');
    await card('run_command', 'done').waitFor({ state: 'visible', timeout: 30_000 });
    await s.wb.waitForAssistantStatus(['done'], 30_000);
    await waitFor('the answer quoting the passing test', async () => /PASS 1 test/.test(await s.wb.lastAssistantText()), 20_000);
    await s.wb.screenshot(join(shotsDir, 'agent-done.png'));
    assert.match(await card('run_command', 'done').innerText(), /node test\.js/);

    await s.wb.byTestId('undo-turn').last().click();
    await waitFor('math.js restored by undo', () => readFileSync(mathFile(), 'utf8') === MATH, 20_000);
    // One look at the page: between a count() and an isDisabled() the button may go, and isDisabled() then waits for it.
    await waitFor('the undo button gone or disabled', () => s.wb.byTestId('undo-turn').evaluateAll((buttons) => buttons.length === 0 || (buttons.at(-1) as HTMLButtonElement).disabled), 10_000);
  });

  test('a denied command is reported to the model, and the turn goes on to its answer', { timeout: FLOW_TIMEOUT }, async () => {
    writeFileSync(mathFile(), MATH);
    s.server.setScenario('agent-fix-test');
    await agentMode();
    await s.wb.ask('Fix math.js, but do not run anything.');
    await approve('edit_file');
    await card('run_command', 'awaiting-approval').waitFor({ state: 'visible', timeout: 30_000 });
    await card('run_command', 'awaiting-approval').locator('[data-testid="tool-deny"]').click();
    await card('run_command', 'denied').waitFor({ state: 'visible', timeout: 20_000 });
    await s.wb.waitForAssistantStatus(['done'], 30_000);
    await waitFor('the answer saying the command was denied', async () => /was denied/.test(await s.wb.lastAssistantText()), 20_000);
    const toolMessages = s.server.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!.body as { messages: Array<{ role: string; content: string }> };
    assert.ok(toolMessages.messages.some((m) => m.role === 'tool' && /denied/i.test(m.content)), 'the model was told');
  });
});
