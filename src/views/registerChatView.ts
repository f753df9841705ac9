// PLACEHOLDER — replaced by the sidebar chat work. Keep the exported signature.
import * as vscode from 'vscode';
import type { ExtensionApi, TargetResolver } from '../services';
import type { HostToWebview } from '../protocol';

export function registerChatView(
  context: vscode.ExtensionContext,
  deps: { targets: TargetResolver; log: vscode.LogOutputChannel },
): ExtensionApi['chat'] {
  void context;
  void deps;
  const posted = new vscode.EventEmitter<HostToWebview>();
  return {
    ask: async () => {},
    reveal: async () => {},
    newChat: async () => {},
    handleWebviewMessage: async () => {},
    onDidPostMessage: posted.event,
  };
}
