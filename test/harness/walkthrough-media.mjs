// Takes the walkthrough's step images, media/walkthrough/*.png, from the real UI (test/e2e/media/walkthroughMedia.ts):
// packages the extension, builds the script, runs it against code-server in headless Chromium. Run once after a UI
// change, look at every image, commit them.
//   node test/harness/walkthrough-media.mjs [--no-package]
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTools } from './tools.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tools = ensureTools();
if (!process.argv.includes('--no-package')) {
  console.log('[media] packaging the extension (npm run package)');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });
}
execFileSync(process.execPath, ['esbuild.mjs', '--tests', '--only=test/e2e'], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, ['--enable-source-maps', join(root, 'out', 'test', 'e2e', 'media', 'walkthroughMedia.js')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, E2E_TOOLS: JSON.stringify(tools), E2E_VSIX: join(root, 'dist', 'inference-chat.vsix') },
});
console.log('[media] done: look at each image in media/walkthrough/ before committing');
