// Nothing hangs: a reply labelled gzip/deflate/br that is not compressed (Node 20's fetch loses the decoder's
// error when such a body ends with the connection, and the read then waits forever, even after an abort), a body
// that never settles, and a JSON body trickled a byte at a time all end — with a clear error, or as cancelled when
// the caller stops. Each test's `timeout` is the deadline that turns a hang into a failure.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { HangReport } from '../../fixtures/hangScenarios';
import { clientFor, collect, KEY, REQ, rejection, withServer } from './helpers';
import { createClient, type ApiError } from '../../../src/api';

const DEADLINE = { timeout: 20_000 };
const ENCODINGS = ['gzip', 'deflate', 'br'] as const;

/** A report whose promise resolves when the server has handed the whole body to the socket. */
function sentReport(): HangReport & { whenSent: Promise<void> } {
  const r = {} as HangReport & { whenSent: Promise<void> };
  r.whenSent = new Promise<void>((resolve) => (r.sent = resolve));
  return r;
}

function assertBadEncoding(err: ApiError | undefined, encoding: string, what: string): void {
  assert.equal(err?.kind, 'server', `${what}: ${err?.message}`);
  assert.equal(err?.reason, 'bad_encoding', what);
  assert.match(err?.message ?? '', new RegExp(`127\\.0\\.0\\.1:\\d+ labelled its reply as compressed \\(Content-Encoding: ${encoding}\\).*could not be decompressed`), what);
}

test('a reply labelled gzip/deflate/br that is not compressed (connection held open) → "bad_encoding" naming the label: stream and /models', DEADLINE, () =>
  withServer(async (server) => {
    for (const encoding of ENCODINGS) {
      server.setScenario('mislabelled-encoding', { encoding, hold: true });
      assertBadEncoding((await collect(clientFor(server).streamChat(REQ))).error, encoding, `stream ${encoding}`);
      assertBadEncoding(await rejection(clientFor(server).listModels()), encoding, `models ${encoding}`);
    }
  }));

test('the same body ending with the connection (the Node 20 hang) settles: the decoder error, or the deadline that names the label', DEADLINE, () =>
  // One server per encoding, all at once: on Node 20 each waits for its timer.
  Promise.all(
    ENCODINGS.map((encoding) =>
      withServer(async (server) => {
        server.setScenario('mislabelled-encoding', { encoding });
        // Node 22+ reports the decoder's error; Node 20 never does, and the timer that runs then must end the read.
        const client = clientFor(server, { connectTimeoutMs: 1000, jsonTimeoutMs: 1000 });
        const labelled = new RegExp(`Content-Encoding: ${encoding}`);
        const [stream, models] = await Promise.all([collect(client.streamChat(REQ)).then((r) => r.error), rejection(client.listModels())]);
        assert.ok(stream?.reason === 'bad_encoding' || stream?.reason === 'connect_timeout', `stream ${encoding}: ${stream?.reason} ${stream?.message}`);
        assert.match(stream.message, labelled);
        assert.ok(models.reason === 'bad_encoding' || models.reason === 'body_timeout', `models ${encoding}: ${models.reason} ${models.message}`);
        assert.match(models.message, labelled);
      }),
    ),
  ).then(() => undefined));

test('Stop during a mislabelled gzip body that ended with the connection settles the stream and /models', DEADLINE, () =>
  withServer(async (server) => {
    for (const call of ['stream', 'models'] as const) {
      const report = sentReport();
      server.setScenario('mislabelled-encoding', { encoding: 'gzip', report });
      const ctl = new AbortController();
      const client = clientFor(server); // default timers (60 s, 120 s, 30 s): only the abort can end this in time
      const pending = call === 'stream' ? collect(client.streamChat(REQ, { signal: ctl.signal })).then((r) => r.error) : rejection(client.listModels({ signal: ctl.signal }));
      await report.whenSent;
      // Give the client the moment it takes to read the body and the end (on Node 20 the read then hangs); were this
      // too short on a slow machine, the abort would only come earlier — the injected-fetch tests below hang for sure.
      await new Promise((r) => setTimeout(r, 200));
      ctl.abort();
      const err = await pending;
      // Node 20: the read hangs and only the abort ends it; later Node versions may have reported the decoder error first.
      assert.ok(err?.reason === 'cancelled' || err?.reason === 'bad_encoding', `${call}: ${err?.reason} ${err?.message}`);
    }
  }));

/** A fetch whose reply body never delivers a byte and ignores every abort: the Node 20 hang, on any Node. */
function hungBodyFetch(status: number, contentType: string, onRead: () => void): typeof fetch {
  return () =>
    Promise.resolve(
      new Response(new ReadableStream<Uint8Array>({ pull: () => (onRead(), new Promise<void>(() => undefined)) }), {
        status,
        headers: { 'content-type': contentType, 'content-encoding': 'gzip' },
      }),
    );
}

