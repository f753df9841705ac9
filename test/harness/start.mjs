// `npm start`: try the extension in a real VS Code that answers at once, offline, with no key.
//   1. Starts the Local demo, an OpenAI-compatible server on 127.0.0.1 (lib/local-demo.mjs): llama-server with a
//      small model when LLAMA_SERVER and LLAMA_GGUF are set, otherwise the fixture server's scripted demo replies.
//   2. Puts it into the start profile's user settings as the provider "Local demo" (lib/start-profile.mjs).
//   3. Opens VS Code on that profile:
//      - a desktop `code` on PATH (and INFCHAT_START_HOST != code-server): `code --user-data-dir … --extensions-dir …
//        --extensionDevelopmentPath=.`, a profile of its own, so your VS Code profile, providers and keys are untouched;
//      - otherwise: packages the .vsix, installs it into a local code-server and prints the URL. code-server listens
//        on a private unix socket behind a front on 127.0.0.1 that serves only the loopback names with this port
//        (lib/loopback-front.mjs: no DNS rebinding, no foreign Origin). Workspace trust stays on: the printed URL
//        first trusts this repository's folder (the default one) in that browser (lib/workspace-trust.mjs); a
//        --folder or any folder opened later is judged by VS Code as anywhere else.
// The profile lives in ${INFCHAT_START_PROFILE:-<tools cache>/start-profile} and persists between runs. Stays in the
// foreground until Ctrl+C (SIGINT/SIGTERM), then stops everything it started; also when code-server dies first.
//
//   npm start [-- --port=8765] [-- --folder=/path/to/open] [-- --vsix=dist/inference-chat.vsix (skip packaging)]
//   env: LLAMA_SERVER, LLAMA_GGUF, LLAMA_ALIAS; INFCHAT_START_DEMO=fixture|llama; INFCHAT_START_HOST=code-server;
//        INFCHAT_START_PROFILE=<dir>
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTools, toolsRoot } from './tools.mjs';
import { cleanupOnExit, installVsix, startCodeServer } from './lib/code-server.mjs';
import { serveTrustPage } from './lib/workspace-trust.mjs';
import { DEMO_PROVIDER_NAME, startLocalDemo } from './lib/local-demo.mjs';
import { updateStartSettings } from './lib/start-profile.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const port = arg('port') ? Number(arg('port')) : 8765;
const folder = resolve(arg('folder') ?? root);
// Trusted by npm start: its own repository, the folder it opens by default. A --folder is the user's to judge.
const trustedFolders = folder === root ? [root] : [];
const OPEN_PATH = '/npm-start'; // the printed URL: trusts trustedFolders in this browser, then opens the workbench
const vsixArg = arg('vsix');
const profile = resolve(process.env.INFCHAT_START_PROFILE || join(toolsRoot(), 'start-profile'));
const log = (msg) => console.log(`[start] ${msg}`);
const t0 = Date.now();
const elapsed = () => `${Math.round((Date.now() - t0) / 1000)} s`;

const hasDesktopCode = process.env.INFCHAT_START_HOST !== 'code-server'
  && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
const cleanup = cleanupOnExit();
let stopping = false; // Ctrl+C also reaches the demo server directly: its exit is then no news
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(sig, () => { stopping = true; });

/** Everything else start.mjs prints, in one place. */
const TEXT = {
  building: 'building the extension and the Local demo server',
  packaging: 'packaging the extension (.vsix)',
  installing: 'installing the .vsix into the start profile',
  startingCodeServer: 'starting code-server',
  openingDesktop: 'opening desktop VS Code with this folder as the extension under development',
  settingsUnreadable: (file, error) =>
    `could not read ${file} (${error}); left it as it is. Add the provider "${DEMO_PROVIDER_NAME}" by hand to use the demo.`,
  demoSelected: (url) => `provider "${DEMO_PROVIDER_NAME}" (${url}) is selected in this profile`,
  demoAvailable: (url, provider) =>
    `provider "${DEMO_PROVIDER_NAME}" (${url}) is available; this profile keeps ${provider ? `its provider "${provider}"` : 'the default provider, Prime Intellect'} (Switch Provider… to use the demo)`,
  profile: `Profile: ${profile} (kept between runs; your own VS Code profile, providers and keys are not touched)`,
  ready: (url) => `\n  Inference Chat is installed in VS Code (code-server) at:\n\n    ${url}\n`,
  trust: trustedFolders.length
    ? `  Workspace trust is on; opening this URL trusts ${root} (this repository) in that browser.`
    : `  Workspace trust is on: VS Code asks whether you trust ${folder} (Restricted Mode until you do).`,
  trustTurnedOn: 'workspace trust is on again in this profile (an earlier npm start had turned it off)',
  desktopReady: '\n  Inference Chat opened in a desktop VS Code window.\n',
  howTo: '  Open "Inference Chat" in the activity bar and ask a question. The walkthrough: Command Palette → "Welcome: Open Walkthrough…" → "Get started with Inference Chat".',
  stop: '  Press Ctrl+C to stop (the Local demo server and VS Code).\n',
  codeServerDied: (how, lines) => `code-server exited (${how}); last output:\n${lines}`,
  demoDied: (how) => `the Local demo server exited (${how}): the chat cannot answer until you restart npm start.`,
  desktopFailed: (code) => `\`code\` exited with ${code}`,
  parentGone: 'the process that started this one (npm, the terminal) went away: shutting down…',
};

