// A hung test fails within its deadline and names itself, instead of hanging the run: node's --test-timeout
// bounds each test file and the hang reporter names the test still running there; past the whole run's deadline
// the run is stopped with everything it started and the tests it was running are named. The reporter is fed
// node's events as node sends them (test:dequeue when a test starts, test:complete when it ends); a planted file
// whose test never ends shows both deadlines on a real `node --test`.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import hangReporter, { type TestEvent } from '../../harness/lib/hang-reporter.mjs';

const root = process.cwd();
/** This file runs under node --test: without this, a nested `node --test` would report to it instead of running. */
const { NODE_TEST_CONTEXT: _context, ...env } = process.env;

async function report(events: TestEvent[]): Promise<string> {
  let out = '';
  for await (const text of hangReporter(events)) out += text;
  return out;
}

test('a file stopped at its deadline: the report names the suite and test still running in it, and only that', async () => {
  const file = join(root, 'out', 'planted.test.js');
  const at = (type: string, name: string, nesting: number, error?: { message: string; failureType: string }): TestEvent =>
    ({ type, data: { name, file, nesting, ...(error ? { details: { error } } : {}) } });
  const dir = mkdtempSync(join(tmpdir(), 'infchat-deadline-'));
  const runningFile = join(dir, 'running.json');
  process.env.NODE_TESTS_RUNNING_FILE = runningFile;
  try {
    const before = await report([
      at('test:dequeue', file, 0), at('test:dequeue', 'planted suite', 0), at('test:dequeue', 'finishes', 1), at('test:complete', 'finishes', 1),
      at('test:dequeue', 'hangs', 1),
    ]);
    assert.equal(before, '', 'nothing is reported while the tests run');
    assert.deepEqual(JSON.parse(readFileSync(runningFile, 'utf8')), ['out/planted.test.js: planted suite › hangs'], 'what a stopped run names');
    const stopped = await report([
      at('test:dequeue', file, 0), at('test:dequeue', 'planted suite', 0), at('test:dequeue', 'hangs', 1),
      at('test:complete', file, 0, { message: 'test timed out after 1500ms', failureType: 'testTimeoutFailure' }),
    ]);
    assert.equal(stopped, '\n!!! HUNG: out/planted.test.js did not finish within its deadline (test timed out after 1500ms); still running: planted suite › hangs\n\n');
    assert.equal(await report([at('test:dequeue', file, 0), at('test:dequeue', 'quick', 0), at('test:complete', 'quick', 0), at('test:complete', file, 0)]), '');
  } finally {
    delete process.env.NODE_TESTS_RUNNING_FILE;
    rmSync(dir, { recursive: true, force: true });
  }
});

const PLANTED = `import { describe, test } from 'node:test';
describe('planted suite', () => {
  test('finishes', () => {});
  test('hangs', () => new Promise(() => setInterval(() => {}, 1000)));
});
`;
/** What the report says runs: the hung test, or (when the machine is so busy the file has not reached it yet) the file's loading. */
const RUNNING = /(planted suite › hangs|no test \(the file hung while loading|\(loading or ending the file\))/;

function plant(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'infchat-deadline-'));
  const file = join(dir, 'planted.test.mjs');
  writeFileSync(file, PLANTED);
  return { dir, file };
}

test('a real node --test with a file deadline: the file with the endless test fails and the run ends', () => {
  const { dir, file } = plant();
  try {
    const reporter = join(root, 'test', 'harness', 'lib', 'hang-reporter.mjs');
    const r = spawnSync(process.execPath, ['--test', `--test-reporter=${reporter}`, '--test-reporter-destination=stdout', '--test-timeout=1500', file], {
      cwd: dir, env, encoding: 'utf8', timeout: 60_000,
    });
    assert.equal(r.signal, null, 'node --test ended on its own');
    assert.notEqual(r.status, 0);
    assert.match(r.stdout, /!!! HUNG: planted\.test\.mjs did not finish within its deadline \(test timed out after 1500ms\); still running: /);
    assert.match(r.stdout, RUNNING);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("past the whole run's deadline the run is stopped, counted as failed, and what it was running is named", () => {
  const { dir, file } = plant();
  try {
    const lib = pathToFileURL(join(root, 'test', 'harness', 'lib', 'node-tests.mjs')).href;
    const script = `import { runNodeTests } from ${JSON.stringify(lib)};
const lines = [];
const r = await runNodeTests({ cwd: ${JSON.stringify(dir)}, files: [${JSON.stringify(file)}], tapFile: ${JSON.stringify(join(dir, 'run.tap'))},
  runTimeoutMs: 1500, label: 'the planted run', log: (line) => lines.push(line) });
console.log('RESULT ' + JSON.stringify({ ...r, lines }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
    const result = JSON.parse(/^RESULT (.*)$/m.exec(r.stdout)?.[1] ?? 'null') as { hung: boolean; counts: { failed: number }; lines: string[] } | null;
    assert.ok(result, `no result: ${r.stdout.slice(-500)} ${r.stderr.slice(-500)}`);
    assert.equal(result.hung, true);
    assert.ok(result.counts.failed >= 1);
    assert.match(result.lines.join(''), /HUNG: the planted run did not finish within 2 s: stopping it and everything it started\. Still running: /);
    assert.match(result.lines.join(''), RUNNING);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