function hungClient(status: number, contentType: string, extra: Parameters<typeof createClient>[0] extends infer O ? Partial<O> : never = {}) {
  let read!: () => void;
  const reading = new Promise<void>((resolve) => (read = resolve));
  const client = createClient({ baseUrl: 'http://127.0.0.1:9/v1', apiKey: KEY, retry: { maxRetries: 0 }, fetch: hungBodyFetch(status, contentType, read), ...extra });
  return { client, reading };
}

test('Stop while a body read never settles → "cancelled": stream, /models, chat(), an error body', DEADLINE, async () => {
  const cases = [
    ['stream', 200, 'text/event-stream'],
    ['models', 200, 'application/json'],
    ['chat', 200, 'application/json'],
    ['error body', 500, 'application/json'],
  ] as const;
  for (const [call, status, type] of cases) {
    const { client, reading } = hungClient(status, type);
    const ctl = new AbortController();
    const signal = { signal: ctl.signal };
    const pending =
      call === 'stream' ? collect(client.streamChat(REQ, signal)).then((r) => r.error) : call === 'chat' ? rejection(client.chat(REQ, signal)) : rejection(client.listModels(signal));
    await reading;
    ctl.abort();
    const err = await pending;
    assert.equal(err?.kind, 'cancelled', `${call}: ${err?.message}`);
  }
});

test('a body read that never settles ends at its deadline, and the error names the compression label', DEADLINE, async () => {
  const stream = (await collect(hungClient(200, 'text/event-stream', { connectTimeoutMs: 300 }).client.streamChat(REQ))).error;
  assert.equal(stream?.reason, 'connect_timeout');
  assert.match(stream?.message ?? '', /did not respond within .*labelled as compressed, Content-Encoding: gzip, and nothing could be decompressed/);
  const json = await Promise.all([200, 500].map((status) => rejection(hungClient(status, 'application/json', { jsonTimeoutMs: 1000 }).client.listModels())));
  for (const err of json) {
    assert.equal(err.kind, 'timeout');
    assert.equal(err.reason, 'body_timeout');
    assert.match(err.message, /took longer than 1 s to send its reply; stopped reading it\. \(Its reply is labelled as compressed, Content-Encoding: gzip/);
  }
});

test('Stop while fetch() itself never settles (headers never come, the signal ignored) → "cancelled"', DEADLINE, async () => {
  let called!: () => void;
  const calling = new Promise<void>((resolve) => (called = resolve));
  const never: typeof fetch = () => (called(), new Promise<Response>(() => undefined));
  const client = createClient({ baseUrl: 'http://127.0.0.1:9/v1', apiKey: KEY, fetch: never });
  const ctl = new AbortController();
  const pending = rejection(client.listModels({ signal: ctl.signal }));
  await calling;
  ctl.abort();
  assert.equal((await pending).kind, 'cancelled');
});

test('a JSON body trickled one byte every 300 ms stops at the total deadline (the idle timer never fires); the connection is closed', DEADLINE, () =>
  withServer(async (server) => {
    server.setScenario('trickle-json', { gapMs: 300 });
    const err = await rejection(clientFor(server, { jsonTimeoutMs: 1500 }).listModels());
    assert.equal(err.kind, 'timeout');
    assert.equal(err.reason, 'body_timeout');
    assert.match(err.message, /took longer than 2 s to send its reply; stopped reading it\.$/);
    while (server.requests[0]?.closedEarly !== true) await new Promise((r) => setTimeout(r, 10));
  }));

test('Stop during a trickled JSON body → "cancelled": /models and chat()', DEADLINE, () =>
  withServer(async (server) => {
    server.setScenario('trickle-json', { gapMs: 300 });
    for (const call of ['models', 'chat'] as const) {
      const ctl = new AbortController();
      const client = clientFor(server);
      const before = server.requests.length;
      const pending = call === 'models' ? rejection(client.listModels({ signal: ctl.signal })) : rejection(client.chat(REQ, { signal: ctl.signal }));
      while (server.requests.length === before) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 700)); // a few bytes in
      ctl.abort();
      assert.equal((await pending).kind, 'cancelled', call);
    }
  }));

test('streams ask for an uncompressed reply (accept-encoding: identity); /models keeps the default', () =>
  withServer(async (server) => {
    const client = clientFor(server, { headers: { 'Accept-Encoding': 'br' } });
    assert.equal((await collect(client.streamChat(REQ))).finish, 'stop');
    await client.listModels();
    const [stream, models] = server.requests;
    assert.equal(stream?.headers['accept-encoding'], 'identity');
    assert.notEqual(models?.headers['accept-encoding'], 'identity');
    assert.notEqual(models?.headers['accept-encoding'], 'br', 'a caller cannot set it');
  }));
