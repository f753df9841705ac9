import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { checkBaseUrl, isLoopbackHost } from '../../../src/providers/core/urlPolicy';

test('loopback hosts', () => {
  for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '[::1]', '::1', '[::ffff:127.0.0.1]']) assert.ok(isLoopbackHost(host), host);
  for (const host of ['example.com', '10.0.0.1', '192.168.1.1', '128.0.0.1', 'localhost.evil.com', '127.0.0.1.nip.io', '0.0.0.0']) {
    assert.ok(!isLoopbackHost(host), host);
  }
});

test('*.localhost is not loopback: the OS resolver may send it anywhere, so plain http:// to it is refused', () => {
  for (const host of ['api.localhost', 'a.b.localhost', 'LOCALHOST.localhost', 'localhost.']) assert.ok(!isLoopbackHost(host), host);
  const check = checkBaseUrl('http://ollama.localhost:11434/v1');
  assert.equal(check.ok, false);
  assert.match(!check.ok ? check.message : '', /only allowed for servers on this machine \(localhost, 127\.0\.0\.0\/8, \[::1\]\).*ollama\.localhost:11434 needs https/);
  assert.deepEqual(pick(checkBaseUrl('https://ollama.localhost/v1')), { ok: true, loopback: false });
});

test('https is accepted anywhere; http only on loopback', () => {
  assert.deepEqual(pick(checkBaseUrl('https://api.pinference.ai/api/v1')), { ok: true, loopback: false });
  assert.deepEqual(pick(checkBaseUrl('http://localhost:11434/v1')), { ok: true, loopback: true });
  assert.deepEqual(pick(checkBaseUrl('http://127.0.0.1:8000/v1/')), { ok: true, loopback: true });
  assert.deepEqual(pick(checkBaseUrl('http://[::1]:1234/v1')), { ok: true, loopback: true });
  const remote = checkBaseUrl('http://api.example.com/v1');
  assert.equal(remote.ok, false);
  assert.match(!remote.ok ? remote.message : '', /Plain http:\/\/ is only allowed for servers on this machine.*api\.example\.com needs https/);
});

test('malformed or unsafe URLs are refused with a reason', () => {
  const cases: Array<[string, RegExp]> = [
    ['not a url', /not a valid URL/],
    ['ftp://example.com/v1', /must start with https:\/\//],
    ['https://user:pw@example.com/v1', /user name or password/],
    ['https://example.com/v1?key=abc', /query or fragment/],
    ['file:///etc/passwd', /must start with https:\/\//],
  ];
  for (const [url, pattern] of cases) {
    const result = checkBaseUrl(url);
    assert.equal(result.ok, false, url);
    assert.match(!result.ok ? result.message : '', pattern, url);
  }
});

function pick(result: ReturnType<typeof checkBaseUrl>) {
  return result.ok ? { ok: true, loopback: result.loopback } : { ok: false, message: result.message };
}
