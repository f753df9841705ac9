// The bounded reader with real files: regular text files only, never more than the cap plus one byte, no binary;
// a FIFO, /dev/zero, /proc/self/environ, a socket and a folder are refused before a byte is read.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyPath, readTextFile } from '../../../src/context/core/boundedRead';

const posix = process.platform !== 'win32';
let dir: string;
let socketServer: Server | undefined;

before(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'bounded-read-')));
});
after(() => {
  socketServer?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a text file is read whole, within the limit', async () => {
  writeFileSync(join(dir, 'a.ts'), 'export const a = 1; // é\n');
  const read = await readTextFile(join(dir, 'a.ts'), { maxChars: 1000 });
  assert.deepEqual(read, { ok: true, text: 'export const a = 1; // é\n', bytes: 26 });
});

test('too large: refused from its size without reading; with truncate, the first maxChars and what was left out', async () => {
  writeFileSync(join(dir, 'big.txt'), 'x'.repeat(5000));
  assert.deepEqual(await readTextFile(join(dir, 'big.txt'), { maxChars: 100, maxBytes: 400 }), {
    ok: false, reason: { kind: 'too-large', bytes: 5000, limitChars: 100 },
  });
  // Bytes within the byte cap, characters over the character cap: still refused, never cut.
  assert.deepEqual(await readTextFile(join(dir, 'big.txt'), { maxChars: 1000 }), { ok: false, reason: { kind: 'too-large', bytes: 5000, limitChars: 1000 } });
  const cut = await readTextFile(join(dir, 'big.txt'), { maxChars: 100, maxBytes: 400, whenTooLarge: 'truncate' });
  assert.ok(cut.ok);
  assert.equal(cut.text.length, 100);
  assert.equal(cut.bytes, 401, 'the cap plus one byte, no more');
  assert.deepEqual(cut.truncated, { keptChars: 100 });
});

test('binary content is refused', async () => {
  writeFileSync(join(dir, 'logo.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
  assert.deepEqual(await readTextFile(join(dir, 'logo.bin'), { maxChars: 1000 }), { ok: false, reason: { kind: 'binary' } });
});

test('a folder and a missing file are refused with their own reasons', async () => {
  assert.deepEqual(await readTextFile(dir, { maxChars: 10 }), { ok: false, reason: { kind: 'not-regular', what: 'folder' } });
  assert.deepEqual(await readTextFile(join(dir, 'nope.txt'), { maxChars: 10 }), { ok: false, reason: { kind: 'missing' } });
});

test('a FIFO is refused at once (no writer: opening it must not block)', { skip: !posix, timeout: 10_000 }, async () => {
  const fifo = join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
  assert.deepEqual(await readTextFile(fifo, { maxChars: 10 }), { ok: false, reason: { kind: 'not-regular', what: 'fifo' } });
  assert.deepEqual(await classifyPath(fifo), { kind: 'not-regular', what: 'fifo' });
});

test('/dev/zero, and a link to it, are refused before a byte is read', { skip: !posix }, async () => {
  assert.deepEqual(await readTextFile('/dev/zero', { maxChars: 10 }), { ok: false, reason: { kind: 'not-regular', what: 'pseudo' } });
  const link = join(dir, 'zero.txt');
  symlinkSync('/dev/zero', link);
  // The reader takes the real path (the gate resolves it): the link's target is the device.
  assert.deepEqual(await readTextFile(realpathSync(link), { maxChars: 10 }), { ok: false, reason: { kind: 'not-regular', what: 'pseudo' } });
  // Given the link itself it does not follow it (the file was swapped after the check).
  const viaLink = await readTextFile(link, { maxChars: 10 });
  assert.equal(viaLink.ok, false);
});

test('/proc/self/environ (a "regular" file of the kernel) is refused', { skip: process.platform !== 'linux' }, async () => {
  assert.deepEqual(await readTextFile('/proc/self/environ', { maxChars: 100_000 }), { ok: false, reason: { kind: 'not-regular', what: 'pseudo' } });
});

test('a socket is refused', { skip: !posix }, async () => {
  const path = join(dir, 'sock');
  socketServer = createServer();
  await new Promise<void>((resolve) => socketServer!.listen(path, resolve));
  assert.deepEqual(await readTextFile(path, { maxChars: 10 }), { ok: false, reason: { kind: 'not-regular', what: 'socket' } });
});
