// Bounded reads: one SSE line (or event) that never ends and a JSON body that never ends stop at a cap with a clear
// error, and the client closes the connection at once instead of buffering what the server keeps sending.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { FloodReport } from '../../fixtures/scenarios';
import type { FixtureServer } from '../../fixtures/server';
import { clientFor, collect, REQ, rejection, withServer } from './helpers';

const MB = 1024 * 1024;

function report(): FloodReport & { whenClosed: Promise<void> } {
  const r = { written: 0, finished: false, closed: false } as FloodReport & { whenClosed: Promise<void> };
  r.whenClosed = new Promise<void>((resolve) => (r.onClose = resolve));
  return r;
}

/** The server saw the connection close before it had written everything. */
async function stoppedEarly(r: ReturnType<typeof report>, totalMb: number): Promise<void> {
  await r.whenClosed;
  assert.equal(r.finished, false, 'the client read the whole body');
  assert.ok(r.written < totalMb * MB, `the server wrote ${r.written} bytes`);
}

test('an SSE line without a line break stops at 8 MB with a clear error; the connection is closed at once', () =>
  withServer(async (server: FixtureServer) => {
    const r = report();
    server.setScenario('endless-line', { mb: 64, report: r });
    const out = await collect(clientFor(server).streamChat(REQ));
    assert.equal(out.error?.kind, 'server');
    assert.equal(out.error?.reason, 'invalid_response');
    assert.match(out.error?.message ?? '', /more than 8 MB .*stopped reading/);
    await stoppedEarly(r, 64);
  }));

test('an SSE event of endless data: lines (no blank line ends it) stops at 8 MB as well', () =>
  withServer(async (server) => {
    const r = report();
    server.setScenario('endless-event', { mb: 64, report: r });
    const out = await collect(clientFor(server).streamChat(REQ));
    assert.equal(out.error?.reason, 'invalid_response');
    assert.match(out.error?.message ?? '', /more than 8 MB/);
    await stoppedEarly(r, 64);
  }));

test('a 6 MB stream event (a big image or a whole reply in one chunk) is still read', () =>
  withServer(async (server) => {
    const r = report();
    server.setScenario('endless-line', { mb: 6, report: r });
    const out = await collect(clientFor(server).streamChat(REQ));
    assert.equal(out.error?.reason, 'connection_closed', 'the line ended and was read; the stream then closes without a finish reason');
    assert.ok(out.text.length > 5.9 * MB, `got ${out.text.length} characters`);
  }));

test('a JSON body declared larger than 16 MB is refused before it is read', () =>
  withServer(async (server) => {
    const r = report();
    server.setScenario('huge-json', { mb: 64, report: r });
    const err = await rejection(clientFor(server).listModels());
    assert.equal(err.kind, 'server');
    assert.equal(err.reason, 'invalid_response');
    assert.match(err.message, /larger than 16 MB.*stopped reading/);
    await stoppedEarly(r, 64);
  }));

test('a chunked JSON body stops at 16 MB: /models, chat(), and a stream request answered with JSON', () =>
  withServer(async (server) => {
    for (const call of ['models', 'chat', 'stream'] as const) {
      const r = report();
      server.setScenario('huge-json', { mb: 64, contentLength: false, report: r });
      const client = clientFor(server);
      const err =
        call === 'models' ? await rejection(client.listModels()) : call === 'chat' ? await rejection(client.chat(REQ)) : (await collect(client.streamChat(REQ))).error;
      assert.equal(err?.reason, 'invalid_response', call);
      assert.match(err?.message ?? '', /larger than 16 MB/, call);
      await stoppedEarly(r, 64);
    }
  }));

test('a 12 MB model list (a big provider) is read whole', () =>
  withServer(async (server) => {
    server.setScenario('huge-json', { mb: 12, contentLength: false });
    const models = await clientFor(server).listModels();
    assert.deepEqual(models.map((m) => m.id), ['m', 'last'], 'the body was parsed to its last entry (the repeated entries share one id)');
  }));
