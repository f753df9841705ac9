// PLACEHOLDER — replaced by the providers/keys/settings work. Keep the exported signature.
import * as vscode from 'vscode';
import type { TargetResolver } from '../services';
import { UserFacingError } from '../services';

export function registerProviders(context: vscode.ExtensionContext, deps: { log: vscode.LogOutputChannel }): TargetResolver {
  void context;
  void deps;
  const emitter = new vscode.EventEmitter<void>();
  return {
    resolve: async () => {
      throw new UserFacingError('Providers are not wired yet.', 'config', []);
    },
    describe: async () => ({ providerName: 'Prime Intellect', hasKey: false }),
    onDidChange: emitter.event,
  };
}
