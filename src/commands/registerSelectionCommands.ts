// PLACEHOLDER — replaced by the commands work. Keep the exported signature.
import * as vscode from 'vscode';
import type { ChatService } from '../services';

export function registerSelectionCommands(
  context: vscode.ExtensionContext,
  deps: { chat: ChatService; log: vscode.LogOutputChannel },
): void {
  void context;
  void deps;
}
