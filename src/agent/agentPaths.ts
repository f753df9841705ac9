// The workspace as the agent's tools see it: its folders (on disk), a path the model names resolved against them
// (core/workspacePaths.ts), and a path shown back to the model relative to the workspace.
import * as vscode from 'vscode';
import { pathRefusalMessage, resolveToolPath } from './core/workspacePaths';

const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

export function workspaceFolderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

export type ToolPath = { ok: true; uri: vscode.Uri; shown: string } | { ok: false; message: string };

/** A path the model named, inside the workspace and outside `.git/`, or the refusal the model receives. */
export function toolPath(raw: string | undefined, options: { allowRoot?: boolean } = {}): ToolPath {
  const resolved = resolveToolPath(raw, { folders: workspaceFolderPaths(), ignoreCase: IGNORE_CASE }, options);
  if (!resolved.ok) return { ok: false, message: pathRefusalMessage(resolved.refusal, resolved.shown) };
  return { ok: true, uri: vscode.Uri.file(resolved.fsPath), shown: shownPath(vscode.Uri.file(resolved.fsPath)) };
}

/** A workspace path as the model and the card show it ("src/a.ts"; "." for the folder itself). */
export function shownPath(uri: vscode.Uri): string {
  if (vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath === uri.fsPath) return '.';
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}
