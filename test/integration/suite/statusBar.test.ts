// The model picker: lists GET /models (cached), and choosing sets the model for new requests.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FIXTURE_MODELS, startFixtureServer, type FixtureServer } from '../../fixtures/server';
import { buildModelPickEntries } from '../../../src/statusBar/core/modelPickerItems';
import { configureFixtureProvider, FIXTURE_PROVIDER_ID, providerService, resetProviders } from '../helpers/fixtureProvider';

suite('statusBar: model picker', () => {
  let server: FixtureServer;

  suiteSetup(async () => {
    server = await startFixtureServer();
    await configureFixtureProvider(server.url);
  });
  suiteTeardown(async () => {
    await resetProviders();
    await server.close();
  });

  test('lists the provider models with details, from a cache after the first fetch', async () => {
    const registry = await providerService();
    const models = await registry.listModels({ force: true });
    assert.deepEqual(models.map((m) => m.id).sort(), FIXTURE_MODELS.map((m) => m.id).sort());
    const listed = server.requests.filter((r) => r.path.endsWith('/models')).length;
    await registry.listModels();
    assert.equal(server.requests.filter((r) => r.path.endsWith('/models')).length, listed, 'the second listing hit the network');
    const entries = buildModelPickEntries('Fixture', models, registry.currentModel(FIXTURE_PROVIDER_ID));
    const llama = entries.find((e) => e.type === 'model' && e.modelId === 'meta-llama/llama-3.1-70b-instruct');
    assert.ok(llama && llama.type === 'model');
    assert.equal(llama.detail, 'meta · 128K context · $0.88 in / $0.88 out per 1M tokens');
  });

  test('choosing a model sets it for new requests (user-level inferenceChat.models)', async () => {
    const registry = await providerService();
    const chosen = 'anthropic/claude-3-5-sonnet-20241022';
    await vscode.commands.executeCommand('inferenceChat.pickModel', chosen);
    assert.equal((await registry.describe()).model, chosen);
    const inspected = vscode.workspace.getConfiguration('inferenceChat').inspect<Record<string, string>>('models');
    assert.equal(inspected?.globalValue?.[FIXTURE_PROVIDER_ID], chosen);
    const target = await registry.resolve();
    assert.equal(target.model, chosen);
    const before = server.requests.length;
    for await (const event of target.client.streamChat({ model: target.model, messages: [{ role: 'user', content: 'hi' }] })) void event;
    assert.equal((server.requests[before]?.body as { model?: string }).model, chosen);
  });
});
