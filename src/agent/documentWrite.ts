// Writes the agent's text into a file: an open document through a WorkspaceEdit of only the lines that differ (the
// user's other unsaved text, cursor and undo stack stay), then saved; a closed file on disk.
import * as vscode from 'vscode';
import { openDocument } from '../context/readGate';

/** The smallest [start, end) of `before` that must become `after`'s middle (common prefix and suffix kept). */
function changedRange(before: string, after: string): { start: number; endBefore: number; endAfter: number } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { start, endBefore, endAfter };
}

export async function replaceDocumentText(document: vscode.TextDocument, text: string): Promise<void> {
  const current = document.getText();
  if (current !== text) {
    const { start, endBefore, endAfter } = changedRange(current, text);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(endBefore)), text.slice(start, endAfter));
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code did not apply the edit.');
  }
  if (document.isDirty && !(await document.save())) throw new Error('VS Code did not save the file.');
}

/** The file's text becomes `text`: through its open document when VS Code holds one, else on disk. */
export async function writeFileText(uri: vscode.Uri, text: string): Promise<void> {
  const open = openDocument(uri);
  if (open && !open.isClosed) await replaceDocumentText(open, text);
  else await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}
