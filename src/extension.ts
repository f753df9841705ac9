// Only wiring: create the features, register them, push every disposable into context.subscriptions.
import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Wired once the features land.
}

export function deactivate(): void {}
