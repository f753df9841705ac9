// Only wiring: create the features, register them, push every disposable into context.subscriptions.
// activate() does no network and no heavy work; it returns the API the integration tests drive.
import * as vscode from 'vscode';
import type { ExtensionApi } from './services';
import { registerProviders } from './providers/registerProviders';
import { registerChatView } from './views/registerChatView';
import { registerSelectionCommands } from './commands/registerSelectionCommands';
import { registerModelStatusBar } from './statusBar/registerModelStatusBar';
import { registerLanguageModelProvider } from './lm/registerLanguageModelProvider';

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = vscode.window.createOutputChannel('Inference Chat', { log: true });
  context.subscriptions.push(log);

  const targets = registerProviders(context, { log });
  const chat = registerChatView(context, { targets, log });
  registerSelectionCommands(context, { chat, log });
  registerModelStatusBar(context, { targets, log });
  registerLanguageModelProvider(context, { targets, log });

  return { chat, targets };
}

export function deactivate(): void {}
