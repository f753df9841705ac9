// KeyStore against a fake SecretStorage: what it remembers for redaction.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { KeyStore, SECRET_PREFIX } from '../../../src/providers/keyStore';

/** An in-memory SecretStorage that another "window" can change behind the KeyStore's back. */
function fakeSecrets(): vscode.SecretStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: async (key: string) => values.get(key),
    store: async (key: string, value: string) => void values.set(key, value),
    delete: async (key: string) => void values.delete(key),
    onDidChange: () => ({ dispose() {} }),
  };
}

test('knownKeys keeps every key seen this session: after another window changes or clears it, the old one is still redacted', async () => {
  const secrets = fakeSecrets();
  secrets.values.set(`${SECRET_PREFIX}prime`, 'pit_old0000111122223333aaaa');
  const keys = new KeyStore(secrets);
  assert.equal((await keys.get('prime'))?.key, 'pit_old0000111122223333aaaa');

  // Another window sets a new key; the registry invalidates the cache on the change event.
  secrets.values.set(`${SECRET_PREFIX}prime`, 'pit_new4444555566667777bbbb');
  keys.invalidate('prime');
  assert.equal((await keys.get('prime'))?.key, 'pit_new4444555566667777bbbb');
  assert.deepEqual(new Set(keys.knownKeys()), new Set(['pit_old0000111122223333aaaa', 'pit_new4444555566667777bbbb']));

  // Set here, then cleared: both stay known; invalidating everything forgets nothing either.
  await keys.set('ollama', 'local-key-123456', 'http://127.0.0.1:11434');
  await keys.delete('ollama');
  keys.invalidate();
  assert.equal(await keys.get('ollama'), undefined);
  assert.deepEqual(new Set(keys.knownKeys()), new Set(['pit_old0000111122223333aaaa', 'pit_new4444555566667777bbbb', 'local-key-123456']));
});

test('a key is stored with the origin it was checked against; a key saved before that reads without one', async () => {
  const secrets = fakeSecrets();
  const keys = new KeyStore(secrets);
  await keys.set('prime', 'pit_abc0000111122223333', 'https://api.pinference.ai');
  assert.deepEqual(JSON.parse(secrets.values.get(`${SECRET_PREFIX}prime`)!), { key: 'pit_abc0000111122223333', origin: 'https://api.pinference.ai' });
  keys.invalidate();
  assert.deepEqual(await keys.get('prime'), { key: 'pit_abc0000111122223333', origin: 'https://api.pinference.ai' });
  secrets.values.set(`${SECRET_PREFIX}legacy`, 'sk-legacy-0000111122223333');
  assert.deepEqual(await keys.get('legacy'), { key: 'sk-legacy-0000111122223333' });
  secrets.values.set(`${SECRET_PREFIX}odd`, '{not json');
  assert.deepEqual(await keys.get('odd'), { key: '{not json' }, 'a key that merely starts with "{" is read as it is');
});
