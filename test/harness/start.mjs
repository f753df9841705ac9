// `npm start`: try the extension in a real VS Code.
//   - With a desktop `code` on PATH (and INFCHAT_START_HOST != code-server): opens it with --extensionDevelopmentPath=.
//   - Otherwise: builds, packages, installs the .vsix into a local code-server on 127.0.0.1 and prints the URL.
// Profile (keys live in the browser's SecretStorage; settings here) and extensions persist in the tools cache,
// so they survive restarts. Stays in the foreground until Ctrl+C, then stops code-server.
//
//   npm start [-- --port=8765] [-- --folder=/path/to/open]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTools, toolsRoot } from './tools.mjs';
import { cleanupOnExit, installVsix, startCodeServer, writeUserSettings } from './lib/code-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const port = arg('port') ? Number(arg('port')) : 8765;
const folder = resolve(arg('folder') ?? root);

const hasDesktopCode = spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasDesktopCode && process.env.INFCHAT_START_HOST !== 'code-server') {
  console.log('[start] building, then opening desktop VS Code with this folder as the extension under development');
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, folder], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const tools = ensureTools();
  console.log('[start] packaging the extension');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });

  const profile = join(toolsRoot(), 'start-profile');
  const userDataDir = join(profile, 'user-data');
  const extensionsDir = join(profile, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  if (!existsSync(join(userDataDir, 'User', 'settings.json'))) writeUserSettings(userDataDir);
  installVsix(tools, { vsix: join(root, 'dist', 'inference-chat.vsix'), userDataDir, extensionsDir });

  const cleanup = cleanupOnExit();
  const server = await startCodeServer(tools, { userDataDir, extensionsDir, workspace: folder, port, echo: true });
  cleanup.add(() => server.stop());
  console.log(`\n  Inference Chat is installed in VS Code (code-server) at:\n\n    ${server.url}/?folder=${encodeURIComponent(folder)}\n`);
  console.log(`  Profile: ${profile} (kept between runs). Press Ctrl+C to stop.\n`);
  // Stay in the foreground until Ctrl+C (cleanupOnExit stops code-server then), or until code-server dies.
  const { code, signal } = await server.exited;
  console.error(`[start] code-server exited (${code ?? signal}); last output:\n${server.output.slice(-20).join('\n')}`);
  await cleanup.runAll();
  process.exit(1);
}
