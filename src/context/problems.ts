// The problems (diagnostics) of a file or of the whole workspace as an attachment: one line per problem,
// "path:line:column severity: message (source code)", errors first.
import * as vscode from 'vscode';
import { type AttachResult, textAttachment } from '../chat/attachments';
import { l10n } from '../common/l10n';
import { displayName } from './editorFiles';

const SEVERITY = ['error', 'warning', 'info', 'hint'] as const;
const MAX_PROBLEMS = 500;

function line(uri: vscode.Uri, d: vscode.Diagnostic): string {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  const origin = [d.source, code].filter((x) => x !== undefined && x !== '').join(' ');
  return `${displayName(uri)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity]}: ${d.message.replace(/\s+/g, ' ')}${origin ? ` (${origin})` : ''}`;
}

/** The problems of `uri`, or of every file when none is given. */
export function problemsAttachment(uri?: vscode.Uri): AttachResult {
  const entries: Array<[vscode.Uri, vscode.Diagnostic]> = uri
    ? vscode.languages.getDiagnostics(uri).map((d) => [uri, d])
    : vscode.languages.getDiagnostics().flatMap(([u, ds]) => ds.map((d): [vscode.Uri, vscode.Diagnostic] => [u, d]));
  const where = uri ? displayName(uri) : l10n.t('the workspace');
  const name = l10n.t('Problems: {0}', where);
  if (entries.length === 0) return { ok: false, refusal: { name, message: l10n.t('There are no problems in {0} to attach.', where) } };
  entries.sort((a, b) => a[1].severity - b[1].severity);
  const shown = entries.slice(0, MAX_PROBLEMS).map(([u, d]) => line(u, d));
  const more = entries.length - shown.length;
  // Never cut silently: say how many were left out.
  if (more > 0) shown.push(`… and ${more} more (only the first ${MAX_PROBLEMS} are attached)`);
  return textAttachment('problems', name, `Problems reported by VS Code in \`${where}\` (${entries.length}):`, shown.join('\n'));
}
