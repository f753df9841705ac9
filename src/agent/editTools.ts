// edit_file and create_file: the change is worked out first (search/replace blocks applied all or none, or the new
// file's text), shown as a diff (Apply's proposal documents, in the agent's own scheme) while the call's card asks,
// then written: the open document through a WorkspaceEdit and saved, a closed file on disk. Auto-applied edits
// (inferenceChat.agent.autoApplyEdits) skip the question but never for a file that runs code. Every file is saved
// to the turn's checkpoint before its first change; the result carries the file's problems after the change.
import * as vscode from 'vscode';
import { l10n } from '../common/l10n';
import type { ToolOutcome, ToolRunContext } from '../chat/agentTools';
import { checkWrite } from '../apply/writeCheck';
import { toolPath } from './agentPaths';
import { applyEditBlocks, parseEditBlocks } from './core/editBlocks';
import { DENIED, fileExistsMessage, fileMissingMessage, readRefusalMessage, restrictedMessage, writeRefusalMessage } from './core/toolMessages';
import { lineDelta } from './core/lineDelta';
import { writeFileText } from './documentWrite';
import { problemsAfterChange } from './problemsAfter';
import { denied, done, failed, type ToolDeps, type Tool } from './toolDeps';
import { refusalMessage } from '../context/core/readReasons';
import type { RunsCode } from '../common/runsCode';

/** A file larger than this is not edited through search/replace (read it in parts; the model cannot see it whole). */
const EDIT_MAX_CHARS = 2_000_000;

interface Change {
  uri: vscode.Uri;
  shown: string;
  exists: boolean;
  before: string;
  after: string;
  runsCode?: RunsCode;
}

/** Asks on the card (with the diff open) unless edits are auto-applied; true when it may be written. */
async function approveChange(change: Change, context: ToolRunContext, deps: ToolDeps): Promise<boolean> {
  if (deps.settings().autoApplyEdits && !change.runsCode) return true;
  const proposal = deps.proposals.add({
    target: change.uri, exists: change.exists, outside: 'refuse', stale: false,
    plan: { placement: 'wholeFile', start: 0, end: change.before.length, replacement: change.after, newText: change.after },
    ...(change.runsCode ? { runsCode: change.runsCode } : {}),
  });
  try {
    const title = change.exists ? l10n.t('{0} ↔ proposed by the agent', change.shown) : l10n.t('{0} (new file) ↔ proposed by the agent', change.shown);
    await vscode.commands.executeCommand('vscode.diff', proposal.originalUri, proposal.proposedUri, change.runsCode ? l10n.t('⚠ {0} · runs code', title) : title, { preview: true, preserveFocus: true })
      .then(undefined, (err: unknown) => deps.log.warn(`Agent: could not show the diff: ${String(err)}`));
    const delta = lineDelta(change.before, change.after);
    const detail = change.runsCode
      ? l10n.t('{0} This file runs code: {1}', l10n.t('+{0} −{1} lines.', delta.added, delta.removed), change.runsCode.reason)
      : l10n.t('+{0} −{1} lines.', delta.added, delta.removed);
    const decision = await context.approve({ kind: change.runsCode ? 'write' : 'edit', title: change.shown, detail });
    return decision !== 'deny';
  } finally {
    await deps.proposals.close(proposal).then(undefined, () => undefined);
  }
}

async function write(change: Change, context: ToolRunContext): Promise<void> {
  await context.checkpoint.before(change.uri.fsPath);
  await writeFileText(change.uri, change.after);
  context.checkpoint.after(change.uri.fsPath, change.after);
}

/** Restricted Mode, the path, and Apply's write check (.git, a link out of the workspace, runs code). */
async function writable(raw: string, deps: ToolDeps): Promise<{ ok: true; uri: vscode.Uri; shown: string; runsCode?: RunsCode } | { ok: false; outcome: ToolOutcome }> {
  if (deps.restricted()) return { ok: false, outcome: failed(restrictedMessage('edit'), l10n.t('Refused in Restricted Mode')) };
  const path = toolPath(raw);
  if (!path.ok) return { ok: false, outcome: failed(path.message, l10n.t('Refused')) };
  const check = await checkWrite(path.uri, 'refuse');
  if (!check.ok) return { ok: false, outcome: failed(writeRefusalMessage(path.shown, check.reason), l10n.t('Refused')) };
  return { ok: true, uri: path.uri, shown: path.shown, ...(check.runsCode ? { runsCode: check.runsCode } : {}) };
}

