// Runs the end-to-end flows (test/e2e/**/*.test.ts, node:test + playwright-core) against the packaged
// extension: dist/inference-chat.vsix installed into a fresh code-server profile, driven in headless Chromium.
//
//   node test/harness/run-e2e.mjs [--package] [--no-build] [--grep <pattern>] [--tap=<file>]
//     --package   run `npm run package` first (otherwise only when the .vsix is missing)
//     --grep      only the flows whose name matches (node --test-name-pattern)
// Screenshots land in test-results/e2e/.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findTestFiles, runNodeTests } from './lib/node-tests.mjs';
import { ensureTools } from './tools.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const vsix = join(root, 'dist', 'inference-chat.vsix');
const argv = process.argv.slice(2);
const grepIndex = argv.indexOf('--grep');
const grep = grepIndex >= 0 ? argv[grepIndex + 1] : process.env.E2E_GREP;
const tapFile = argv.find((a) => a.startsWith('--tap='))?.slice('--tap='.length) ?? join(root, 'test-results', 'e2e.tap');

const tools = ensureTools();
if (argv.includes('--package') || !existsSync(vsix)) {
  console.log('[e2e] packaging the extension (npm run package)');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });
}
if (!argv.includes('--no-build')) {
  execFileSync(process.execPath, ['esbuild.mjs', '--tests', '--only=test/e2e'], { cwd: root, stdio: 'inherit' });
}
const files = findTestFiles(root, 'out/test/e2e/**/*.test.js');
if (files.length === 0) {
  console.error('[e2e] no test files in out/test/e2e');
  process.exit(1);
}
rmSync(join(root, 'test-results', 'e2e'), { recursive: true, force: true });
console.log(`[e2e] host: code-server + headless Chromium (tools in ${tools.dir}), extension from ${vsix}`);
const { exitCode, counts } = await runNodeTests({
  cwd: root,
  files,
  tapFile,
  env: { E2E_TOOLS: JSON.stringify(tools), E2E_VSIX: vsix },
  // One flow at a time: they share one workbench session, like a user does.
  extraArgs: ['--test-concurrency=1', ...(grep ? [`--test-name-pattern=${grep}`] : [])],
  // Each flow has its own deadline (≤ 5 min); these bound a file (its session's start and stop included) and the run.
  fileTimeoutMs: 25 * 60_000,
  runTimeoutMs: 60 * 60_000,
  label: 'the e2e flows',
});
console.log(`[e2e] ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped — screenshots in test-results/e2e/`);
process.exit(exitCode === 0 && counts.failed === 0 ? 0 : 1);
