// Creates the provider registry (the ProviderService the rest of the extension uses) from its parts, and
// its commands.
import type * as vscode from 'vscode';
import type { RedactingLogger } from '../common/logger';
import { SettingsStore } from '../config/settingsStore';
import { ClientFactory } from './clientFactory';
import type { KeyStore } from './keyStore';
import { RecentModels } from './recentModels';
import { registerProviderCommands } from './providerCommands';
import { ProviderRegistry } from './providerRegistry';

export function registerProviders(context: vscode.ExtensionContext, deps: { keys: KeyStore; log: RedactingLogger }): ProviderRegistry {
  const settings = new SettingsStore(deps.log);
  const registry = new ProviderRegistry(settings, deps.keys, new ClientFactory(deps.log), new RecentModels(context.globalState), deps.log);
  registry.watchSecrets(context.secrets);
  context.subscriptions.push(settings, registry, ...registerProviderCommands(registry, deps.log));
  return registry;
}
