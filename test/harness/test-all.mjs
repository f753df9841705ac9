// `npm test`: every layer in order, output streamed live, then a per-layer table and one closing line
// `N passed, N failed, N skipped` (CI reads it). All layers run even after a failure; the exit code is
// non-zero if any failed.
//
//   npm test                                   all layers
//   npm test -- --only=unit,integration        a subset (static, unit, node22, integration, e2e, realserver, recorded)
//                                              (`typecheck` is an old name of `static`: tsc on every tsconfig, then ESLint)
//   TEST_ONLY=e2e npm test                     the same through the environment
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findTestFiles, parseTapSummary, pruneStaleBundles, runNodeTests, tapFailures } from './lib/node-tests.mjs';
import { ELECTRON_NODE_MAJOR, ensureNode22 } from './tools.mjs';
import { killTree } from './lib/process-tree.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const resultsDir = join(root, 'test-results');
const ALL = ['static', 'unit', 'node22', 'integration', 'e2e', 'realserver', 'recorded'];
const ALIASES = { typecheck: 'static', lint: 'static' };
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? process.env.TEST_ONLY;
const selected = onlyArg
  ? [...new Set(onlyArg.split(',').map((s) => s.trim()).filter(Boolean).map((s) => ALIASES[s] ?? s))]
  : ALL;
for (const name of selected) {
  if (!ALL.includes(name)) {
    console.error(`Unknown layer "${name}". Layers: ${ALL.join(', ')} (aliases: ${Object.keys(ALIASES).join(', ')} → static)`);
    process.exit(2);
  }
}

const banner = (text) => console.log(`\n${'='.repeat(100)}\n== ${text}\n${'='.repeat(100)}`);

/**
 * Runs a command with output streamed live; also returns stdout+stderr text for parsing. Past `deadlineMs` it is
 * stopped with everything it started, and the last lines it printed (the test that hung) are repeated.
 */
function run(cmd, args, { env = {}, capture = false, deadlineMs } = {}) {
  return new Promise((resolveRun) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let text = '';
    if (capture) {
      child.stdout.on('data', (d) => { text += d; process.stdout.write(d); });
      child.stderr.on('data', (d) => { text += d; process.stderr.write(d); });
    }
    const deadline = deadlineMs && setTimeout(() => {
      const last = text.trim().split('\n').slice(-5).join('\n    ');
      console.error(`\n!!! HUNG: ${[cmd, ...args].join(' ')} did not finish within ${deadlineMs / 60_000} min: stopping it and everything it started.${last ? ` Its last lines:\n    ${last}` : ''}\n`);
      void killTree(child.pid);
    }, deadlineMs);
    child.on('exit', (code, signal) => {
      if (deadline) clearTimeout(deadline);
      resolveRun({ code: code ?? (signal ? 1 : 0), text });
    });
  });
}

const node = process.execPath;
const MIN = 60_000;
/** The tsconfigs `npm run typecheck` checks (read from that script, so the two never drift apart). */
const TSCONFIGS = [...JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.typecheck.matchAll(/tsc --noEmit -p (\S+)/g)]
  .map((m) => m[1]);
let testsBuilt = false;
async function buildTests() {
  if (testsBuilt) return true;
  pruneStaleBundles(root); // no stale bundles of deleted tests
  const r = await run(node, ['esbuild.mjs', '--tests']);
  testsBuilt = r.code === 0;
  return testsBuilt;
}

/**
 * A node:test layer over bundled files; an empty layer counts nothing and says so. `deadlines`: per test file
 * (node's --test-timeout bounds each file) and for the whole layer, generous for a busy 2-core machine.
 */
