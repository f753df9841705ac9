// The failure list the test runner repeats above its summary (CI shows only the tail of a long output): read from a
// real node --test TAP file, it names each failed test with its whole message, and not the suites that failed by it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.cwd();
const { NODE_TEST_CONTEXT: _context, ...env } = process.env;

const PLANTED = `import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
describe('a flow', () => {
  test('passes', () => {});
  test('times out with a long story', () => { throw new Error('waited 20 s for the ghost text\\n{"ghost": "", "requests": ["POST /v1/completions"]}\\nline 3'); });
});
test('fails on its own', () => assert.equal(1, 2));
`;

type Failure = { name: string; message: string };

test("a real node --test TAP file: each failed test with its message's lines, no suite, no passing test", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'infchat-tapfail-'));
  try {
    const file = join(dir, 'planted.test.mjs');
    const tap = join(dir, 'run.tap');
    writeFileSync(file, PLANTED);
    const r = spawnSync(process.execPath, ['--test', '--test-reporter=tap', `--test-reporter-destination=${tap}`, file], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
    assert.notEqual(r.status, 0);
    const lib = (await import(pathToFileURL(join(root, 'test', 'harness', 'lib', 'node-tests.mjs')).href)) as { tapFailures: (text: string, maxLines?: number) => Failure[] };
    const failures = lib.tapFailures(readFileSync(tap, 'utf8'));
    assert.deepEqual(failures.map((f) => f.name), ['times out with a long story', 'fails on its own']);
    assert.equal(failures[0]!.message, 'waited 20 s for the ghost text\n{"ghost": "", "requests": ["POST /v1/completions"]}\nline 3');
    assert.match(failures[1]!.message, /Expected values to be strictly equal/);
    const cut = lib.tapFailures(readFileSync(tap, 'utf8'), 2);
    assert.equal(cut[0]!.message, 'waited 20 s for the ghost text\n{"ghost": "", "requests": ["POST /v1/completions"]}\n… (1 more lines)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
