// `npm start`'s own code path, headless: the Local demo (scripted fixture replies) answers a question in the
// code-server it opens, the profile persists between runs as promised, and Ctrl+C — or code-server dying
// first — leaves no process behind. It serves no stranger: a foreign Host (DNS rebinding) or a foreign Origin is
// refused by code-server's front and by the Local demo; workspace trust is on, this repository (the folder it opens
// by default) is trusted, another folder is in Restricted Mode. The screenshot is test-results/e2e/start-demo-answer.png.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, freePort, makeTempDir, makeWorkspace, removeDir } from '../harness/lib/code-server.mjs';
import { DEMO_MODELS } from '../fixtures/demoReplies';
import { rawRequest } from '../fixtures/rawRequest';
import { npmStart, type NpmStartRun } from './helpers/npmStart';
import { e2eEnvironment } from './helpers/session';
import { waitFor, Workbench } from './helpers/workbench';

const env = e2eEnvironment();
const shotsDir = join(process.cwd(), 'test-results', 'e2e');
const START_TIMEOUT = 300_000; // build + install + code-server on a busy machine
const echo = (line: string): void => { if (!line.startsWith('[code-server]')) console.log(`  [npm start] ${line}`); };

const URL_LINE = /^\s+(http:\/\/127\.0\.0\.1:(\d+)\/npm-start)$/;
const DEMO_LINE = /^\[start\] (Local demo: .+) — (http:\/\/127\.0\.0\.1:(\d+)\/v1) \(pid \d+\)$/;
const CODE_SERVER_LINE = /^\[start\] code-server \(pid (\d+)\) is listening/;

const restrictedMode = (page: Page): Locator => page.locator('.statusbar-item', { hasText: 'Restricted Mode' });

/**
 * What a page of another origin gets from npm start's servers (a DNS-rebinding page sends its own name as Host;
 * a page that connects to 127.0.0.1 sends its Origin). Each refusal has a control: the same request with the
 * printed Host is served, so the refusal is the Host's or the Origin's doing.
 */
async function strangersAreRefused(port: number, demoPort: number): Promise<void> {
  const host = `127.0.0.1:${port}`;
  const evil = `evil.example:${port}`;
  const readme = `/vscode-remote-resource?path=${encodeURIComponent(join(process.cwd(), 'package.json'))}`;
  assert.equal((await rawRequest(port, readme, { host })).status, 200, 'control: a file of the workspace with the printed Host');
  assert.equal((await rawRequest(port, readme, { host: `localhost:${port}` })).status, 200, 'control: localhost is a printed name too');

  const plain = await rawRequest(port, '/', { host: evil });
  assert.equal(plain.status, 421, 'plain HTTP with a foreign Host');
  const passwd = await rawRequest(port, '/vscode-remote-resource?path=/etc/passwd', { host: evil });
  assert.equal(passwd.status, 421, '/vscode-remote-resource with a foreign Host');
  assert.doesNotMatch(passwd.body, /root:/);

  const ws = '/?reconnectionToken=e2e-stranger&reconnection=false&skipWebSocketFrames=false';
  const own = await rawRequest(port, ws, { host, origin: `http://${host}` }, { websocket: true });
  assert.deepEqual([own.status, own.upgraded], [101, true], 'control: the workbench\'s own WebSocket handshake');
  const rebinding = await rawRequest(port, ws, { host: evil, origin: `http://${evil}` }, { websocket: true });
  assert.deepEqual([rebinding.status, rebinding.upgraded], [421, false], 'WebSocket: foreign Host and Origin (DNS rebinding)');
  const foreignPage = await rawRequest(port, ws, { host, origin: 'http://evil.example' }, { websocket: true });
  assert.deepEqual([foreignPage.status, foreignPage.upgraded], [403, false], 'WebSocket: the right Host, a foreign Origin');

  assert.equal((await rawRequest(demoPort, '/v1/models', { host: `127.0.0.1:${demoPort}` })).status, 200, 'control: the demo with its Host');
  assert.equal((await rawRequest(demoPort, '/v1/models', { host: `evil.example:${demoPort}` })).status, 421, 'the Local demo refuses a foreign Host');
}