async function written(change: Change, context: ToolRunContext, summary: string, head: string): Promise<ToolOutcome> {
  const problems = await problemsAfterChange(change.uri, () => write(change, context));
  const tail = problems.length === 0 ? `No errors or warnings in ${change.shown} after the change.` : [`Problems in ${change.shown} after the change:`, ...problems].join('\n');
  return done(`${head}\n${tail}`, summary);
}

export const editFile: Tool<'edit_file'> = async (args, context, deps) => {
  const target = await writable(args.path, deps);
  if (!target.ok) return target.outcome;
  const exists = await vscode.workspace.fs.stat(target.uri).then(() => true, () => false);
  if (!exists) return failed(fileMissingMessage(target.shown));
  const read = await deps.gate.readText(target.uri, 'agent', target.shown, { maxChars: EDIT_MAX_CHARS });
  if (!read.ok) return failed(readRefusalMessage(target.shown, read.reason), refusalMessage(target.shown, read.reason));
  const parsed = parseEditBlocks(args.edits);
  if (parsed.errors.length > 0) return failed(`The edit was not applied: ${parsed.errors.join(' ')}`, l10n.t('Edit not applied'));
  const applied = applyEditBlocks(read.text, parsed.blocks);
  if (!applied.ok) return failed(`The edit was not applied (no block was): ${applied.errors.map((e) => e.message).join('\n\n')}`, l10n.t('Edit not applied'));
  if (applied.text === read.text) return done(`The edit changes nothing in ${target.shown}: the REPLACE text equals the SEARCH text.`, l10n.t('No change'));
  const change: Change = { uri: target.uri, shown: target.shown, exists: true, before: read.text, after: applied.text, ...(target.runsCode ? { runsCode: target.runsCode } : {}) };
  if (!(await approveChange(change, context, deps))) return denied(DENIED.edit(target.shown), l10n.t('Denied'));
  // The user may have typed while the card asked: apply the same blocks to the text as it is now.
  const now = await deps.gate.readText(target.uri, 'agent', target.shown, { maxChars: EDIT_MAX_CHARS });
  if (now.ok && now.text !== read.text) {
    const again = applyEditBlocks(now.text, parsed.blocks);
    if (!again.ok) return failed(`The file changed while the edit waited for approval, and the blocks no longer apply: ${again.errors.map((e) => e.message).join('\n\n')}`);
    change.before = now.text;
    change.after = again.text;
  }
  const ranges = applied.applied.map((a) => (a.endLine >= a.startLine ? `${a.startLine}–${a.endLine}` : `removed at ${a.startLine}`)).join(', ');
  const delta = lineDelta(change.before, change.after);
  return written(change, context, l10n.t('{0}: +{1} −{2} lines', target.shown, delta.added, delta.removed),
    `Edited ${target.shown}: ${applied.applied.length} block(s) applied (now lines ${ranges}).`);
};

export const createFile: Tool<'create_file'> = async (args, context, deps) => {
  const target = await writable(args.path, deps);
  if (!target.ok) return target.outcome;
  const exists = await vscode.workspace.fs.stat(target.uri).then(() => true, () => false);
  if (exists) return failed(fileExistsMessage(target.shown), l10n.t('Exists'));
  const content = args.content === '' || args.content.endsWith('\n') ? args.content : `${args.content}\n`;
  const change: Change = { uri: target.uri, shown: target.shown, exists: false, before: '', after: content, ...(target.runsCode ? { runsCode: target.runsCode } : {}) };
  if (!(await approveChange(change, context, deps))) return denied(DENIED.create(target.shown), l10n.t('Denied'));
  if (await vscode.workspace.fs.stat(target.uri).then(() => true, () => false)) return failed(fileExistsMessage(target.shown), l10n.t('Exists'));
  const lines = lineDelta('', content).added;
  return written(change, context, l10n.t('{0}: new, {1} lines', target.shown, lines), `Created ${target.shown} (${lines} lines).`);
};
