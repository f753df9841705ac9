// The project's instructions for the model: `AGENTS.md` or `.github/copilot-instructions.md` in a workspace
// folder, and the files named in the user setting inferenceChat.instructionsFiles. Read only in a trusted
// workspace (a cloned repository's instructions steer the model, like its settings would). Shown as a chip
// that can be turned off; what was sent is stored with each message.
import * as vscode from 'vscode';
import { type Attachment, textAttachment } from '../chat/attachments';

export const INSTRUCTION_FILES = ['AGENTS.md', '.github/copilot-instructions.md'];

export function instructionUris(extra: readonly string[]): vscode.Uri[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const uris: vscode.Uri[] = [];
  for (const folder of folders) for (const rel of INSTRUCTION_FILES) uris.push(vscode.Uri.joinPath(folder.uri, rel));
  for (const path of extra) {
    if (/^([a-zA-Z]:[\\/]|\/)/.test(path)) uris.push(vscode.Uri.file(path));
    else for (const folder of folders) uris.push(vscode.Uri.joinPath(folder.uri, path));
  }
  return uris;
}

/** The instructions as one attachment (several files become one, each under its name), or undefined. */
export async function readInstructions(extra: readonly string[]): Promise<Attachment | undefined> {
  if (!vscode.workspace.isTrusted) return undefined;
  const found: Array<{ name: string; text: string }> = [];
  for (const uri of instructionUris(extra)) {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      if (text.trim()) found.push({ name: vscode.workspace.asRelativePath(uri, false), text });
    } catch {
      // not there: fine
    }
  }
  if (found.length === 0) return undefined;
  const body = found.map((f) => `<instructions file="${f.name}">\n${f.text.trim()}\n</instructions>`).join('\n\n');
  const result = textAttachment('instructions', found.map((f) => f.name).join(', '), 'Project instructions from the workspace (follow them):', body);
  // Stable id: turning it off is remembered while the same files are found.
  return result.ok ? { ...result.attachment, id: `instructions:${found.map((f) => f.name).join('|')}` } : undefined;
}
