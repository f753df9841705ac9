// Starting and stopping a real VS Code (code-server) and headless Chromium on 127.0.0.1, shared by
// run-integration, run-e2e (through test/e2e) and start. No import.meta here: test/e2e bundles this
// file into CommonJS with esbuild.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLoopbackFront } from './loopback-front.mjs';

/** The quiet user settings every run starts from (no start page, no AI features, no network look-ups). */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.disableAIFeatures': true,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  'window.restoreWindows': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export function makeTempDir(prefix) {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes the user settings.json code-server reads from `<userDataDir>/User/settings.json`. */
export function writeUserSettings(userDataDir, extra = {}) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'settings.json');
  writeFileSync(file, JSON.stringify({ ...QUIET_SETTINGS, ...extra }, null, 2));
  return file;
}

/** A workspace folder with a couple of source files that tests open and select. */
export function makeWorkspace() {
  const dir = makeTempDir('infchat-ws-');
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'src', 'sample.ts'), [
    '// A small file the tests open and select.',
    'export function fibonacci(n: number): number {',
    '  if (n < 2) return n;',
    '  return fibonacci(n - 1) + fibonacci(n - 2);',
    '}',
    '',
    'export const greeting = (name: string): string => `Hello, ${name}!`;',
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'src', 'util.py'), [
    'def mean(values):',
    '    """Average of a non-empty list."""',
    '    return sum(values) / len(values)',
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'README.md'), '# Test workspace\n\nFiles for Inference Chat tests.\n');
  return dir;
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** Installs a .vsix into an extensions dir with code-server's own CLI. */
export function installVsix(tools, { vsix, userDataDir, extensionsDir }) {
  execFileSync(tools.node24, [tools.codeServer, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--install-extension', vsix, '--force'], {
    stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, EXTENSIONS_GALLERY: '{}' },
  });
}

/**
 * Starts code-server in its own process group and resolves once it listens. `onSpawn(pid)` is called right after
 * the spawn: the process group to kill if the caller is interrupted before this resolves.
 * code-server listens on a unix socket in a private temp folder; the browser talks to loopback-front.mjs on
 * 127.0.0.1:`port`, which lets through only requests for the loopback names with that port (no DNS rebinding,
 * no foreign Origin) and answers `routes` itself. Workspace trust stays on: the caller trusts its folder in the
 * browser (workspace-trust.mjs), as a user would.
 * @returns {Promise<{url: string, port: number, pid: number, output: string[], onLine: (fn: (line: string) => void) => void, stop: () => Promise<void>, exited: Promise<{code: number|null, signal: string|null}>}>}
 */
export async function startCodeServer(tools, { userDataDir, extensionsDir, workspace, smokeTestDriver = false, port, echo = false, env = {}, onSpawn, locale, routes }) {
  const output = [];
  const listeners = [];
  const onLine = (line) => {
    output.push(line);
    if (echo) console.log(`[code-server] ${line}`);
    for (const fn of listeners) fn(line);
  };
  const socketDir = makeTempDir('infchat-cs-'); // mkdtemp: 0700, so only this user reaches the socket
  const socketPath = join(socketDir, 'code-server.sock');
  // The front first: a taken port fails at once, not after code-server's start-up.
  // A refusal is always told (stderr unless echoed): a stranger's attempt, or a request the workbench should not make.
  const onRefused = (line) => { if (!echo) console.error(`[code-server front] ${line}`); onLine(`[front] ${line}`); };
  const front = await startLoopbackFront({ port: port ?? 0, socketPath, routes, onRefused })
    .catch((err) => { removeDir(socketDir); throw err; });
  const args = [tools.codeServer, '--auth', 'none', '--socket', socketPath,
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    '--ignore-last-opened'];
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  // The display language (e.g. 'de'): VS Code's own strings need a language pack, an extension's bundles do not.
  if (locale) args.push('--locale', locale);
  if (workspace) args.push(workspace);

  const child = spawn(tools.node24, args, {
    detached: true, // own process group: stop() kills code-server and everything it started
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EXTENSIONS_GALLERY: '{}', ...env },
  });
  onSpawn?.(child.pid); // so a caller can stop it even before it listens (Ctrl+C during start-up)
  let exited = false;
  const exitPromise = new Promise((resolve) => child.once('exit', (code, signal) => { exited = true; resolve({ code, signal }); }));
  let frontClosed;
  const closeFront = () => (frontClosed ??= front.close().then(() => removeDir(socketDir)));
  // code-server gone (killed, crashed): nothing left to serve, free the port.
  void exitPromise.then(closeFront);
  const onData = (chunk) => {
    for (const line of chunk.toString('utf8').split(/\r?\n/)) if (line) onLine(line);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  const stop = async () => {
    if (exited) return closeFront();
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    const killTimer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5_000);
    await exitPromise;
    clearTimeout(killTimer);
    // Children that ignored SIGTERM (extension host, pty host) go with the group.
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    await closeFront();
  };

  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${output.join('\n')}`)), 60_000);
    listeners.push((line) => { if (line.includes('HTTP server listening on')) { clearTimeout(timer); resolve(); } });
    exitPromise.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${output.join('\n')}`)); });
  });
  return { url: `http://127.0.0.1:${front.port}`, port: front.port, pid: child.pid, output, onLine: (fn) => listeners.push(fn), stop, exited: exitPromise };
}

/** Launches Debian's Chromium headless through playwright-core. */
export async function launchChromium(playwright, tools, { headless = true } = {}) {
  return playwright.chromium.launch({ executablePath: tools.chromium, headless, args: CHROMIUM_ARGS });
}

/** Runs cleanups once, on normal exit, failures and Ctrl+C. */
export function cleanupOnExit() {
  const fns = [];
  let done = false;
  const runAll = async () => {
    if (done) return;
    done = true;
    for (const fn of fns.reverse()) {
      try { await fn(); } catch (err) { console.error(`[cleanup] ${err instanceof Error ? err.message : String(err)}`); }
    }
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => { console.error(`\n[${sig}] shutting down…`); runAll().finally(() => process.exit(130)); });
  }
  return { add: (fn) => fns.push(fn), runAll };
}

export function removeDir(dir) {
  try { rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ }
}
