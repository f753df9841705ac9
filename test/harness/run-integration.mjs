// Runs the integration suites (test/integration/suite/*.test.ts, mocha tdd ui) inside a real VS Code
// extension host, and exits non-zero on any failure.
//
//   node test/harness/run-integration.mjs [--grep <pattern>] [--no-build]
//
// Host, in this order:
//   - desktop VS Code through @vscode/test-electron, when VSCODE_EXECUTABLE_PATH is set or INTEGRATION_HOST=electron;
//   - otherwise code-server (VS Code's server + web workbench) driven by headless Chromium, with the smoke-test
//     driver option so the workbench honours the development payload (extensionDevelopmentPath/extensionTestsPath).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { ensureTools, loadPlaywright } from './tools.mjs';
import { pruneStaleBundles } from './lib/node-tests.mjs';
import {
  cleanupOnExit, installVsix, launchChromium, makeTempDir, makeWorkspace, removeDir, startCodeServer, writeUserSettings,
} from './lib/code-server.mjs';
import { trustFoldersScript } from './lib/workspace-trust.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const testsEntry = join(root, 'out', 'test', 'integration', 'index.js');
// A manifest-only extension that contributes the language model tool the suites register (see its README).
const toolExtension = join(root, 'test', 'integration', 'tool-extension');

/** Packages the tool extension (code-server's web workbench takes one development path only, so it is installed). */
function packageToolExtension(dir) {
  const vsix = join(dir, 'integration-tools.vsix');
  execFileSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix], {
    cwd: toolExtension,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return vsix;
}
const SUMMARY_PREFIX = 'INTEGRATION-SUMMARY ';
// Workbench chatter that says nothing about the tests (shown with INTEGRATION_VERBOSE=1).
const NOISE = /^(Ignoring fetching additional builtin extensions|Creating a socket|Resolv(ing|ed) connection token|\[reconnection-grace-time\]|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\]|No search provider registered)/;
const RUN_TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 10 * 60_000);

const argv = process.argv.slice(2);
const grepIndex = argv.indexOf('--grep');
const grep = grepIndex >= 0 ? argv[grepIndex + 1] : process.env.INTEGRATION_GREP;

/** Environment handed to the extension host (and so to the suites). */
function extensionEnv() {
  const env = { INFCHAT_INTEGRATION: '1' };
  if (grep) env.INTEGRATION_GREP = grep;
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && (k.startsWith('INFCHAT_') || k === 'PROVIDER_STREAMS_DIR')) env[k] = v;
  }
  return env;
}

function build() {
  pruneStaleBundles(root);
  if (argv.includes('--no-build')) return;
  console.log('[integration] building extension and test bundles');
  execFileSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: root, stdio: 'inherit' });
}

