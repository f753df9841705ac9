// Files, open editors and selections as attachments: read through VS Code (an open document's text, dirty
// edits included; otherwise the file's bytes), named by their workspace-relative path.
import * as vscode from 'vscode';
import { type AttachResult, excludedRefusal, fileAttachment, MAX_ATTACHMENT_CHARS, selectionAttachment, tooLargeFile } from '../chat/attachments';
import { l10n } from '../common/l10n';
import type { Exclusions } from './exclusions';

export function displayName(uri: vscode.Uri): string {
  return uri.scheme === 'untitled' ? uri.path : vscode.workspace.asRelativePath(uri, false);
}

function languageOf(uri: vscode.Uri): string {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.languageId;
  const ext = /\.([\w-]+)$/.exec(uri.path)?.[1];
  return ext ?? 'text';
}

/** A file by URI: refused when excluded, a folder, binary or too large. */
export async function fileFromUri(uri: vscode.Uri, exclusions: Exclusions): Promise<AttachResult> {
  const name = displayName(uri);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return documentAttachment(open);
  const rule = await exclusions.ruleFor(uri);
  if (rule) return excludedRefusal(name, rule);
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    return { ok: false, refusal: { name, message: l10n.t('{0} could not be read.', name) } };
  }
  if (stat.type & vscode.FileType.Directory) {
    return { ok: false, refusal: { name, message: l10n.t('{0} is a folder: attach the files in it one by one.', name) } };
  }
  // Far beyond the limit: say so without reading it (4 bytes per character at most).
  if (stat.size > MAX_ATTACHMENT_CHARS * 4) return tooLargeFile(name, stat.size);
  const bytes = await vscode.workspace.fs.readFile(uri);
  return fileAttachment({ fileName: name, languageId: languageOf(uri), bytes });
}

/** An open document, as it is in the editor (unsaved edits included). */
export function documentAttachment(document: vscode.TextDocument): AttachResult {
  return fileAttachment({ fileName: displayName(document.uri), languageId: document.languageId, bytes: new TextEncoder().encode(document.getText()) });
}

/** The selection's lines, 1-based; a selection ending at column 0 of a line does not include that line. */
export function selectionLines(selection: vscode.Selection): { start: number; end: number } {
  const end = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line - 1 : selection.end.line;
  return { start: selection.start.line + 1, end: end + 1 };
}

export function selectionFromEditor(editor: vscode.TextEditor): AttachResult {
  const { document, selection } = editor;
  const lines = selectionLines(selection);
  return selectionAttachment({
    fileName: displayName(document.uri),
    languageId: document.languageId,
    startLine: lines.start,
    endLine: lines.end,
    code: document.getText(selection),
  });
}
