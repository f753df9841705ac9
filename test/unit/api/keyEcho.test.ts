// A server that echoes the key it was sent (whole, URL-encoded or JSON-escaped) into its error text, placed so that
// every cut the client and the chat make (120, 300, 600, 1000 characters) falls inside it: nothing of 8 or more
// consecutive key characters may reach the ApiError or the RequestLogInfo records. The client removes the key it
// was given BEFORE it cuts anything.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ApiError, createClient, type RequestLogInfo } from '../../../src/api';
import { echoedKey, type KeyEcho } from '../../fixtures/scenarios';
import type { FixtureServer } from '../../fixtures/server';
import { assertNoKeyFragment, keyFragmentIn } from '../../helpers/keyFragments';
import { KEY_SHAPES } from '../../helpers/keyShapes';
import { REQ, withServer } from './helpers';

export const CUTS = [120, 300, 600, 1000];
const KEEPS = [0.1, 0.5, 0.9];

type Call = 'models' | 'chat' | 'stream';
interface Form {
  call: Call;
  body: string;
  status: number;
  /** The client keeps some of the server's text in its message (so a whole echo shows up as [redacted]). */
  shown: boolean;
}

const FORMS: Form[] = [
  { call: 'models', body: 'json', status: 401, shown: true },
  { call: 'models', body: 'json', status: 400, shown: true },
  { call: 'models', body: 'json', status: 500, shown: true },
  { call: 'models', body: 'text', status: 401, shown: true },
  { call: 'models', body: 'text', status: 500, shown: true },
  { call: 'models', body: 'html', status: 500, shown: false }, // an HTML error page: only the status line is kept
  { call: 'models', body: 'html', status: 200, shown: true }, // a 200 that is not JSON (a portal page)
  { call: 'chat', body: 'json', status: 400, shown: true },
  { call: 'stream', body: 'json', status: 401, shown: true },
  { call: 'stream', body: 'stream', status: 200, shown: true },
  { call: 'stream', body: 'stream-event', status: 200, shown: true },
  { call: 'stream', body: 'bad-chunk', status: 200, shown: true },
  { call: 'stream', body: 'not-object', status: 200, shown: true },
];

/** The placements of the echo: after "Invalid API Key: ", and straddling each cut at 10 %, 50 % and 90 % of the key. */
export const PLACEMENTS: Array<Record<string, number>> = [{}, ...CUTS.flatMap((straddle) => KEEPS.map((keep) => ({ straddle, keep })))];

/** The echo encodings worth trying for this key (those that change it). */
export function encodingsOf(key: string): KeyEcho[] {
  const seen = new Set<string>();
  return (['raw', 'url', 'json'] as const).filter((e) => {
    const form = echoedKey(key, e);
    if (seen.has(form)) return false;
    seen.add(form);
    return true;
  });
}

async function failureOf(server: FixtureServer, key: string, call: Call, log: RequestLogInfo[]): Promise<ApiError> {
  const client = createClient({ baseUrl: server.url, apiKey: key, retry: { maxRetries: 0 }, onRequest: (i) => log.push(i) });
  try {
    if (call === 'models') await client.listModels();
    else if (call === 'chat') await client.chat(REQ);
    else for await (const _ of client.streamChat(REQ)) void _;
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    return err;
  }
  assert.fail(`${call} did not fail`);
}

interface Case {
  name: string;
  key: string;
  encode: KeyEcho;
  form: Form;
  placement: Record<string, number>;
}

/**
 * Every key in every encoding in every form, echoed whole; and every (form × cut × keep) straddle with a rotating
 * quarter of the keys (so each straddle is played by several key shapes, and each key straddles cuts in several
 * forms) — every combination would be 3,000+ real requests, ~20 s.
 */
const CASES: Case[] = KEY_SHAPES.flatMap(({ name, key }, k) =>
  encodingsOf(key).flatMap((encode, e) =>
    FORMS.flatMap((form, f) =>
      PLACEMENTS.filter((placement, p) => placement.straddle === undefined || (k + e + f + p) % 4 === 0).map((placement) => ({ name, key, encode, form, placement })),
    ),
  ),
);

/** The leaks of one case (empty when none). */
async function leaksOf(server: FixtureServer, c: Case): Promise<string[]> {
  server.setScenario('echo-key', { body: c.form.body, status: c.form.status, encode: c.encode, ...c.placement });
  const log: RequestLogInfo[] = [];
  const err = await failureOf(server, c.key, c.form.call, log);
  const where = `${c.name}, ${c.encode}, ${c.form.call} ${c.form.status} ${c.form.body} ${JSON.stringify(c.placement)}`;
  assert.ok(log.length > 0, where);
  // The server did echo it: a whole echo shows where it was.
  if (c.form.shown && c.placement.straddle === undefined) {
    assert.ok(err.message.includes('[redacted]') || keyFragmentIn(err.message, c.key) !== undefined, `no echo in the message (${where})`);
  }
  const places: Array<[string, string]> = [
    ['ApiError message', err.message],
    ['ApiError stack', String(err.stack)],
    ['ApiError code/type', `${String(err.code)} ${String(err.type)}`],
    ...log.map((info): [string, string] => ['RequestLogInfo.error', info.error ?? '']),
  ];
  const leaks: string[] = [];
  for (const [place, text] of places) {
    try {
      assertNoKeyFragment(text, c.key, 8, `${place} (${where})`);
    } catch (e) {
      leaks.push((e as Error).message);
    }
  }
  return leaks;
}

test('an echoed key never survives in the ApiError or the request log, whole, encoded or cut anywhere', async () => {
  // The rotation covers every straddle with at least 4 key shapes, in every form.
  for (const [f] of FORMS.entries()) {
    for (const placement of PLACEMENTS.slice(1)) {
      const keys = new Set(CASES.filter((c) => c.form === FORMS[f] && c.placement === placement).map((c) => c.name));
      assert.ok(keys.size >= 4, `${JSON.stringify(placement)} in form ${f}: ${keys.size} keys`);
    }
  }
  const leaks: string[] = [];
  await withServer(async (server) => {
    for (const c of CASES) leaks.push(...(await leaksOf(server, c)));
  });
  const sample = leaks.filter((_, i) => i % Math.ceil(leaks.length / 8) === 0);
  assert.equal(leaks.length, 0, `${leaks.length} leaks in ${CASES.length} cases, e.g.:\n${sample.join('\n')}`);
});

test('a credential in an extra header (Azure-style api-key) is redacted like the key', () =>
  withServer(async (server) => {
    const secret = 'azure-0f3c9a1b7d2e4c6a8b0d1f3e5a7c9b2d';
    server.setScenario('echo-key', { header: 'api-key', status: 401, straddle: 1000, keep: 0.5 });
    const log: RequestLogInfo[] = [];
    const client = createClient({ baseUrl: server.url, headers: { 'api-key': secret, 'X-Title': 'Inference Chat' }, retry: { maxRetries: 0 }, onRequest: (i) => log.push(i) });
    const err = await client.listModels().then(() => assert.fail('listModels did not fail'), (e: unknown) => e as ApiError);
    assert.equal(server.requests.at(-1)?.headers['api-key'], secret, 'the header was sent');
    assertNoKeyFragment(err.message, secret);
    for (const info of log) assertNoKeyFragment(info.error ?? '', secret);
    server.setScenario('echo-key', { header: 'x-title', status: 401 });
    const plain = await client.listModels().then(() => assert.fail('listModels did not fail'), (e: unknown) => e as ApiError);
    assert.match(plain.message, /Invalid API Key: Inference Chat/, 'ordinary header values are not redacted');
  }));
