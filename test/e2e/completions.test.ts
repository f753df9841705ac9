// End-to-end: inline completions as a user meets them in the packaged extension in code-server — typing shows
// ghost text from the server, Tab writes it, the status item shows the latency; a keystroke during a slow request
// cancels it on the wire; a refused key turns the status item to an error. Screenshots: test-results/e2e/completions-*.png.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { e2eEnvironment, startSession, type E2ESession } from './helpers/session';
import { waitFor } from './helpers/workbench';

const env = e2eEnvironment();
const shotsDir = join(process.cwd(), 'test-results', 'e2e');
const FLOW_TIMEOUT = 120_000;

describe('e2e completions: ghost text as you type', { skip: !env }, () => {
  let s: E2ESession;
  const completionRequests = () => s.server.requests.filter((r) => r.method === 'POST' && /\/v1\/completions$/.test(r.path));
  const statusItem = () => s.page.locator('.statusbar-item[id*="inferenceChat.completions"]').first();
  /** Monaco draws a suggestion as spans whose class names start with ghost-text (ghost-text-decoration, …). */
  const ghostText = async (): Promise<string> =>
    (await s.wb.activeEditor().locator('[class*="ghost-text"]').allInnerTexts()).join('').replace(/\u00a0/g, ' ');
  /** Opens `name` (written into the workspace's src/ first) with the cursor at the end of line `line` (1-based). */
  const openAt = async (name: string, text: string, line: number): Promise<void> => {
    writeFileSync(join(s.workspace, 'src', name), text);
    await s.wb.openFile(name);
    const target = s.wb.activeEditor().locator('.view-line').nth(line - 1);
    await target.click();
    await s.page.keyboard.press('End');
  };

  before(async () => {
    mkdirSync(shotsDir, { recursive: true });
    s = await startSession(env!, {
      requireKey: false,
      settings: { 'inferenceChat.completions.model': 'qwen2.5-coder:1.5b-base', 'inferenceChat.completions.debounceMs': 60 },
    });
  }, { timeout: 180_000 });

  after(async () => {
    await s?.close();
  });

  test('typing shows the suggestion as ghost text; Tab writes it; the status item shows how fast it came', { timeout: FLOW_TIMEOUT }, async () => {
    s.server.setCompletion('Math.PI * r * r;');
    await openAt('area.ts', 'export function area(r: number): number {\n  \n}\n', 2);
    await s.page.keyboard.type('return ', { delay: 40 });
    await waitFor('the ghost text', async () => (await ghostText()).includes('Math.PI * r * r;'), 20_000);
    await s.wb.screenshot(join(shotsDir, 'completions-ghost.png'));
    const prompt = (completionRequests().at(-1)!.body as { prompt: string }).prompt;
    assert.match(prompt, /<\|fim_prefix\|>[\s\S]*area\(r: number\): number \{\n {2}return <\|fim_suffix\|>/);
    await s.page.keyboard.press('Tab');
    await waitFor('the accepted suggestion in the file', async () => (await s.wb.editorText()).includes('return Math.PI * r * r;'), 10_000);
    await waitFor('the latency on the status item', async () => /\d+ ms/.test(await statusItem().innerText()), 10_000);
  });

  test('a keystroke during a slow request cancels it: the server sees the connection close', { timeout: FLOW_TIMEOUT }, async () => {
    s.server.setScenario('completion-delay', { ms: 6000 });
    await openAt('slow.ts', 'const total = \n', 1);
    const before = completionRequests().length;
    await s.page.keyboard.type('1', { delay: 40 });
    await waitFor('the slow request on the wire', () => completionRequests().length > before, 15_000);
    const slow = completionRequests()[before]!;
    await s.page.keyboard.type(' + 2', { delay: 40 });
    await waitFor('the slow request aborted at the socket', () => slow.closedEarly === true, 15_000);
    s.server.setScenario('normal');
  });

  test('a refused key turns the status item to an error; its menu offers Set API Key', { timeout: FLOW_TIMEOUT }, async () => {
    s.server.setScenario('unauthorized');
    await openAt('auth.ts', 'let value = \n', 1);
    await s.page.keyboard.type('4', { delay: 40 });
    await waitFor('the error on the status item', async () => (await statusItem().getAttribute('class'))?.includes('error-kind') || /Invalid|401|key/i.test((await statusItem().getAttribute('aria-label')) ?? ''), 20_000);
    await s.wb.screenshot(join(shotsDir, 'completions-error.png'));
    await statusItem().click();
    const row = s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Set API key' }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await s.page.keyboard.press('Escape');
    s.server.setScenario('normal');
  });
});
