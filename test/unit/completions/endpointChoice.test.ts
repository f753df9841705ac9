import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  chooseEndpoint,
  EndpointMemory,
  endpointKey,
  type CompletionEndpoint,
  type EndpointFacts,
} from '../../../src/completions/core/endpointChoice';
import { format, setTranslator } from '../../../src/common/l10n';

const facts = (over: Partial<EndpointFacts> = {}): EndpointFacts => ({
  llamaServer: false,
  family: undefined,
  unsupported: new Set<CompletionEndpoint>(),
  ...over,
});

test('auto: /infill on llama-server', () => {
  const choice = chooseEndpoint('auto', facts({ llamaServer: true, family: 'qwen' }));
  assert.equal(choice.endpoint, 'infill');
  assert.match(choice.why, /llama-server/);
  assert.equal(chooseEndpoint('auto', facts({ llamaServer: true })).endpoint, 'infill', 'the server knows the model\'s tokens');
});

test('auto: /completions with the family\'s template when infill is not there or answered unsupported (501)', () => {
  const plain = chooseEndpoint('auto', facts({ family: 'deepseek' }));
  assert.equal(plain.endpoint, 'completions');
  assert.match(plain.why, /DeepSeek-Coder/);
  const refused = chooseEndpoint('auto', facts({ llamaServer: true, family: 'qwen', unsupported: new Set(['infill']) }));
  assert.equal(refused.endpoint, 'completions');
  assert.match(refused.why, /Qwen2\.5-Coder/);
});

test('auto: chat, saying why, when no family is known or completions answered unsupported', () => {
  const unknown = chooseEndpoint('auto', facts());
  assert.equal(unknown.endpoint, 'chat');
  assert.match(unknown.why, /slower/);
  assert.match(unknown.why, /no fill-in-the-middle format is known/);
  const refused = chooseEndpoint('auto', facts({ family: 'qwen', unsupported: new Set(['completions']) }));
  assert.equal(refused.endpoint, 'chat');
  assert.match(refused.why, /does not take raw completions/);
  const both = chooseEndpoint('auto', facts({ llamaServer: true, family: 'qwen', unsupported: new Set(['infill', 'completions']) }));
  assert.equal(both.endpoint, 'chat');
});

test('the user\'s explicit choice wins, even over what was learned', () => {
  for (const setting of ['infill', 'completions', 'chat'] as const) {
    const choice = chooseEndpoint(setting, facts({ llamaServer: true, family: 'qwen' }));
    assert.equal(choice.endpoint, setting);
    assert.match(choice.why, /chosen in the settings/);
  }
  const refused = chooseEndpoint('infill', facts({ unsupported: new Set(['infill']) }));
  assert.equal(refused.endpoint, 'infill');
  assert.match(refused.why, /does not support it/);
});

test('why goes through l10n.t', () => {
  setTranslator((message, args) => `[${message}|${args.join(',')}]`);
  try {
    assert.match(chooseEndpoint('auto', facts({ family: 'codegemma' })).why, /^\[completions: .*\|CodeGemma\]$/);
  } finally {
    setTranslator(format);
  }
});

test('EndpointMemory: facts per provider and model; an unsupported endpoint is kept across new facts', () => {
  const memory = new EndpointMemory();
  const key = endpointKey('local', 'qwen2.5-coder:1.5b-base');
  assert.equal(memory.facts(key), undefined);
  memory.markUnsupported(key, 'completions');
  assert.equal(memory.facts(key), undefined, 'no facts yet');
  memory.remember(key, facts({ llamaServer: true, family: 'qwen' }));
  assert.deepEqual([...(memory.facts(key)?.unsupported ?? [])], ['completions'], 'learned before the facts, kept');
  memory.markUnsupported(key, 'infill');
  memory.remember(key, facts({ llamaServer: true, family: 'qwen' }));
  const known = memory.facts(key);
  assert.deepEqual(new Set(known?.unsupported), new Set(['infill', 'completions']));
  assert.equal(known?.llamaServer, true);
  assert.equal(known && chooseEndpoint('auto', known).endpoint, 'chat');
  assert.equal(memory.facts(endpointKey('local', 'other')), undefined, 'another model knows nothing');
  assert.notEqual(endpointKey('a', 'b/c'), endpointKey('a/b', 'c'));
});
