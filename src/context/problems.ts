// The problems (diagnostics) of a file or of the whole workspace as an attachment: one line per problem,
// "path:line:column severity: message (source code)", errors first. A diagnostic can quote its file (a spell
// checker on `.env`), so the read gate judges each file: the current file's problems as an explicit attach (a
// secret-shaped or excluded file asks), the workspace's without asking (such files are left out, and counted).
import * as vscode from 'vscode';
import { type AttachResult, textAttachment } from '../prompt/attachments';
import { l10n } from '../common/l10n';
import { displayName, refused } from './editorFiles';
import type { ReadGate } from './readGate';

const SEVERITY = ['error', 'warning', 'info', 'hint'] as const;
const MAX_PROBLEMS = 500;

function line(uri: vscode.Uri, d: vscode.Diagnostic): string {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  const origin = [d.source, code].filter((x) => x !== undefined && x !== '').join(' ');
  return `${displayName(uri)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity]}: ${d.message.replace(/\s+/g, ' ')}${origin ? ` (${origin})` : ''}`;
}

/** The problems of `uri`, or of every file when none is given, as far as the read gate lets each file be read. */
export async function problemsAttachment(gate: ReadGate, uri?: vscode.Uri): Promise<AttachResult> {
  const where = uri ? displayName(uri) : l10n.t('the workspace');
  const name = l10n.t('Problems: {0}', where);
  let entries: Array<[vscode.Uri, vscode.Diagnostic]>;
  let withheld = 0;
  if (uri) {
    const admitted = await gate.admit(uri, 'attach', displayName(uri));
    if (!admitted.ok) return refused(displayName(uri), admitted.reason);
    entries = vscode.languages.getDiagnostics(uri).map((d) => [uri, d]);
  } else {
    entries = [];
    for (const [file, diagnostics] of vscode.languages.getDiagnostics()) {
      if (diagnostics.length === 0) continue;
      if ((await gate.mayRead(file, 'suggestion')).decision.verdict !== 'allowed') withheld += 1;
      else for (const d of diagnostics) entries.push([file, d]);
    }
  }
  if (entries.length === 0) return { ok: false, refusal: { name, message: l10n.t('There are no problems in {0} to attach.', where) } };
  entries.sort((a, b) => a[1].severity - b[1].severity);
  const shown = entries.slice(0, MAX_PROBLEMS).map(([u, d]) => line(u, d));
  const more = entries.length - shown.length;
  // Never cut silently: say how many were left out, and that some files were not read at all.
  if (more > 0) shown.push(`… and ${more} more (only the first ${MAX_PROBLEMS} are attached)`);
  if (withheld > 0) shown.push(`(the problems of ${withheld} excluded, secret-looking or outside files are not attached)`);
  return textAttachment('problems', name, `Problems reported by VS Code in \`${where}\` (${entries.length}):`, shown.join('\n'));
}
