// The redacting logger: every line is redacted of every key it has seen this session.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { RedactingLogger, type LogSink } from '../../../src/common/logger';

function sink(): LogSink & { lines: string[] } {
  const lines: string[] = [];
  const push = (m: string) => void lines.push(m);
  return { lines, debug: push, info: push, warn: push, error: push, show() {} };
}

test('a key that is no longer current (changed in another window) is still redacted', () => {
  const out = sink();
  let current = ['opaque-old-key-0001'];
  const log = new RedactingLogger(out, () => current);
  log.info('startup');
  current = ['opaque-new-key-0002']; // the KeyStore now only reports the new key
  log.warn('server said: opaque-old-key-0001 is revoked; opaque-new-key-0002 is fine');
  assert.equal(out.lines.at(-1), 'server said: [redacted] is revoked; [redacted] is fine');
  assert.ok(log.recentLines().every((l) => !l.includes('opaque-old-key')));
});

test('a key passed once to redact() (a key being checked, not stored) is remembered for later lines', () => {
  const out = sink();
  const log = new RedactingLogger(out, () => []);
  assert.equal(log.redact('rejected: typed-key-abc-999', ['typed-key-abc-999']), 'rejected: [redacted]');
  log.error('later', new Error('echo typed-key-abc-999'));
  assert.equal(out.lines.at(-1), 'later: echo [redacted]');
});
