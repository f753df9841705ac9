// Local servers are found by one short GET /v1/models per known port on 127.0.0.1, without a key; a closed port or
// a server that is not OpenAI-compatible is simply not listed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { findLocalServers } from '../../../src/completions/localServerProbe';
import { freeProviderId, LOCAL_SERVERS, localBaseUrl } from '../../../src/completions/core/localServers';
import { startFixtureServer } from '../../fixtures/server';

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('finds the server that answers /v1/models, skips a closed port and a server that is not OpenAI-compatible', async () => {
  const fixture = await startFixtureServer();
  const html = http.createServer((_req, res) => res.end('<html>not an API</html>'));
  await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
  try {
    const found = await findLocalServers(undefined, [
      { id: 'ollama', name: 'Ollama', port: fixture.port },
      { id: 'closed', name: 'Closed', port: await closedPort() },
      { id: 'web', name: 'Web page', port: (html.address() as AddressInfo).port },
    ]);
    assert.deepEqual(found.map((f) => [f.kind.id, f.baseUrl]), [['ollama', `http://127.0.0.1:${fixture.port}/v1`]]);
    assert.ok(found[0]!.models.length > 0);
    const probes = fixture.requests.filter((r) => r.path === '/v1/models');
    assert.equal(probes.length, 1, 'one probe, no retries');
    assert.equal(probes[0]!.headers.authorization, undefined, 'no key is sent to a probed port');
  } finally {
    await fixture.close();
    await new Promise<void>((resolve) => html.close(() => resolve()));
  }
});

test('the default ports are the local servers people run, on loopback only', () => {
  assert.deepEqual(LOCAL_SERVERS.map((s) => [s.name, s.port]), [['Ollama', 11434], ['LM Studio', 1234], ['llama.cpp', 8080], ['vLLM', 8000]]);
  for (const server of LOCAL_SERVERS) assert.match(localBaseUrl(server), /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
});

test('a found server gets a provider id not yet taken', () => {
  assert.equal(freeProviderId('ollama', new Set(['fixture'])), 'ollama');
  assert.equal(freeProviderId('ollama', new Set(['ollama', 'ollama-2'])), 'ollama-3');
});
