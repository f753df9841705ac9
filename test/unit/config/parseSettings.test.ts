import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PROMPTS, DEFAULTS, parseSettings, PROMPT_KINDS, SETTING_IDS, SETTING_NAMES, SETTINGS } from '../../../src/config/core/parseSettings';
import { ignoredWorkspaceSettingMessage, resolveByTrust, untrustedWorkspaceSettingMessage, userLevelValue, usedWorkspaceSettingMessage } from '../../../src/config/core/userScope';

test('defaults parse without problems and leave sampling to the server', () => {
  const { settings, problems } = parseSettings({});
  assert.deepEqual(problems, []);
  assert.equal(settings.provider, 'primeIntellect');
  assert.deepEqual(settings.sampling, {});
  assert.equal(settings.selectionMaxChars, 20_000);
  assert.deepEqual(settings.prompts, DEFAULT_PROMPTS);
});

test('valid sampling values become wire names', () => {
  const { settings, problems } = parseSettings({ temperature: 0.2, maxTokens: 512, topP: 0.9, stop: ['END'] });
  assert.deepEqual(problems, []);
  assert.deepEqual(settings.sampling, { temperature: 0.2, max_tokens: 512, top_p: 0.9, stop: ['END'] });
});

test('null sampling values mean "server default" and are not sent', () => {
  const { settings, problems } = parseSettings({ temperature: null, maxTokens: null, topP: null });
  assert.deepEqual(problems, []);
  assert.deepEqual(settings.sampling, {});
});

test('temperature out of range names the setting, the range and the value', () => {
  const { settings, problems } = parseSettings({ temperature: 3 });
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.setting, 'inferenceChat.temperature');
  assert.match(problems[0].message, /^Setting inferenceChat\.temperature must be between 0 and 2.*\(found 3\)\.$/);
  assert.equal(settings.sampling.temperature, undefined, 'a bad value is never used');
});

test('each numeric setting reports its own range', () => {
  const cases: Array<[Parameters<typeof parseSettings>[0], string, RegExp]> = [
    [{ topP: 1.5 }, 'inferenceChat.topP', /between 0 and 1.*found 1\.5/],
    [{ maxTokens: 0 }, 'inferenceChat.maxTokens', /whole number of at least 1.*found 0/],
    [{ maxTokens: 2.5 }, 'inferenceChat.maxTokens', /whole number of at least 1/],
    [{ temperature: 'hot' }, 'inferenceChat.temperature', /between 0 and 2.*found "hot"/],
    [{ selectionMaxChars: 10 }, 'inferenceChat.selection.maxChars', /between 100 and 2000000/],
    [{ requestTimeoutSeconds: 1 }, 'inferenceChat.requestTimeoutSeconds', /between 5 and 3600/],
    [{ stop: ['ok', ''] }, 'inferenceChat.stop', /non-empty strings/],
    [{ models: { a: 1 } }, 'inferenceChat.models', /object mapping provider ids to model ids/],
  ];
  for (const [raw, setting, pattern] of cases) {
    const { problems } = parseSettings(raw);
    assert.equal(problems.length, 1, setting);
    assert.equal(problems[0]?.setting, setting);
    assert.ok(problems[0].message.startsWith(`Setting ${setting} must `), problems[0].message);
    assert.match(problems[0].message, pattern);
  }
});

test('a bad prompt template is reported under its own setting id', () => {
  const { settings, problems } = parseSettings({ promptFix: '' });
  assert.equal(problems[0]?.setting, 'inferenceChat.prompts.fix');
  assert.equal(settings.prompts.fix, DEFAULT_PROMPTS.fix);
});

test('custom providers: valid entries kept, malformed ones reported with index, id and field', () => {
  const { settings, problems } = parseSettings({
    customProviders: [
      { id: 'ollama', name: 'Ollama', baseUrl: 'http://localhost:11434/v1' },
      { id: 'broken', name: 'Broken' },
      { id: 'bad headers', name: 'X', baseUrl: 'https://x.example/v1' },
      { id: 'ollama', name: 'Again', baseUrl: 'http://localhost:1/v1' },
      { id: 'auth', name: 'Auth', baseUrl: 'https://a.example/v1', headers: { Authorization: 'Bearer x' } },
    ],
  });
  assert.deepEqual(settings.customProviders.map((p) => p.id), ['ollama']);
  assert.equal(problems.length, 4);
  assert.match(problems[0]!.message, /inferenceChat\.customProviders\[1\] \("broken"\)\.baseUrl is required/);
  assert.equal(problems[0]!.providerId, 'broken');
  assert.match(problems[1]!.message, /customProviders\[2\].*\.id must be/);
  assert.match(problems[2]!.message, /repeats the id "ollama"/);
  assert.match(problems[3]!.message, /must not contain "Authorization"/);
  for (const p of problems) assert.equal(p.setting, 'inferenceChat.customProviders');
});

test('customProviders that is not a list is reported', () => {
  const { settings, problems } = parseSettings({ customProviders: { id: 'x' } });
  assert.deepEqual(settings.customProviders, []);
  assert.match(problems[0]!.message, /^Setting inferenceChat\.customProviders must be a list/);
});

