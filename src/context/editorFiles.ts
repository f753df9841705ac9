// Files, open editors and selections as attachments, each through the read gate (readGate.ts): an open document's
// text (dirty edits included), otherwise the file's bytes read bounded; named by their workspace-relative path.
import * as vscode from 'vscode';
import { type AttachResult, fileAttachment, MAX_ATTACHMENT_CHARS, selectionAttachment } from '../prompt/attachments';
import type { ReadPurpose, ReadReason } from './core/readPolicy';
import { refusalMessage } from './core/readReasons';
import type { ReadGate } from './readGate';

export function displayName(uri: vscode.Uri): string {
  return uri.scheme === 'untitled' ? uri.path : vscode.workspace.asRelativePath(uri, false);
}

function languageOf(uri: vscode.Uri): string {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.languageId;
  const ext = /\.([\w-]+)$/.exec(uri.path)?.[1];
  return ext ?? 'text';
}

export function refused(name: string, reason: ReadReason): AttachResult {
  return { ok: false, refusal: { name, message: refusalMessage(name, reason) } };
}

/** A file by URI, through the gate: refused (with its true reason) or asked about, else read and attached. */
export async function fileFromUri(uri: vscode.Uri, gate: ReadGate, purpose: ReadPurpose): Promise<AttachResult> {
  const name = displayName(uri);
  const read = await gate.readText(uri, purpose, name, { maxChars: MAX_ATTACHMENT_CHARS });
  if (!read.ok) return refused(name, read.reason);
  return fileAttachment({ fileName: name, languageId: languageOf(uri), bytes: new TextEncoder().encode(read.text) });
}

/** An open document, as it is in the editor (unsaved edits included), through the gate. */
export function documentAttachment(document: vscode.TextDocument, gate: ReadGate, purpose: ReadPurpose): Promise<AttachResult> {
  return fileFromUri(document.uri, gate, purpose);
}

/** The selection's lines, 1-based; a selection ending at column 0 of a line does not include that line. */
export function selectionLines(selection: vscode.Selection): { start: number; end: number } {
  const end = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line - 1 : selection.end.line;
  return { start: selection.start.line + 1, end: end + 1 };
}

/** The editor's selection, once the gate allows its file (a selection of `.env` asks like the whole file). */
export async function selectionFromEditor(editor: vscode.TextEditor, gate: ReadGate, purpose: ReadPurpose): Promise<AttachResult> {
  const { document, selection } = editor;
  const fileName = displayName(document.uri);
  const admitted = await gate.admit(document.uri, purpose, fileName);
  if (!admitted.ok) return refused(fileName, admitted.reason);
  const lines = selectionLines(selection);
  return selectionAttachment({
    fileName,
    languageId: document.languageId,
    startLine: lines.start,
    endLine: lines.end,
    code: document.getText(selection),
  });
}
