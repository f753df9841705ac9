// `npm start`'s profile rules (test/harness/lib/start-profile.mjs) and which Local demo it picks (local-demo.mjs).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { chooseDemo } from '../../harness/lib/local-demo.mjs';
import { parseJsonc, updateStartSettings, withLocalDemo } from '../../harness/lib/start-profile.mjs';

const DEMO = { baseUrl: 'http://127.0.0.1:4000/v1', model: 'demo/coder-small', models: ['demo/coder-small', 'demo/reasoning'] };
const ENTRY = { id: 'localDemo', name: 'Local demo', baseUrl: DEMO.baseUrl };

describe('npm start profile', () => {
  test('a new profile: quiet settings, the demo provider added, selected, with its model', () => {
    const r = withLocalDemo(undefined, DEMO);
    assert.equal(r.isNew, true);
    assert.equal(r.selected, true);
    assert.equal(r.settings['workbench.startupEditor'], 'none');
    assert.deepEqual(r.settings['inferenceChat.customProviders'], [ENTRY]);
    assert.equal(r.settings['inferenceChat.provider'], 'localDemo');
    assert.deepEqual(r.settings['inferenceChat.models'], { localDemo: 'demo/coder-small' });
  });

  test('the next run updates the port, keeps the other providers and the model the user picked', () => {
    const previous = {
      'inferenceChat.customProviders': [{ id: 'ollama', name: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1' }, { ...ENTRY, baseUrl: 'http://127.0.0.1:1/v1', headers: { 'X-A': 'b' } }],
      'inferenceChat.provider': 'localDemo',
      'inferenceChat.models': { localDemo: 'demo/reasoning', ollama: 'llama3' },
      'editor.fontSize': 15,
    };
    const r = withLocalDemo(previous, DEMO);
    assert.equal(r.isNew, false);
    assert.equal(r.selected, true, 'the demo was selected, so it stays selected');
    assert.deepEqual(r.settings['inferenceChat.customProviders'], [previous['inferenceChat.customProviders'][0], { ...ENTRY, headers: { 'X-A': 'b' } }]);
    assert.deepEqual(r.settings['inferenceChat.models'], { localDemo: 'demo/reasoning', ollama: 'llama3' });
    assert.equal(r.settings['editor.fontSize'], 15);
    assert.equal(r.settings['workbench.startupEditor'], undefined, 'an existing profile gets no settings it did not have');
  });

  test('a user who chose another provider keeps it; the demo is only added', () => {
    const r = withLocalDemo({ 'inferenceChat.provider': 'primeIntellect' }, DEMO);
    assert.equal(r.selected, false);
    assert.equal(r.settings['inferenceChat.provider'], 'primeIntellect');
    assert.deepEqual(r.settings['inferenceChat.customProviders'], [ENTRY]);
    const untouched = withLocalDemo({}, DEMO);
    assert.equal(untouched.selected, false, 'an existing profile without a choice uses the default provider, not the demo');
  });

  test('workspace trust stays on: a new profile does not turn it off, and an old profile\'s `false` (npm start wrote it) is dropped', () => {
    const fresh = withLocalDemo(undefined, DEMO);
    assert.equal(fresh.settings['security.workspace.trust.enabled'], undefined);
    assert.equal(fresh.trustTurnedOn, false);
    const old = withLocalDemo({ 'security.workspace.trust.enabled': false, 'editor.fontSize': 15 }, DEMO);
    assert.equal('security.workspace.trust.enabled' in old.settings, false);
    assert.equal(old.trustTurnedOn, true, 'start.mjs says so');
    assert.equal(old.settings['editor.fontSize'], 15);
    assert.equal(withLocalDemo({ 'security.workspace.trust.enabled': true }, DEMO).settings['security.workspace.trust.enabled'], true);
  });

  test('a model the demo no longer serves (llama-server last time) falls back to the demo model', () => {
    const r = withLocalDemo({ 'inferenceChat.provider': 'localDemo', 'inferenceChat.models': { localDemo: 'tinyllama' } }, DEMO);
    assert.deepEqual(r.settings['inferenceChat.models'], { localDemo: 'demo/coder-small' });
  });

  test('settings.json with comments and trailing commas is read; one that cannot be parsed is left alone', () => {
    assert.deepEqual(parseJsonc('{\n  // mine\n  "a": "x,] // not a comment", /* b */ "b": [1, 2,],\n}\n'), { a: 'x,] // not a comment', b: [1, 2] });
    const dir = mkdtempSync(join(tmpdir(), 'infchat-unit-profile-'));
    try {
      mkdirSync(join(dir, 'User'));
      const file = join(dir, 'User', 'settings.json');
      writeFileSync(file, '{ "editor.fontSize": 15, }');
      const ok = updateStartSettings(dir, DEMO);
      assert.ok(!('error' in ok) && ok.selected === false);
      assert.equal((JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)['editor.fontSize'], 15);
      writeFileSync(file, '{ "editor.fontSize": ');
      const broken = updateStartSettings(dir, DEMO);
      assert.ok('error' in broken);
      assert.equal(readFileSync(file, 'utf8'), '{ "editor.fontSize": ', 'the unreadable file is unchanged');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('llama-server runs only with LLAMA_SERVER and LLAMA_GGUF (both existing); the alias is the file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'infchat-unit-llama-'));
    try {
      const bin = join(dir, 'llama-server');
      const gguf = join(dir, 'SmolLM2-135M-Instruct-Q8_0.gguf');
      writeFileSync(bin, '');
      writeFileSync(gguf, '');
      assert.deepEqual(chooseDemo({}), { kind: 'fixture' });
      assert.deepEqual(chooseDemo({ LLAMA_SERVER: bin }), { kind: 'fixture' }, 'CI sets LLAMA_SERVER alone for the real-server suite');
      assert.deepEqual(chooseDemo({ LLAMA_SERVER: bin, LLAMA_GGUF: gguf }), { kind: 'llama', binary: bin, gguf, alias: 'SmolLM2-135M-Instruct-Q8_0' });
      assert.deepEqual(chooseDemo({ LLAMA_SERVER: bin, LLAMA_GGUF: gguf, LLAMA_ALIAS: 'smol' }), { kind: 'llama', binary: bin, gguf, alias: 'smol' });
      assert.deepEqual(chooseDemo({ LLAMA_SERVER: bin, LLAMA_GGUF: gguf, INFCHAT_START_DEMO: 'fixture' }), { kind: 'fixture' });
      const insisted = chooseDemo({ LLAMA_SERVER: bin, LLAMA_GGUF: join(dir, 'missing.gguf'), INFCHAT_START_DEMO: 'llama' });
      assert.equal(insisted.kind, 'fixture');
      assert.match('note' in insisted ? insisted.note ?? '' : '', /LLAMA_GGUF .*missing\.gguf.* does not exist/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
