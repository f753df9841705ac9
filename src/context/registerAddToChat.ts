// "Add to Chat" in the explorer's and the editor's context menus: the chosen files (or the editor's selection,
// or its whole file when nothing is selected) become attachments of the chat's next message. The user's own
// action, so each goes through the read gate as 'attach': an excluded or secret-shaped file (an open `.env`
// too) is attached only after a yes in VS Code's modal dialog; a refusal says why.
import * as vscode from 'vscode';
import type { AttachResult } from '../prompt/attachments';
import { COMMANDS } from '../common/commands';
import type { EditorContextSource } from './editorContextSource';

export function registerAddToChat(
  context: vscode.ExtensionContext,
  deps: { source: EditorContextSource; attach: (results: readonly AttachResult[]) => Promise<void> },
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.addToChat, async (uri?: unknown, uris?: unknown) => {
      const chosen = (Array.isArray(uris) ? uris : [uri]).filter((u): u is vscode.Uri => u instanceof vscode.Uri);
      const editor = vscode.window.activeTextEditor;
      let results: AttachResult[];
      if (chosen.length > 0 && !(editor && chosen.length === 1 && chosen[0]!.toString() === editor.document.uri.toString() && !editor.selection.isEmpty)) {
        results = await deps.source.fromUriList(chosen, 'attach');
      } else if (editor) {
        results = [await deps.source.fromEditor(editor, 'attach')];
      } else {
        void vscode.window.showInformationMessage(vscode.l10n.t('Inference Chat: choose a file in the explorer or open one in an editor first.'));
        return;
      }
      await deps.attach(results);
    }),
  );
}