describe('npm start: the Local demo answers offline', { skip: !env }, () => {
  let profile: string;
  let workspace: string;
  let run: NpmStartRun | undefined;
  const settingsFile = (): string => join(profile, 'user-data', 'User', 'settings.json');
  const readSettings = (): Record<string, unknown> => JSON.parse(readFileSync(settingsFile(), 'utf8')) as Record<string, unknown>;
  /** `folder: 'default'` opens what npm start opens without --folder: this repository. */
  const start = async ({ folder = 'temp' }: { folder?: 'temp' | 'default' } = {}): Promise<NpmStartRun> => {
    const port = await freePort();
    run = npmStart({
      cwd: process.cwd(),
      args: [`--port=${port}`, ...(folder === 'temp' ? [`--folder=${workspace}`] : []), `--vsix=${env!.vsix}`],
      env: { INFCHAT_START_HOST: 'code-server', INFCHAT_START_PROFILE: profile, INFCHAT_START_DEMO: 'fixture' },
      echo,
    });
    return run;
  };
  /** Waits until npm start has exited and none of the processes it started is left. */
  const nothingLeft = async (r: NpmStartRun): Promise<void> => {
    await r.exited;
    await waitFor('every process npm start started to be gone', () => r.leftovers().length === 0, 30_000).catch(() => undefined);
    assert.deepEqual(r.leftovers(), [], 'processes left behind by npm start');
  };

  before(() => {
    mkdirSync(shotsDir, { recursive: true });
    profile = makeTempDir('infchat-start-profile-');
    workspace = makeWorkspace();
  });
  after(async () => {
    if (run && run.child.exitCode === null && run.child.signalCode === null) {
      run.interrupt();
      await run.exited;
    }
    removeDir(profile);
    removeDir(workspace);
  });

  test('a new profile: the chat answers at once with the streamed demo reply in this trusted repository; strangers are refused; Ctrl+C stops everything', { timeout: START_TIMEOUT + 180_000 }, async () => {
    const r = await start({ folder: 'default' });
    const demo = await r.line(DEMO_LINE, 'the Local demo line', START_TIMEOUT);
    assert.equal(demo[1], 'Local demo: scripted fixture replies (no model needed)');
    const printed = await r.line(URL_LINE, 'the URL to open', START_TIMEOUT);
    const url = printed[1]!;
    const port = Number(printed[2]);
    assert.ok(r.lines.some((l) => l.includes('Workspace trust is on') && l.includes(process.cwd())), 'it says which folder it trusts');
    assert.ok(r.lines.some((l) => l.includes('provider "Local demo"') && l.includes('is selected')), 'it says the demo is selected');

    const settings = readSettings();
    assert.equal(settings['inferenceChat.provider'], 'localDemo');
    assert.deepEqual(settings['inferenceChat.customProviders'], [{ id: 'localDemo', name: 'Local demo', baseUrl: demo[2] }]);
    assert.deepEqual(settings['inferenceChat.models'], { localDemo: DEMO_MODELS[0].id });

    const browser = await chromium.launch({ executablePath: env!.tools.chromium, headless: true, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(url);
      const wb = new Workbench(page);
      await wb.waitForWorkbench();
      await wb.openChat();
      await wb.ask('Hello! What can you do?');
      // Streamed: the text grows while the reply is still streaming.
      const first = await waitFor('streamed demo text', async () => {
        const status = await wb.lastAssistant().getAttribute('data-status', { timeout: 1000 });
        const len = (await wb.lastAssistantText().catch(() => '')).length;
        return status === 'streaming' && len > 0 ? len : 0;
      });
      await waitFor('the streamed text to grow', async () => (await wb.lastAssistantText()).length > first);
      await wb.waitForAssistantStatus(['done'], 60_000);
      const reply = wb.lastAssistant();
      assert.match(await wb.lastAssistantText(), /Hello from the Local demo/);
      await reply.locator('h2', { hasText: 'Hello from the Local demo' }).waitFor({ state: 'visible' });
      await reply.locator('ol li').first().waitFor({ state: 'visible' });
      await waitFor('a highlighted code block', async () => (await reply.locator('[data-testid="code-block"] [class*="hljs-"]').count()) > 0);
      await waitFor('the token counts under the reply', async () => /demo\/coder-small · \d+→\d+ tokens/.test(await reply.innerText()));
      await page.mouse.move(700, 450); // no tooltip over the chat
      await page.screenshot({ path: join(shotsDir, 'start-demo-answer.png') });

      // Trust is on and this repository is trusted: no Restricted Mode (decided before the extension host started,
      // which has answered by now). Another folder is judged as anywhere else: Restricted Mode.
      assert.ok(r.lines.every((l) => !l.includes('disable-workspace-trust')), 'code-server runs with workspace trust on');
      assert.equal(await restrictedMode(page).count(), 0, 'the repository npm start opens is trusted');
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
      await wb.waitForWorkbench();
      await restrictedMode(page).first().waitFor({ state: 'visible', timeout: 60_000 });
    } finally {
      await browser.close();
    }

    await strangersAreRefused(port, Number(demo[3]));

    assert.ok(r.leftovers().length >= 3, 'the marker finds npm start and what it started (the check can see them)');
    r.interrupt();
    await nothingLeft(r);
  });

  test('the next run keeps the profile: a new port, the user\'s other providers, the demo still selected; code-server dying first stops the demo', { timeout: START_TIMEOUT + 60_000 }, async () => {
    const before = readSettings();
    const mine = { id: 'mine', name: 'My server', baseUrl: 'http://127.0.0.1:9/v1' };
    writeFileSync(settingsFile(), `// edited by hand\n${JSON.stringify({ ...before, 'inferenceChat.customProviders': [mine, ...(before['inferenceChat.customProviders'] as unknown[])] }, null, 2)}\n`);

    const r = await start();
    const demo = await r.line(DEMO_LINE, 'the Local demo line', START_TIMEOUT);
    const codeServerPid = Number((await r.line(CODE_SERVER_LINE, 'the code-server line', START_TIMEOUT))[1]);
    const after = readSettings();
    assert.deepEqual(after['inferenceChat.customProviders'], [mine, { id: 'localDemo', name: 'Local demo', baseUrl: demo[2] }]);
    assert.equal(after['inferenceChat.provider'], 'localDemo');
    const models = (await (await fetch(`${demo[2]}/models`)).json()) as { data: Array<{ id: string }> };
    assert.deepEqual(models.data.map((m) => m.id), DEMO_MODELS.map((m) => m.id), 'the demo server answers at the new port');

    process.kill(-codeServerPid, 'SIGKILL'); // code-server dies first
    const { code } = await r.exited;
    assert.notEqual(code, 0, 'npm start reports that code-server died');
    assert.ok(r.lines.some((l) => l.includes('code-server exited')), 'it says why it stopped');
    await nothingLeft(r);
  });

  test('SIGTERM to npm alone (`kill <pid>`, not the process group): start.mjs notices and stops everything', { timeout: START_TIMEOUT + 60_000 }, async () => {
    const r = await start();
    await r.line(CODE_SERVER_LINE, 'the code-server line', START_TIMEOUT);
    // npm passes the signal to its `sh -c`, which dies without passing it on: start.mjs loses its parent.
    process.kill(r.child.pid!, 'SIGTERM');
    await nothingLeft(r);
    assert.ok(r.lines.some((l) => l.includes('went away: shutting down')), 'it says why it stopped');
  });
});
