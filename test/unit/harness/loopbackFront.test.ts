// The front of code-server (test/harness/lib/loopback-front.mjs) on real loopback sockets: a stand-in for
// code-server on a unix socket behind it, requests and WebSocket handshakes with right and foreign Host/Origin.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startLoopbackFront } from '../../harness/lib/loopback-front.mjs';
import { rawRequest } from '../../fixtures/rawRequest';

describe('the loopback front of code-server', () => {
  let dir: string;
  let upstream: http.Server;
  let front: { port: number; close(): Promise<void> };
  const seen: string[] = []; // what reached the stand-in: "GET /path host"
  const refused: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'infchat-unit-front-'));
    const socketPath = join(dir, 'cs.sock');
    upstream = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.host}`);
      res.end(`upstream saw ${req.headers.host}`);
    });
    upstream.on('upgrade', (req, socket) => {
      seen.push(`WS ${req.url} ${req.headers.host}`);
      socket.end('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    });
    await new Promise<void>((resolve) => upstream.listen(socketPath, resolve));
    front = await startLoopbackFront({
      socketPath,
      routes: { '/npm-start': (_req, res) => res.end('the front answered') },
      onRefused: (line) => refused.push(line),
    });
  });
  after(async () => {
    await front.close();
    await new Promise((resolve) => upstream.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  test('the loopback names with its port reach code-server, Host unchanged (code-server compares it with Origin)', async () => {
    for (const host of [`127.0.0.1:${front.port}`, `localhost:${front.port}`, `[::1]:${front.port}`]) {
      const r = await rawRequest(front.port, '/x?y=1', { host, origin: `http://${host}` });
      assert.equal(r.status, 200, host);
      assert.equal(r.body, `upstream saw ${host}`);
    }
    assert.equal(seen.filter((l) => l.startsWith('GET /x?y=1 ')).length, 3);
  });

  test('a foreign Host (DNS rebinding) gets 421 for any path and never reaches code-server', async () => {
    const before = seen.length;
    for (const path of ['/', '/vscode-remote-resource?path=/etc/passwd', '/npm-start']) {
      const r = await rawRequest(front.port, path, { host: `evil.example:${front.port}` });
      assert.equal(r.status, 421, path);
      assert.doesNotMatch(r.body, /upstream|front answered/);
    }
    assert.equal(seen.length, before);
    assert.ok(refused.some((l) => l.includes('/vscode-remote-resource?path=/etc/passwd') && l.includes('evil.example')), 'the refusal is told');
  });

  test('WebSocket: the right Host and Origin are switched through; a foreign Host (421) or a foreign Origin (403) is not', async () => {
    const host = `127.0.0.1:${front.port}`;
    const ok = await rawRequest(front.port, '/ws', { host, origin: `http://${host}` }, { websocket: true });
    assert.deepEqual([ok.status, ok.upgraded], [101, true]);
    const before = seen.length;
    const rebinding = await rawRequest(front.port, '/ws', { host: `evil.example:${front.port}`, origin: `http://evil.example:${front.port}` }, { websocket: true });
    assert.deepEqual([rebinding.status, rebinding.upgraded], [421, false]);
    const foreignPage = await rawRequest(front.port, '/ws', { host, origin: 'http://evil.example' }, { websocket: true });
    assert.deepEqual([foreignPage.status, foreignPage.upgraded], [403, false]);
    assert.equal(seen.length, before, 'neither reached code-server');
  });

  test('a route is answered by the front itself, after the same check', async () => {
    const r = await rawRequest(front.port, '/npm-start?x', { host: `localhost:${front.port}` });
    assert.deepEqual([r.status, r.body], [200, 'the front answered']);
  });

  test('code-server not listening: 502 at once, not a hanging request', async () => {
    const lonely = await startLoopbackFront({ socketPath: join(dir, 'nobody.sock') });
    try {
      const r = await rawRequest(lonely.port, '/', { host: `127.0.0.1:${lonely.port}` });
      assert.equal(r.status, 502);
    } finally {
      await lonely.close();
    }
  });
});