async function nodeTestLayer(name, pattern, deadlines, env = {}) {
  if (!(await buildTests())) return { passed: 0, failed: 1, skipped: 0, note: 'test build failed' };
  const files = findTestFiles(root, pattern);
  if (files.length === 0) {
    console.log(`!!! ${name}: no test files match ${pattern} — nothing ran`);
    return { passed: 0, failed: 0, skipped: 0, note: 'no test files' };
  }
  const { exitCode, counts } = await runNodeTests({ cwd: root, files, tapFile: join(resultsDir, `${name}.tap`), env, label: `the ${name} layer`, ...deadlines });
  if (exitCode !== 0 && counts.failed === 0) return { ...counts, failed: 1, note: `exit ${exitCode}` };
  return counts;
}

/**
 * The unit tests that run again on Node 22, desktop VS Code's Electron Node (the unit layer runs on this Node, 20+):
 * the API client's hang, abort, timeout and limit tests (fetch, zlib and streams differ between the two) and the
 * history's file handling. About 30 s.
 */
const NODE22_TESTS = 'out/test/unit/{api/{hangs,abortTimeout,limits,streaming,models,apiError,retry,completionsErrors},history/readErrors}.test.js';

const layers = {
  async static() {
    // One tsc run per tsconfig (host: Node, no DOM; webview: DOM, no Node; tests: both), as `npm run typecheck`,
    // then ESLint (layer rules, promise checks), as `npm run lint`. Each check that fails counts as one failure.
    if (TSCONFIGS.length === 0) return { passed: 0, failed: 1, skipped: 0, note: 'no tsc -p in the typecheck script' };
    const checks = [
      ...TSCONFIGS.map((project) => ({ name: `tsc -p ${project}`, args: [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', project] })),
      { name: 'eslint', args: [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.'] },
    ];
    const failed = [];
    for (const check of checks) {
      console.log(`--- ${check.name}`);
      const r = await run(node, check.args);
      if (r.code !== 0) failed.push(check.name);
    }
    return { passed: checks.length - failed.length, failed: failed.length, skipped: 0,
      note: failed.length ? `failed: ${failed.join(', ')}` : 'tsc and eslint clean' };
  },
  unit: () => nodeTestLayer('unit', 'out/test/unit/**/*.test.js', { fileTimeoutMs: 5 * MIN, runTimeoutMs: 30 * MIN }),
  async node22() {
    const got = ensureNode22();
    if (!got.node) {
      console.log(`\n!!! node22: SKIPPED — Node ${ELECTRON_NODE_MAJOR} could not be installed (${got.reason}); the API client was NOT tested on desktop VS Code's Node !!!\n`);
      return { passed: 0, failed: 0, skipped: 1, note: `SKIPPED: no Node ${ELECTRON_NODE_MAJOR} (${got.reason})` };
    }
    if (!(await buildTests())) return { passed: 0, failed: 1, skipped: 0, note: 'test build failed' };
    const files = findTestFiles(root, NODE22_TESTS);
    if (files.length === 0) return { passed: 0, failed: 1, skipped: 0, note: `no test files match ${NODE22_TESTS}` };
    console.log(`--- ${files.length} files on ${got.version} (${got.node})`);
    const tapFile = join(resultsDir, 'node22.tap');
    rmSync(tapFile, { force: true });
    const { exitCode, counts } = await runNodeTests({
      cwd: root, files, tapFile, nodeBinary: got.node, label: 'the node22 layer', fileTimeoutMs: 3 * MIN, runTimeoutMs: 10 * MIN,
    });
    return { note: `on ${got.version}`, ...counts, ...(exitCode !== 0 && counts.failed === 0 ? { failed: 1 } : {}) };
  },
  async integration() {
    if (!(await buildTests())) return { passed: 0, failed: 1, skipped: 0, note: 'test build failed' };
    // Mocha gives each test 30 s and run-integration.mjs the run 10 min; this bounds the layer even if the host hangs first.
    const r = await run(node, ['test/harness/run-integration.mjs', '--no-build'], { capture: true, deadlineMs: 20 * MIN });
    const lines = r.text.split('\n').filter((l) => l.startsWith('INTEGRATION-SUMMARY '));
    let s;
    try { s = JSON.parse(lines.at(-1)?.slice('INTEGRATION-SUMMARY '.length) ?? ''); } catch { s = undefined; }
    const counts = { passed: s?.passes ?? 0, failed: s?.failures ?? 0, skipped: s?.pending ?? 0 };
    if (r.code !== 0 && counts.failed === 0) counts.failed = 1; // the run itself broke (host crash, timeout)
    // Mocha's own list of failures (from "N failing" on), repeated at the end where CI's tail shows it.
    const failing = r.text.split('\n');
    const from = failing.findIndex((l) => /^\s+\d+ failing/.test(l));
    if (from >= 0) counts.failures = failing.slice(from, from + 60).filter((l) => !l.startsWith('INTEGRATION-SUMMARY ')).join('\n');
    return counts;
  },
  async e2e() {
    const pkg = await run('npm', ['run', '--silent', 'package']);
    if (pkg.code !== 0) return { passed: 0, failed: 1, skipped: 0, note: 'npm run package failed' };
    if (!(await buildTests())) return { passed: 0, failed: 1, skipped: 0, note: 'test build failed' };
    // run-e2e.mjs bounds each flow, each file and the run; this bounds the layer even if the tools' set-up hangs.
    const r = await run(node, ['test/harness/run-e2e.mjs', '--no-build', `--tap=${join(resultsDir, 'e2e.tap')}`], { deadlineMs: 75 * MIN });
    const tapFile = join(resultsDir, 'e2e.tap');
    const counts = (existsSync(tapFile) && parseTapSummary(readFileSync(tapFile, 'utf8'))) || { passed: 0, failed: 0, skipped: 0 };
    if (r.code !== 0 && counts.failed === 0) counts.failed = 1;
    return counts;
  },
  realserver: () => nodeTestLayer('realserver', 'out/test/realserver/**/*.test.js', { fileTimeoutMs: 10 * MIN, runTimeoutMs: 30 * MIN }),
  recorded: () => nodeTestLayer('recorded', 'out/test/recorded/**/*.test.js', { fileTimeoutMs: 3 * MIN, runTimeoutMs: 15 * MIN }),
};

mkdirSync(resultsDir, { recursive: true });
const started = Date.now();
const rows = [];
for (const name of selected) {
  banner(`layer: ${name}`);
  const t0 = Date.now();
  let counts;
  try {
    counts = await layers[name]();
  } catch (err) {
    console.error(err);
    counts = { passed: 0, failed: 1, skipped: 0, note: 'crashed' };
  }
  rows.push({ name, ...counts, seconds: Math.round((Date.now() - t0) / 1000) });
}

// What failed and why, just above the summary: CI keeps only the tail of a long output.
const failed = rows.filter((r) => r.failed > 0);
if (failed.length) {
  banner('what failed');
  for (const r of failed) {
    const tap = join(resultsDir, `${r.name}.tap`);
    const listed = r.failures ?? (existsSync(tap) ? tapFailures(readFileSync(tap, 'utf8')).map((f) => `✖ ${f.name}\n${f.message.replace(/^/gm, '    ')}`).join('\n') : '');
    console.log(`--- ${r.name}\n${listed || '(no failure list: see the layer\'s output above)'}`);
  }
}

banner(`summary (${Math.round((Date.now() - started) / 1000)} s)`);
const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad('layer', 12)}${pad('passed', 8)}${pad('failed', 8)}${pad('skipped', 9)}${pad('time', 7)}note`);
for (const r of rows) {
  console.log(`${pad(r.name, 12)}${pad(r.passed, 8)}${pad(r.failed, 8)}${pad(r.skipped, 9)}${pad(`${r.seconds}s`, 7)}${r.failed ? 'FAILED ' : ''}${r.note ?? ''}`);
}
const total = rows.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }),
  { passed: 0, failed: 0, skipped: 0 });
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
