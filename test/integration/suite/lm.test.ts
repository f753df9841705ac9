// The active provider's models in VS Code's native chat API (vscode.lm).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server';
import { configureFixtureProvider, resetProviders } from '../helpers/fixtureProvider';
import { waitFor } from '../../helpers/waitFor';

suite('lm: models in the native chat API', () => {
  let server: FixtureServer;

  suiteSetup(async () => {
    // The harness turns AI features off for quiet runs; this suite needs the language model API.
    await vscode.workspace.getConfiguration('chat').update('disableAIFeatures', false, vscode.ConfigurationTarget.Global);
    server = await startFixtureServer();
    await configureFixtureProvider(server.url);
  });
  suiteTeardown(async () => {
    await resetProviders();
    await server.close();
    await vscode.workspace.getConfiguration('chat').update('disableAIFeatures', undefined, vscode.ConfigurationTarget.Global);
  });

  test('lists the provider models and streams a reply', async () => {
    const models = await waitFor('vscode.lm to list the inferenceChat models', async () => {
      const found = await vscode.lm.selectChatModels({ vendor: 'inferenceChat' });
      return found.length > 0 ? found : undefined;
    });
    const model = models.find((m) => m.id === 'fixture-model') ?? models[0]!;
    assert.equal(model.vendor, 'inferenceChat');
    assert.ok(model.maxInputTokens > 0);

    server.setReply('Hello from the fixture through vscode.lm.');
    const source = new vscode.CancellationTokenSource();
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Say hello')], {}, source.token);
    let text = '';
    for await (const part of response.text) text += part;
    assert.equal(text, 'Hello from the fixture through vscode.lm.');
    const body = server.requests.filter((r) => r.path.endsWith('/chat/completions')).pop()?.body as {
      model: string;
      messages: Array<{ role: string; content: string }>;
    };
    assert.equal(body.model, model.id);
    assert.deepEqual(body.messages, [{ role: 'user', content: 'Say hello' }]);
  });
});
