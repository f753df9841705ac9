// The Local demo server (test/fixtures/demoServer.ts starts the fixture server with loopbackOnly) answers only
// requests for its own loopback names: a DNS-rebinding page cannot use it.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startFixtureServer } from '../../fixtures/server';
import { rawRequest } from '../../fixtures/rawRequest';

describe('the Local demo server checks the Host', () => {
  test('loopback names with its port are served; a foreign Host gets 421, a foreign Origin 403', async () => {
    const server = await startFixtureServer({ loopbackOnly: true });
    try {
      for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`]) {
        assert.equal((await rawRequest(server.port, '/v1/models', { host })).status, 200, host);
      }
      const rebinding = await rawRequest(server.port, '/v1/models', { host: `evil.example:${server.port}` });
      assert.equal(rebinding.status, 421);
      assert.match(rebinding.body, /evil\.example/);
      assert.doesNotMatch(rebinding.body, /demo\/|fixture-model/, 'no model list');
      const foreignPage = await rawRequest(server.port, '/v1/models', { host: `127.0.0.1:${server.port}`, origin: 'http://evil.example' });
      assert.equal(foreignPage.status, 403);
      assert.equal(server.requests.length, 3, 'the refused requests never reached the API');
    } finally {
      await server.close();
    }
  });

  test('without loopbackOnly (the other tests\' fixture server) the Host is not checked', async () => {
    const server = await startFixtureServer();
    try {
      assert.equal((await rawRequest(server.port, '/v1/models', { host: 'evil.example' })).status, 200);
    } finally {
      await server.close();
    }
  });
});
