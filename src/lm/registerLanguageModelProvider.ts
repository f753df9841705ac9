// PLACEHOLDER — replaced by the native-chat language model provider work. Keep the exported signature.
import * as vscode from 'vscode';
import type { TargetResolver } from '../services';

export function registerLanguageModelProvider(
  context: vscode.ExtensionContext,
  deps: { targets: TargetResolver; log: vscode.LogOutputChannel },
): void {
  void context;
  void deps;
}