test('userLevelValue takes globalValue ?? defaultValue and flags workspace values', () => {
  assert.deepEqual(userLevelValue({ defaultValue: 'primeIntellect' }), { value: 'primeIntellect', ignoredWorkspaceValue: false });
  assert.deepEqual(userLevelValue({ defaultValue: 'primeIntellect', globalValue: 'solidRust' }), { value: 'solidRust', ignoredWorkspaceValue: false });
  assert.deepEqual(
    userLevelValue({ defaultValue: 'primeIntellect', globalValue: 'solidRust', workspaceValue: 'evil' }),
    { value: 'solidRust', ignoredWorkspaceValue: true },
  );
  assert.deepEqual(userLevelValue({ defaultValue: [], workspaceFolderValue: [{ id: 'evil' }] }), { value: [], ignoredWorkspaceValue: true });
  assert.deepEqual(userLevelValue(undefined), { value: undefined, ignoredWorkspaceValue: false });
  assert.match(ignoredWorkspaceSettingMessage('inferenceChat.provider'), /ignored workspace setting inferenceChat\.provider: request destinations can only be set in user settings/i);
});

test('package.json contributes exactly the table: same defaults; user-only at application scope; model-steering restricted in untrusted workspaces', () => {
  const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
    capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
    contributes: { configuration: Array<{ properties: Record<string, { default?: unknown; scope?: string }> }> };
  };
  const props = Object.assign({}, ...pkg.contributes.configuration.map((c) => c.properties)) as Record<string, { default?: unknown; scope?: string }>;
  assert.deepEqual(Object.keys(props).sort(), SETTING_NAMES.map((n) => SETTING_IDS[n]).sort(), 'contributed settings = the table');
  for (const name of SETTING_NAMES) {
    const id = SETTING_IDS[name];
    assert.deepEqual(props[id]!.default, DEFAULTS[name], `${id} default`);
    if (SETTINGS[name].trust === 'user') assert.equal(props[id]!.scope, 'application', `${id} must be application-scoped`);
    else assert.notEqual(props[id]!.scope, 'application', `${id} is not user-only`);
  }
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(
    [...pkg.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(),
    SETTING_NAMES.filter((n) => SETTINGS[n].trust === 'trustedWorkspace').map((n) => SETTING_IDS[n]).sort(),
  );
  assert.deepEqual(DEFAULT_PROMPTS, Object.fromEntries(PROMPT_KINDS.map((k) => [k, props[`inferenceChat.prompts.${k}`]!.default])));
});

test('trust policy: user-only settings ignore workspaces; model-steering ones count only when trusted; the rest always', () => {
  const inspected = { defaultValue: 'd', globalValue: 'user', workspaceValue: 'ws' };
  assert.deepEqual(resolveByTrust('user', inspected, true), { value: 'user', workspace: 'ignoredUserOnly' });
  assert.deepEqual(resolveByTrust('trustedWorkspace', inspected, true), { value: 'ws', workspace: 'used' });
  assert.deepEqual(resolveByTrust('trustedWorkspace', inspected, false), { value: 'user', workspace: 'ignoredUntrusted' });
  assert.deepEqual(resolveByTrust('trustedWorkspace', { defaultValue: 'd', workspaceFolderValue: 'folder', workspaceValue: 'ws' }, true), { value: 'folder', workspace: 'used' });
  assert.deepEqual(resolveByTrust('trustedWorkspace', { defaultValue: 'd' }, false), { value: 'd' });
  assert.deepEqual(resolveByTrust('any', inspected, false), { value: 'ws' });
  assert.deepEqual(resolveByTrust('any', undefined, true), { value: undefined });
  assert.match(untrustedWorkspaceSettingMessage('inferenceChat.systemPrompt'), /not trusted \(Restricted Mode\).*inferenceChat\.systemPrompt|inferenceChat\.systemPrompt.*not trusted/);
  assert.match(usedWorkspaceSettingMessage('inferenceChat.systemPrompt'), /^Using inferenceChat\.systemPrompt from this workspace's settings/);
});

test('model overrides: valid entries kept, each broken one named by model id and field', () => {
  const { settings, problems } = parseSettings({
    modelOverrides: {
      'vllm-primary': { contextWindow: 32768, toolCalling: true },
      'openai/gpt-4o': { vision: true, reasoningEffort: 'high', extraBody: { top_k: 20 } },
      bad1: { contextWindow: -5 },
      bad2: { reasoningEffort: 'max' },
      bad3: { extraBody: { messages: [] } },
      bad4: { colour: 'blue' },
      bad5: 'big',
    },
  });
  assert.deepEqual(settings.modelOverrides, {
    'vllm-primary': { contextWindow: 32768, toolCalling: true },
    'openai/gpt-4o': { vision: true, reasoningEffort: 'high', extraBody: { top_k: 20 } },
  });
  assert.deepEqual(problems.map((p) => p.message), [
    'Setting inferenceChat.modelOverrides["bad1"].contextWindow must be a whole number of tokens of at least 1 (found -5).',
    'Setting inferenceChat.modelOverrides["bad2"].reasoningEffort must be "low", "medium" or "high" (found "max").',
    'Setting inferenceChat.modelOverrides["bad3"].extraBody must not set "messages": the extension sets it itself.',
    'Setting inferenceChat.modelOverrides["bad4"].colour is not an override; use contextWindow, maxOutputTokens, vision, toolCalling, reasoningEffort, extraBody.',
    'Setting inferenceChat.modelOverrides["bad5"] must be an object such as {"contextWindow": 32768, "vision": true} (found "big").',
  ]);
  assert.match(parseSettings({ modelOverrides: [] }).problems[0]!.message, /must be an object mapping model ids to overrides/);
});
