// Who may reach a loopback server of `npm start` or the tests (test/harness/lib/loopback-guard.mjs): the Host must
// be a loopback name with the server's port; an Origin, when sent, must be the server's own.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkLoopbackRequest, isLoopbackHost, loopbackHosts, loopbackOrigins } from '../../harness/lib/loopback-guard.mjs';

describe('loopback guard', () => {
  test('the names npm start prints, with this port, are this server; case and spaces do not matter', () => {
    assert.deepEqual(loopbackHosts(8765), ['127.0.0.1:8765', 'localhost:8765', '[::1]:8765']);
    for (const host of ['127.0.0.1:8765', 'localhost:8765', '[::1]:8765', 'LOCALHOST:8765', ' localhost:8765 ']) {
      assert.equal(isLoopbackHost(host, 8765), true, host);
      assert.deepEqual(checkLoopbackRequest({ host }, 8765), { ok: true });
    }
  });

  test('a rebinding name, another port, no port, a look-alike or no Host at all: 421', () => {
    for (const host of ['evil.example:8765', '127.0.0.1:8766', '127.0.0.1', 'localhost', 'localhost.evil.example:8765',
      '127.0.0.1.nip.io:8765', '127.0.0.2:8765', '0.0.0.0:8765', '[::ffff:127.0.0.1]:8765', 'localhost:8765@evil.example', '']) {
      const verdict = checkLoopbackRequest({ host }, 8765);
      assert.equal(verdict.ok, false, host);
      assert.equal(!verdict.ok && verdict.status, 421, host);
    }
    const none = checkLoopbackRequest({}, 8765);
    assert.ok(!none.ok && none.status === 421 && none.reason.includes('(none)'));
  });

  test('an Origin must be this server\'s own (a WebSocket from a foreign page with the right Host): else 403', () => {
    assert.deepEqual(loopbackOrigins(8765), ['http://127.0.0.1:8765', 'http://localhost:8765', 'http://[::1]:8765']);
    const host = '127.0.0.1:8765';
    for (const origin of loopbackOrigins(8765)) assert.deepEqual(checkLoopbackRequest({ host, origin }, 8765), { ok: true });
    for (const origin of ['http://evil.example:8765', 'http://evil.example', 'https://127.0.0.1:8765', 'http://127.0.0.1:8766',
      'null', 'http://127.0.0.1:8765, http://evil.example', '']) {
      const verdict = checkLoopbackRequest({ host, origin }, 8765);
      assert.ok(!verdict.ok && verdict.status === 403, origin);
    }
  });

  test('the Host is checked before the Origin, and a list takes its first value', () => {
    const both = checkLoopbackRequest({ host: 'evil.example:8765', origin: 'http://evil.example:8765' }, 8765);
    assert.ok(!both.ok && both.status === 421, 'DNS rebinding: Host and Origin agree, both foreign');
    assert.deepEqual(checkLoopbackRequest({ host: ['localhost:8765', 'evil.example:8765'] }, 8765), { ok: true });
  });
});
