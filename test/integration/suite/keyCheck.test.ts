// The key check of "Set API Key…" in the real extension host: a key not stored yet, that the server echoes in its
// 401 (whole or where the client cuts the text), reaches neither the check's error nor the extension's log.
import * as assert from 'node:assert/strict';
import type { OpenAICompatibleClient } from '../../../src/api/types';
import type { ProviderDefinition } from '../../../src/providers/core/presets';
import { startFixtureServer } from '../../fixtures/server';
import { assertNoKeyFragment } from '../../helpers/keyFragments';
import { extensionApi } from '../helpers/fixtureProvider';

/** What this test needs of the extension: the key check's client and the log's last lines. */
interface KeyCheckApi {
  clientFor(provider: ProviderDefinition, key: string | undefined): OpenAICompatibleClient;
  recentLines(): readonly string[];
}

/** Read through the test API duck-typed, so the suite does not depend on how the provider code is split up. */
async function keyCheckApi(): Promise<KeyCheckApi> {
  const api = (await extensionApi()) as unknown as Record<string, unknown>;
  const service = (api.providers ?? api.targets) as { clientFor: KeyCheckApi['clientFor']; recentLog?: () => readonly string[] };
  const log = api.log as { recentLines(): readonly string[] } | undefined;
  assert.equal(typeof service?.clientFor, 'function', 'the test API offers clientFor');
  return {
    clientFor: (provider, key) => service.clientFor(provider, key),
    recentLines: () => log?.recentLines() ?? service.recentLog?.() ?? [],
  };
}

suite('key check: an echoed key that is not stored yet', () => {
  test('a key being checked (not stored yet) that the server echoes in its 401 is in no log line, wherever the text is cut', async () => {
    const api = await keyCheckApi();
    const echo = await startFixtureServer();
    try {
      // A key of a shape the old rules did not know, checked the way "Set API Key…" checks it: a client built
      // with it before it is stored, whose request log goes to the extension's log.
      const typed = 'gsk_itest9Q2wE4rT6yU8iO0pA1sD3fG5hJ7kL9zX2cV4bN6mQ8wE0r';
      const provider: ProviderDefinition = { id: 'echo', name: 'Echo', baseUrl: echo.url, preset: false };
      for (const placement of [{}, { straddle: 1000, keep: 0.5 }, { straddle: 300, keep: 0.3 }]) {
        for (const body of ['json', 'text']) {
          echo.setScenario('echo-key', { status: 401, body, ...placement });
          const error = await api.clientFor(provider, typed).listModels().then(
            () => undefined,
            (e: unknown) => e as Error,
          );
          assert.ok(error, 'the check fails with a 401');
          assertNoKeyFragment(error.message, typed, 8, `the check's error (${body} ${JSON.stringify(placement)})`);
        }
      }
      assert.ok(echo.requests.length >= 6 && echo.requests.every((r) => r.headers.authorization === `Bearer ${typed}`), 'the typed key was sent');
      const log = api.recentLines().join('\n');
      assert.match(log, /\[echo\] GET \/v1\/models → 401/, 'the checks were logged');
      assertNoKeyFragment(log, typed, 8, 'the extension log');
    } finally {
      await echo.close();
    }
  });
});
