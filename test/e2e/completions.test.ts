// End-to-end: inline completions as a user meets them in the packaged extension in code-server — typing shows
// ghost text from the server, Tab writes it, the status item shows the latency; a keystroke during a slow request
// cancels it on the wire; a refused key turns the status item to an error. Screenshots: test-results/e2e/completions-*.png.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  const suggestWidgetOpen = async (): Promise<boolean> => (await s.page.locator('.editor-widget.suggest-widget.visible').count()) > 0;
  /** waitFor, and on a timeout what the editor showed and what the server was asked (CI keeps only the output). */
  const waitForOrExplain = async (what: string, probe: () => unknown, timeoutMs: number): Promise<void> => {
    try {
      await waitFor(what, probe, timeoutMs);
    } catch (err) {
      await s.wb.screenshot(join(shotsDir, 'completions-failure.png')).catch(() => undefined);
      const prompts = completionRequests().map((r) => JSON.stringify((r.body as { prompt?: string }).prompt?.slice(-80)));
      const requests = s.server.requests.map((r) => `${r.method} ${r.path}`);
      const status = { text: await statusItem().innerText().catch(String), label: await statusItem().getAttribute('aria-label').catch(String) };
      const state = { ghost: await ghostText().catch(String), suggestWidget: await suggestWidgetOpen().catch(String), editor: (await s.wb.editorText().catch(String)).slice(0, 300), status, prompts, requests, log: extensionLog() };
      throw new Error(`${(err as Error).message}\n${JSON.stringify(state, null, 1)}`);
    }
  };
  /** The extension's log (its output channel's file in code-server's logs), its last lines about completions. */
  const extensionLog = (): string[] => {
    const files = readdirSync(s.userDataDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.log') && f.includes('Inference Chat'));
    return files.flatMap((f) => readFileSync(join(s.userDataDir, f), 'utf8').split('\n')).filter((l) => /complet|DEBUG/i.test(l)).slice(-60);
  };
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
    // The extension activates on startup finished, after the workbench shows (late on a loaded machine): keystrokes
    // before its provider is registered ask nobody, and VS Code does not ask again once typing stops.
    await statusItem().waitFor({ state: 'visible', timeout: 90_000 });
    s.server.setCompletion('Math.PI * r * r;');
    await openAt('area.ts', 'export function area(r: number): number {\n  \n}\n', 2);
    await s.page.keyboard.type('return ', { delay: 40 });
    // While "return" is typed, TypeScript's suggest widget is open and the ghost text extends its selected item
    // ("turn" + the suggestion, asked with "return" applied); Tab would accept the widget's item. Only once the
    // space closed the widget is the ghost text the suggestion for "return ", which Tab writes.
    const forReturnSpace = (r: { body: unknown }): boolean => /<\|fim_prefix\|>[\s\S]*area\(r: number\): number \{\n {2}return <\|fim_suffix\|>/.test((r.body as { prompt: string }).prompt);
    const shown = async (): Promise<boolean> =>
      !(await suggestWidgetOpen()) && (await ghostText()).trim().startsWith('Math.PI * r * r;') && completionRequests().some(forReturnSpace);
    // Asked as the user types, with no command: a request went out during the typing.
    await waitForOrExplain('a completion request while typing', () => completionRequests().length > 0, 20_000);
    // Seen in CI on a loaded machine: no request for "return " at all. A cause found in the provider: a call VS Code had
    // cancelled while the read gate answered went on and aborted the newer call (inlineProviderOrder.test.ts).
    await waitForOrExplain('the ghost text for "return " with the suggest widget closed', shown, 20_000);
    await s.wb.screenshot(join(shotsDir, 'completions-ghost.png'));
    await s.page.keyboard.press('Tab');
    await waitForOrExplain('the accepted suggestion in the file', async () => (await s.wb.editorText()).includes('return Math.PI * r * r;'), 10_000);
    await waitForOrExplain('the latency on the status item', async () => /\d+ ms/.test(await statusItem().innerText()), 10_000);
  });

  test('a keystroke during a slow request cancels it: the server sees the connection close', { timeout: FLOW_TIMEOUT }, async () => {
    s.server.setScenario('completion-delay', { ms: 6000 });
    await openAt('slow.ts', 'const total = \n', 1);
    const before = completionRequests().length;
    await s.page.keyboard.type('1', { delay: 40 });
    await waitForOrExplain('the slow request on the wire', () => completionRequests().length > before, 15_000);
    const slow = completionRequests()[before]!;
    await s.page.keyboard.type(' + 2', { delay: 40 });
    await waitForOrExplain('the slow request aborted at the socket', () => slow.closedEarly === true, 15_000);
    s.server.setScenario('normal');
  });

  test('a refused key turns the status item to an error; its menu offers Set API Key', { timeout: FLOW_TIMEOUT }, async () => {
    s.server.setScenario('unauthorized');
    await openAt('auth.ts', 'let value = \n', 1);
    await s.page.keyboard.type('4', { delay: 40 });
    await waitForOrExplain('the error on the status item', async () => (await statusItem().getAttribute('class'))?.includes('error-kind') || /Invalid|401|key/i.test((await statusItem().getAttribute('aria-label')) ?? ''), 20_000);
    await s.wb.screenshot(join(shotsDir, 'completions-error.png'));
    await statusItem().click();
    const row = s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Set API key' }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await s.page.keyboard.press('Escape');
    s.server.setScenario('normal');
  });
});
