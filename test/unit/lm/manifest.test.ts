// The manifest entries of the native-chat provider: the management command, the text tool-call setting, and no
// language model tool shipped to users (the integration suites' tool lives in test/integration/tool-extension).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COMMANDS } from '../../../src/common/commands';
import { readManifest } from '../helpers/manifest';

const pkg = readManifest<{
  contributes: {
    languageModelChatProviders: Array<{ vendor: string; managementCommand?: string }>;
    languageModelTools?: unknown[];
    configuration: Array<{ properties: Record<string, { type?: string; default?: unknown; markdownDescription?: string }> }>;
  };
  enabledApiProposals?: unknown;
}>();

test('the provider entry opens the provider setup (add a provider, set its key) as its management command', () => {
  const entry = pkg.contributes.languageModelChatProviders.find((p) => p.vendor === 'inferenceChat');
  assert.equal(entry?.managementCommand, COMMANDS.switchProvider);
});

test('no proposed API is declared and no tool is contributed: the extension stays publishable and ships no test tool', () => {
  assert.equal(pkg.enabledApiProposals, undefined);
  assert.equal(pkg.contributes.languageModelTools, undefined);
  const tools = JSON.parse(readFileSync('test/integration/tool-extension/package.json', 'utf8')) as { contributes: { languageModelTools: Array<{ name: string }> } };
  assert.deepEqual(tools.contributes.languageModelTools.map((t) => t.name), ['inferenceChatTest_echo']);
});

test('inferenceChat.parseToolCallsFromText is a boolean, off by default, described', () => {
  const props = Object.assign({}, ...pkg.contributes.configuration.map((c) => c.properties)) as Record<string, { type?: string; default?: unknown; markdownDescription?: string }>;
  const setting = props['inferenceChat.parseToolCallsFromText'];
  assert.equal(setting?.type, 'boolean');
  assert.equal(setting?.default, false);
  assert.match(setting?.markdownDescription ?? '', /<tool_call>/);
});