// `kill <npm's pid>` ends npm and its `sh -c`, not this process: stop as well when the parent goes away.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid === parentPid || stopping) return;
  stopping = true;
  log(TEXT.parentGone);
  void cleanup.runAll().finally(() => process.exit(129));
}, 1000).unref();

// 1. Tools (code-server path only; the first run installs them, ≈3–5 min), the build, the Local demo.
const tools = hasDesktopCode ? undefined : ensureTools();
log(TEXT.building);
execFileSync(process.execPath, ['esbuild.mjs', '--tests', '--only=test/fixtures'], { cwd: root, stdio: 'inherit' });
if (tools && !vsixArg) {
  log(TEXT.packaging);
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });
}
const demo = await startLocalDemo({ root });
cleanup.add(() => { stopping = true; return demo.stop(); });
log(`${demo.label} — ${demo.baseUrl} (pid ${demo.pid})`);
demo.exited.then(({ code, signal }) => { if (!stopping) log(TEXT.demoDied(code ?? signal)); });

// 2. The profile's user settings.
const userDataDir = join(profile, hasDesktopCode ? 'desktop-user-data' : 'user-data');
const extensionsDir = join(profile, hasDesktopCode ? 'desktop-extensions' : 'extensions');
mkdirSync(extensionsDir, { recursive: true });
const settings = updateStartSettings(userDataDir, demo);
if ('error' in settings) log(TEXT.settingsUnreadable(settings.file, settings.error));
else {
  log(settings.selected ? TEXT.demoSelected(demo.baseUrl) : TEXT.demoAvailable(demo.baseUrl, settings.settings['inferenceChat.provider']));
  if (settings.trustTurnedOn) log(TEXT.trustTurnedOn);
}

// 3. VS Code.
if (hasDesktopCode) {
  log(TEXT.openingDesktop);
  const child = spawn('code', ['--new-window', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    `--extensionDevelopmentPath=${root}`, folder], { stdio: 'inherit' });
  child.on('exit', async (code) => {
    if (code === 0) return; // the CLI hands the window over and returns; the demo keeps serving it
    log(TEXT.desktopFailed(code));
    await cleanup.runAll();
    process.exit(code ?? 1);
  });
  console.log(TEXT.desktopReady);
  console.log(TEXT.howTo);
  console.log(`  ${TEXT.profile}`);
  console.log(TEXT.stop);
  setInterval(() => undefined, 1 << 30); // stay in the foreground until Ctrl+C
} else {
  log(TEXT.installing);
  installVsix(tools, { vsix: resolve(vsixArg ?? join(root, 'dist', 'inference-chat.vsix')), userDataDir, extensionsDir });
  log(TEXT.startingCodeServer);
  let spawnedPid;
  let server;
  // Stops code-server also when Ctrl+C comes before it listens.
  cleanup.add(async () => {
    if (server) await server.stop();
    else if (spawnedPid) try { process.kill(-spawnedPid, 'SIGKILL'); } catch { /* gone */ }
  });
  const workbench = `./?folder=${encodeURIComponent(folder)}`;
  server = await startCodeServer(tools, {
    userDataDir, extensionsDir, workspace: folder, port, echo: true, onSpawn: (pid) => { spawnedPid = pid; },
    routes: { [OPEN_PATH]: (_req, res) => serveTrustPage(res, { folders: trustedFolders, next: workbench }) },
  });
  log(`code-server (pid ${server.pid}) is listening after ${elapsed()}`);
  console.log(TEXT.ready(`${server.url}${OPEN_PATH}`));
  console.log(TEXT.trust);
  console.log(TEXT.howTo);
  console.log(`  ${TEXT.profile}`);
  console.log(TEXT.stop);
  // In the foreground until Ctrl+C (cleanupOnExit stops everything then), or until code-server dies.
  const { code, signal } = await server.exited;
  if (stopping) await new Promise(() => undefined); // Ctrl+C stopped it: the signal handler exits
  stopping = true;
  console.error(`[start] ${TEXT.codeServerDied(code ?? signal, server.output.slice(-20).join('\n'))}`);
  await cleanup.runAll();
  process.exit(1);
}