async function runWithElectron(workspace) {
  console.log(`[integration] host: desktop VS Code via @vscode/test-electron${process.env.VSCODE_EXECUTABLE_PATH ? ` (${process.env.VSCODE_EXECUTABLE_PATH})` : ' (download)'}`);
  const { runTests } = await import('@vscode/test-electron');
  const userDataDir = makeTempDir('infchat-it-user-');
  writeUserSettings(userDataDir);
  try {
    await runTests({
      ...(process.env.VSCODE_EXECUTABLE_PATH ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH } : {}),
      extensionDevelopmentPath: [root, toolExtension],
      extensionTestsPath: testsEntry,
      extensionTestsEnv: extensionEnv(),
      // Desktop VS Code keeps trusted folders in its own storage database (SQLite), which this harness cannot write
      // on Node 20 and which cannot be tried here (no desktop VS Code); so this host still turns trust off. The
      // code-server host (the default) keeps trust on and trusts the workspace in the browser.
      launchArgs: [workspace, `--user-data-dir=${userDataDir}`, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
    return { ok: true };
  } catch (err) {
    console.error(`[integration] ${err instanceof Error ? err.message : String(err)}`);
    return { ok: false };
  } finally {
    removeDir(userDataDir);
  }
}

async function runWithCodeServer(workspace, cleanup) {
  const tools = ensureTools();
  console.log(`[integration] host: code-server (VS Code web workbench) + headless Chromium, tools in ${tools.dir}`);
  const userDataDir = makeTempDir('infchat-it-user-');
  const extensionsDir = makeTempDir('infchat-it-ext-');
  cleanup.add(() => { removeDir(userDataDir); removeDir(extensionsDir); });
  writeUserSettings(userDataDir);
  const toolsVsixDir = makeTempDir('infchat-it-tools-');
  cleanup.add(() => removeDir(toolsVsixDir));
  installVsix(tools, { vsix: packageToolExtension(toolsVsixDir), userDataDir, extensionsDir });

  const server = await startCodeServer(tools, { userDataDir, extensionsDir, workspace, smokeTestDriver: true });
  cleanup.add(() => server.stop());
  console.log(`[integration] code-server listening on ${server.url}`);

  // A crashed extension host looks like a clean exit to the browser; code-server's own log tells.
  let hostExitCode;
  const hostExited = new Promise((resolveExit) => {
    server.onLine((line) => {
      const m = /Extension Host Process exited with code: (-?\d+|null)/.exec(line);
      if (m) { hostExitCode = m[1] === 'null' ? -1 : Number(m[1]); resolveExit(hostExitCode); }
    });
  });

  const playwright = await loadPlaywright(tools);
  const browser = await launchChromium(playwright, tools);
  cleanup.add(() => browser.close());
  const page = await browser.newPage();
  // Workspace trust is on; the suites' workspace is trusted in this browser before the workbench starts.
  await page.addInitScript({ content: trustFoldersScript([workspace]) });

  let summary;
  const finished = new Promise((resolveRun) => {
    page.exposeFunction('codeAutomationLog', (_level, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      for (const line of text.split('\n')) {
        const idx = line.indexOf(SUMMARY_PREFIX);
        if (idx >= 0) {
          try { summary = JSON.parse(line.slice(idx + SUMMARY_PREFIX.length)); } catch { /* printed anyway */ }
        }
      }
      if (process.env.INTEGRATION_VERBOSE || !NOISE.test(text)) console.log(text);
    }).catch(() => {});
    page.exposeFunction('codeAutomationExit', (code) => { resolveRun({ code: Number(code) }); }).catch(() => {});
  });
  page.on('pageerror', (err) => console.error(`[workbench] ${err.message}`));

  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://remote${root}`],
    ['extensionTestsPath', `vscode-remote://remote${testsEntry}`],
    ['extensionEnvironment', JSON.stringify(extensionEnv())],
    ['skipWelcome', 'true'],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);

  const timeout = new Promise((r) => { const t = setTimeout(() => r({ timeout: true }), RUN_TIMEOUT_MS); t.unref(); });
  // Exit 0 from the workbench is trusted only if the extension host did not crash.
  const crashed = hostExited.then((code) => (code !== 0 ? { crashed: code } : new Promise(() => {})));
  const result = await Promise.race([finished, crashed, timeout]);
  if (result.timeout) {
    console.error(`[integration] no result within ${RUN_TIMEOUT_MS / 1000} s`);
    return { ok: false, summary };
  }
  if (result.crashed !== undefined) {
    console.error(`[integration] the extension host exited with code ${result.crashed}`);
    return { ok: false, summary };
  }
  if (hostExitCode !== undefined && hostExitCode !== 0) {
    console.error(`[integration] the extension host exited with code ${hostExitCode}`);
    return { ok: false, summary };
  }
  return { ok: result.code === 0, summary };
}

async function main() {
  const cleanup = cleanupOnExit();
  const started = Date.now();
  let outcome = { ok: false };
  try {
    build();
    if (!existsSync(testsEntry)) throw new Error(`${testsEntry} was not built`);
    const workspace = makeWorkspace();
    cleanup.add(() => removeDir(workspace));
    const useElectron = Boolean(process.env.VSCODE_EXECUTABLE_PATH) || process.env.INTEGRATION_HOST === 'electron';
    outcome = useElectron ? await runWithElectron(workspace) : await runWithCodeServer(workspace, cleanup);
  } catch (err) {
    console.error(`[integration] ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  } finally {
    await cleanup.runAll();
  }
  const s = outcome.summary ?? { passes: 0, failures: outcome.ok ? 0 : 1, pending: 0 };
  console.log(`${SUMMARY_PREFIX}${JSON.stringify({ ...s, ok: outcome.ok, seconds: Math.round((Date.now() - started) / 1000) })}`);
  console.log(outcome.ok ? '[integration] PASSED' : '[integration] FAILED');
  process.exit(outcome.ok ? 0 : 1);
}

await main();
