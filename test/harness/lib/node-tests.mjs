// Runs bundled node:test files with a human reporter on stdout and a TAP copy in a file, and reads the
// counts back from the TAP summary (`# pass N`, `# fail N`, ...).
import { spawn } from 'node:child_process';
import * as fsSync from 'node:fs';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { globSync } from 'glob';
import { killTree } from './process-tree.mjs';

const hangReporter = join(dirname(fileURLToPath(import.meta.url)), 'hang-reporter.mjs');

/** The test files under `dir` (Node 20's --test does not expand globs itself). */
export function findTestFiles(cwd, pattern) {
  return globSync(pattern, { cwd, absolute: true }).sort();
}

/** Parses node's TAP summary; undefined when the file has none (the run crashed). */
export function parseTapSummary(text) {
  const num = (name) => {
    const m = new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const pass = num('pass');
  if (pass === undefined) return undefined;
  return {
    passed: pass,
    failed: (num('fail') ?? 0) + (num('cancelled') ?? 0),
    skipped: (num('skipped') ?? 0) + (num('todo') ?? 0),
  };
}

/**
 * Runs `node --test` over the files. Resolves with the counts and the exit code; never rejects.
 * Two deadlines, so a hang fails the run instead of stalling it: `fileTimeoutMs` (node's --test-timeout, which
 * bounds each test file: every file runs in a process of its own) and `runTimeoutMs` for the whole run, after which
 * the run and everything it started are stopped. Either way the hang reporter names the tests still running.
 * @param {{ cwd: string, files: string[], tapFile: string, env?: NodeJS.ProcessEnv, extraArgs?: string[],
 *   fileTimeoutMs?: number, runTimeoutMs?: number, label?: string, log?: (line: string) => void }} opts
 */
export function runNodeTests({ cwd, files, tapFile, env = {}, extraArgs = [], fileTimeoutMs, runTimeoutMs, label = 'tests', log = console.error, nodeBinary = process.execPath }) {
  mkdirSync(dirname(tapFile), { recursive: true });
  const runningFile = `${tapFile}.running.json`;
  rmSync(runningFile, { force: true });
  const args = ['--enable-source-maps', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tapFile}`, `--test-reporter=${hangReporter}`, '--test-reporter-destination=stdout',
    ...(fileTimeoutMs ? [`--test-timeout=${fileTimeoutMs}`] : []), ...extraArgs, ...files];
  return new Promise((resolve) => {
    const child = spawn(nodeBinary, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env, NODE_TESTS_RUNNING_FILE: runningFile } });
    let hung = false;
    const deadline = runTimeoutMs && setTimeout(() => {
      hung = true;
      let running = [];
      try { running = JSON.parse(readFileSync(runningFile, 'utf8')); } catch { /* nothing started */ }
      log(`\n!!! HUNG: ${label} did not finish within ${Math.round(runTimeoutMs / 1000)} s: stopping it and everything it started. `
        + `Still running: ${running.length ? running.join('; ') : 'no test (node --test itself did not end)'}\n`);
      void killTree(child.pid);
    }, runTimeoutMs);
    child.on('exit', (code, signal) => {
      if (deadline) clearTimeout(deadline);
      rmSync(runningFile, { force: true });
      const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
      const counts = parseTapSummary(tap) ?? { passed: 0, failed: 0, skipped: 0 };
      if (hung || !parseTapSummary(tap)) counts.failed += 1;
      resolve({ exitCode: code ?? (signal ? 1 : 0), counts, hung });
    });
  });
}

/**
 * Deletes bundled tests in out/ whose source test was deleted or renamed, so they don't run stale.
 * (Only those: out/ is shared with anyone else building in the same checkout.)
 */
export function pruneStaleBundles(root) {
  const { rmSync } = fsSync;
  for (const bundled of globSync('out/test/**/*.test.js', { cwd: root })) {
    const source = bundled.replace(/^out\//, '').replace(/\.js$/, '.ts');
    if (!existsSync(`${root}/${source}`)) {
      rmSync(`${root}/${bundled}`, { force: true });
      rmSync(`${root}/${bundled}.map`, { force: true });
    }
  }
}

/**
 * The failed tests in a TAP file with their error messages (not the suites that failed only through them), so the
 * summary can repeat them where CI's tail shows them. Each message is cut to `maxLines`.
 */
export function tapFailures(text, maxLines = 25) {
  const lines = text.split('\n');
  const failures = [];
  for (let i = 0; i < lines.length; i++) {
    const head = /^(\s*)not ok \d+ - (.*)$/.exec(lines[i]);
    if (!head) continue;
    const block = [];
    for (let j = i + 1; j < lines.length && !/^\s*\.\.\.$/.test(lines[j]); j++) block.push(lines[j]);
    if (block.some((l) => /failureType: 'subtestsFailed'/.test(l))) continue;
    const at = block.findIndex((l) => /^\s*error: /.test(l));
    if (at < 0) { failures.push({ name: head[2], message: '(no message)' }); continue; }
    const first = block[at].replace(/^\s*error: /, '');
    let message;
    if (/^[|>]-?$/.test(first)) {
      const indent = /^(\s*)/.exec(block[at])[1].length;
      const body = [];
      for (const l of block.slice(at + 1)) {
        if (l.trim() && /^(\s*)/.exec(l)[1].length <= indent) break;
        body.push(l.trim());
      }
      message = body.join('\n');
    } else {
      message = first.replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
    }
    const cut = message.split('\n');
    failures.push({ name: head[2], message: cut.slice(0, maxLines).join('\n') + (cut.length > maxLines ? `\n… (${cut.length - maxLines} more lines)` : '') });
  }
  return failures;
}
