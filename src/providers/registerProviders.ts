// Creates the provider registry (the TargetResolver the rest of the extension uses) and its commands.
import type * as vscode from 'vscode';
import type { RedactingLogger } from '../common/logger';
import type { KeyStore } from './keyStore';
import { registerProviderCommands } from './providerCommands';
import { ProviderRegistry } from './providerRegistry';

export { ProviderRegistry } from './providerRegistry';

export function registerProviders(context: vscode.ExtensionContext, deps: { keys: KeyStore; log: RedactingLogger }): ProviderRegistry {
  const registry = new ProviderRegistry(deps.keys, deps.log);
  registry.watchSecrets(context.secrets);
  context.subscriptions.push(registry, ...registerProviderCommands(registry));
  return registry;
}
