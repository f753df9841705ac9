// Runs bundled node:test files with a human reporter on stdout and a TAP copy in a file, and reads the
// counts back from the TAP summary (`# pass N`, `# fail N`, ...).
import { spawn } from 'node:child_process';
import * as fsSync from 'node:fs';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { globSync } from 'glob';

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
 * @param {{ cwd: string, files: string[], tapFile: string, env?: NodeJS.ProcessEnv, extraArgs?: string[] }} opts
 */
export function runNodeTests({ cwd, files, tapFile, env = {}, extraArgs = [] }) {
  mkdirSync(dirname(tapFile), { recursive: true });
  const args = ['--enable-source-maps', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tapFile}`, ...extraArgs, ...files];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => {
      const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
      const counts = parseTapSummary(tap);
      resolve({ exitCode: code ?? (signal ? 1 : 0), counts: counts ?? { passed: 0, failed: 1, skipped: 0 } });
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
