// Creates the provider registry (the ProviderService the rest of the extension uses) from its parts, and
// its commands.
import type * as vscode from 'vscode';
import type { RedactingLogger } from '../common/logger';
import type { SettingsStore } from '../config/settingsStore';
import { ClientFactory } from './core/clientFactory';
import type { KeyStore } from './keyStore';
import { RecentModels } from './core/recentModels';
import { registerProviderCommands } from './providerCommands';
import { ProviderRegistry } from './providerRegistry';

export function registerProviders(
  context: vscode.ExtensionContext,
  deps: { settings: SettingsStore; keys: KeyStore; log: RedactingLogger },
): ProviderRegistry {
  const registry = new ProviderRegistry(deps.settings, deps.keys, new ClientFactory(deps.log), new RecentModels(context.globalState), deps.log);
  registry.watchSecrets(context.secrets);
  context.subscriptions.push(registry, ...registerProviderCommands(registry, deps.log));
  return registry;
}
