// PLACEHOLDER — replaced by the status-bar model picker work. Keep the exported signature.
import * as vscode from 'vscode';
import type { TargetResolver } from '../services';

export function registerModelStatusBar(
  context: vscode.ExtensionContext,
  deps: { targets: TargetResolver; log: vscode.LogOutputChannel },
): void {
  void context;
  void deps;
}
