// Points the extension at the loopback fixture server for integration tests, through the same registry
// (settings + SecretStorage) a user goes through. Used by every integration suite that sends requests.
import * as vscode from 'vscode';
import type { ProviderService } from '../../../src/providers/core/providerService';
import type { ExtensionApi } from '../../../src/extensionApi';

export const FIXTURE_PROVIDER_ID = 'fixture';
/** Used when the fixture server's /models cannot be listed. */
export const FIXTURE_FALLBACK_MODEL = 'fixture/test-model';

const EXTENSION_ID = 'infchat.inference-chat';

export async function extensionApi(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`Extension ${EXTENSION_ID} is not installed in this host.`);
  return extension.activate();
}

/** The extension's providers, keys and models (activate() returns them, typed, as `providers`). */
export async function providerService(): Promise<ProviderService> {
  return (await extensionApi()).providers;
}

/**
 * Adds the custom provider "fixture" → serverUrl (e.g. 'http://127.0.0.1:PORT/v1') at the user level, makes
 * it active, stores apiKey (if given) in SecretStorage, and chooses the first model the server lists.
 */
export async function configureFixtureProvider(serverUrl: string, apiKey?: string): Promise<void> {
  const registry = await providerService();
  const config = vscode.workspace.getConfiguration('inferenceChat');
  await config.update(
    'customProviders',
    [{ id: FIXTURE_PROVIDER_ID, name: 'Fixture', baseUrl: serverUrl }],
    vscode.ConfigurationTarget.Global,
  );
  await registry.setActiveProvider(FIXTURE_PROVIDER_ID);
  if (apiKey !== undefined) await registry.setApiKey(FIXTURE_PROVIDER_ID, apiKey);
  else await registry.clearApiKey(FIXTURE_PROVIDER_ID);
  let model = FIXTURE_FALLBACK_MODEL;
  try {
    const models = await registry.listModels({ providerId: FIXTURE_PROVIDER_ID, force: true });
    model = models[0]?.id ?? model;
  } catch {
    // The scenario may refuse /models (e.g. 'unauthorized'); the fallback model keeps resolve() working.
  }
  await registry.setModel(FIXTURE_PROVIDER_ID, model);
  if (registry.activeProviderId() !== FIXTURE_PROVIDER_ID) {
    throw new Error(`configureFixtureProvider: the active provider is still "${registry.activeProviderId()}".`);
  }
}

/** Removes the fixture provider, its key and every user-level provider/model/sampling setting the tests set. */
export async function resetProviders(): Promise<void> {
  const registry = await providerService();
  await registry.clearApiKey(FIXTURE_PROVIDER_ID).catch(() => undefined);
  const config = vscode.workspace.getConfiguration('inferenceChat');
  for (const key of [
    'provider',
    'customProviders',
    'models',
    'primeIntellect.teamId',
    'temperature',
    'maxTokens',
    'topP',
    'stop',
    'systemPrompt',
    'selection.maxChars',
    'completions.enabled',
    'completions.provider',
    'completions.model',
    'completions.endpoint',
    'completions.debounceMs',
    'completions.maxTokens',
    'completions.languages',
    'completions.lines',
  ]) {
    await config.update(key, undefined, vscode.ConfigurationTarget.Global);
  }
  registry.invalidateModels();
}
