// Creates the provider registry (the TargetResolver the rest of the extension uses) and its commands.
import * as vscode from 'vscode';
import { KeyStore } from './keyStore';
import { RedactingLogger } from './logger';
import { registerProviderCommands } from './providerCommands';
import { ProviderRegistry } from './providerRegistry';

export { ProviderRegistry } from './providerRegistry';

export function registerProviders(context: vscode.ExtensionContext, deps: { log: vscode.LogOutputChannel }): ProviderRegistry {
  const keys = new KeyStore(context.secrets);
  const logger = new RedactingLogger(deps.log, () => keys.knownKeys());
  const registry = new ProviderRegistry(keys, logger);
  registry.watchSecrets(context.secrets);
  context.subscriptions.push(registry, ...registerProviderCommands(registry));
  return registry;
}
