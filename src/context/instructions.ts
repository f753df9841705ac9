// The project's instructions for the model: `AGENTS.md` or `.github/copilot-instructions.md` in a workspace
// folder, and the files named in the user setting inferenceChat.instructionsFiles. Read only in a trusted
// workspace (a cloned repository's instructions steer the model, like its settings would), and each through the
// read gate: a file the workspace supplies must really be in it (an AGENTS.md linked to ~/.aws/credentials,
// /proc/self/environ or /dev/zero is refused, and the chat says why); an absolute path in the user's own settings
// is their choice and may be anywhere, but is still read as a regular text file within the cap. Shown as a chip
// that can be turned off; what was sent is stored with each message.
import * as vscode from 'vscode';
import { MAX_ATTACHMENT_CHARS, type Refusal, textAttachment } from '../prompt/attachments';
import type { InstructionsRead } from '../prompt/contextSource';
import { refusalMessage } from './core/readReasons';
import type { ReadGate } from './readGate';

export const INSTRUCTION_FILES = ['AGENTS.md', '.github/copilot-instructions.md'];

interface Candidate {
  uri: vscode.Uri;
  /** An absolute path from the user's own (application-scope) settings. */
  userChosen: boolean;
}

export function instructionCandidates(extra: readonly string[]): Candidate[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const out: Candidate[] = [];
  for (const folder of folders) for (const rel of INSTRUCTION_FILES) out.push({ uri: vscode.Uri.joinPath(folder.uri, rel), userChosen: false });
  for (const path of extra) {
    if (/^([a-zA-Z]:[\\/]|\/)/.test(path)) out.push({ uri: vscode.Uri.file(path), userChosen: true });
    // A relative entry names a file the workspace supplies: judged like AGENTS.md.
    else for (const folder of folders) out.push({ uri: vscode.Uri.joinPath(folder.uri, path), userChosen: false });
  }
  return out;
}

/** The instructions as one attachment (several files become one, each under its name), and what was refused. */
export async function readInstructions(extra: readonly string[], gate: ReadGate): Promise<InstructionsRead> {
  if (!vscode.workspace.isTrusted) return { refusals: [] };
  const found: Array<{ name: string; text: string }> = [];
  const refusals: Refusal[] = [];
  for (const { uri, userChosen } of instructionCandidates(extra)) {
    const name = vscode.workspace.asRelativePath(uri, false);
    const read = await gate.readText(uri, 'instructions', name, { maxChars: MAX_ATTACHMENT_CHARS, userChosen });
    if (read.ok) {
      if (read.text.trim()) found.push({ name, text: read.text });
    } else if (read.reason.kind !== 'missing') {
      refusals.push({ name, message: refusalMessage(name, read.reason) });
    }
  }
  if (found.length === 0) return { refusals };
  const body = found.map((f) => `<instructions file="${f.name}">\n${f.text.trim()}\n</instructions>`).join('\n\n');
  const result = textAttachment('instructions', found.map((f) => f.name).join(', '), 'Project instructions from the workspace (follow them):', body);
  if (!result.ok) return { refusals: [...refusals, result.refusal] };
  // Stable id: turning it off is remembered while the same files are found.
  return { attachment: { ...result.attachment, id: `instructions:${found.map((f) => f.name).join('|')}` }, refusals };
}
