// The agent's command runner on real processes: interleaved output and the exit code, a non-interactive
// environment, the cap, and a timeout or Stop that ends the whole process group (a grandchild included).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandRunner } from '../../../src/agent/commandRunner';
import { waitFor } from '../../helpers/waitFor';

const runner = new CommandRunner();
const run = (command: string, options: { timeoutMs?: number; maxChars?: number; signal?: AbortSignal; cwd?: string } = {}) =>
  runner.run({ command, cwd: options.cwd ?? process.cwd(), timeoutMs: options.timeoutMs ?? 30_000, maxChars: options.maxChars ?? 30_000, signal: options.signal ?? new AbortController().signal });
const node = (script: string): string => `"${process.execPath}" -e ${JSON.stringify(script)}`;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('stdout and stderr interleaved, the exit code, and the non-interactive environment', { skip: process.platform === 'win32' }, async () => {
  const result = await run(node('console.log("out " + process.env.PAGER + " " + process.env.CI + " " + process.env.TERM); console.error("err"); process.exit(3)'));
  assert.equal(result.ending, 'exited');
  assert.equal(result.exitCode, 3);
  assert.match(result.output.text(), /out cat 1 dumb/);
  assert.match(result.output.text(), /err/);
  const stdin = await run(node('process.stdin.on("data", () => {}); process.stdin.on("end", () => console.log("stdin closed"))'));
  assert.match(stdin.output.text(), /stdin closed/, 'stdin is closed: a command waiting for input ends');
});

test('a long output is kept within the cap, head and tail', { skip: process.platform === 'win32' }, async () => {
  const result = await run(node('console.log("FIRST"); for (let i = 0; i < 20000; i++) console.log("line " + i); console.log("LAST")'), { maxChars: 2000 });
  const text = result.output.text();
  assert.ok(text.length < 2100, String(text.length));
  assert.match(text, /^FIRST/);
  assert.match(text, /LAST\n$/);
  assert.ok(result.output.omitted > 0);
});

test('a timeout ends the command and the grandchild it started (which would write a file later)', { skip: process.platform === 'win32' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runner-'));
  try {
    const grandchild = `require("fs").writeFileSync(${JSON.stringify(join(dir, 'pid'))}, String(process.pid)); setTimeout(() => require("fs").writeFileSync(${JSON.stringify(join(dir, 'late'))}, "late"), 3000)`;
    const script = `require("child_process").spawn(process.execPath, ["-e", ${JSON.stringify(grandchild)}], { stdio: "inherit" }); setInterval(() => {}, 1000)`;
    const result = await run(node(script), { timeoutMs: 1000 });
    assert.equal(result.ending, 'timeout');
    assert.equal(result.exitCode, null);
    const pid = Number(readFileSync(join(dir, 'pid'), 'utf8'));
    await waitFor('the grandchild ended', () => (alive(pid) ? undefined : true), 5000);
    assert.equal(existsSync(join(dir, 'late')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Stop (the abort signal) ends it at once', { skip: process.platform === 'win32' }, async () => {
  const stop = new AbortController();
  const pending = run(node('console.log("started"); setInterval(() => {}, 1000)'), { signal: stop.signal });
  setTimeout(() => stop.abort(), 300);
  const result = await pending;
  assert.equal(result.ending, 'stopped');
});
