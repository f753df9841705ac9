// Apply: a code block from the chat becomes a diff against its target (VS Code's diff editor, the proposal on the
// right); Accept writes it as one undoable edit, Reject closes it. Nothing is written before the user saw the
// diff and accepted; a file that changed since the question was asked is flagged in the diff's title and asked
// about again on Accept; a new file (a path that does not exist) is created on Accept after a confirmation; a file
// that runs code (src/common/runsCode.ts: tasks.json, a workflow, a git hook…) is marked in the title, and Accept
// asks first, naming why (a modal dialog of VS Code's, which the chat's webview cannot click).
import * as vscode from 'vscode';
import type { ApplyRequest } from './core/applyRequest';
import { textHash } from '../common/textHash';
import { planEdit } from './core/placement';
import { errorMessage } from '../common/appError';
import { l10n } from '../common/l10n';
import type { Logger } from '../common/logger';
import { runsCode } from '../common/runsCode';
import { ProposalStore } from './proposals';
import { type ApplyUi, resolveTarget } from './target';
import { checkWrite } from './writeCheck';

export class ApplyService {
  readonly proposals = new ProposalStore();

  constructor(
    private ui: ApplyUi,
    private readonly log: Logger,
  ) {}

  /** Replaces the dialogs (the integration tests answer them); returns a function that restores the previous ones. */
  useUi(ui: ApplyUi): () => void {
    const previous = this.ui;
    this.ui = ui;
    return () => (this.ui = previous);
  }

  /** Opens the diff for a block; a message for the user when there is nothing to show it against. */
  async apply(request: ApplyRequest): Promise<string | undefined> {
    try {
      const resolved = await resolveTarget(request, this.ui);
      if (!resolved.ok) return resolved.problem;
      const { uri, exists, code, selection, textHash: expected, runsCode: runs, outside } = resolved.target;
      let text = '';
      let version: number | undefined;
      let offsets: { start: number; end: number } | undefined;
      let stale = false;
      if (exists) {
        const document = await vscode.workspace.openTextDocument(uri);
        text = document.getText();
        version = document.version;
        if (selection) {
          let range = document.validateRange(selection);
          stale = expected !== undefined && textHash(document.getText(range)) !== expected;
          // Changed since: the columns may not fit any more; the lines are the best guess (the diff shows it).
          if (stale) range = new vscode.Range(range.start.line, 0, range.end.line, document.lineAt(range.end.line).range.end.character);
          offsets = { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
        }
      }
      const plan = planEdit({ code, text, ...(offsets ? { selection: offsets } : {}) });
      const proposal = this.proposals.add({
        target: uri, exists, outside, ...(version !== undefined ? { version } : {}), plan, stale, ...(runs ? { runsCode: runs } : {}),
      });
      const name = vscode.workspace.asRelativePath(uri, false);
      const title = !exists
        ? l10n.t('{0} (new file) ↔ proposed', name)
        : stale
          ? l10n.t('{0} ↔ proposed (changed since you asked)', name)
          : l10n.t('{0} ↔ proposed', name);
      this.log.info(`Apply: diff for ${name} (${exists ? plan.placement : 'new file'}${stale ? ', changed since asked' : ''}${runs ? `, runs code: ${runs.kind}` : ''}).`);
      const marked = runs ? l10n.t('⚠ {0} · runs code', title) : title;
      await vscode.commands.executeCommand('vscode.diff', proposal.originalUri, proposal.proposedUri, marked, { preview: false });
      return undefined;
    } catch (error) {
      this.log.warn(`Apply failed: ${errorMessage(error)}`);
      return l10n.t('Could not show the change: {0}', errorMessage(error));
    }
  }

  /** Accept: the proposal becomes one edit of the target (undo restores the file), then the diff closes. */
  async accept(uri?: vscode.Uri): Promise<boolean> {
    const proposal = this.proposals.find(uri);
    if (!proposal) {
      void vscode.window.showInformationMessage(l10n.t('There is no proposed change to accept here.'));
      return false;
    }
    const name = vscode.workspace.asRelativePath(proposal.target, false);
    // Checked again: a symbolic link made while the diff was open could lead the write into .git or out of the workspace.
    const check = await checkWrite(proposal.target, proposal.outside);
    if (!check.ok) {
      await this.proposals.close(proposal);
      void vscode.window.showWarningMessage(check.reason === 'gitFolder'
        ? l10n.t('Not applied: {0} is inside a .git folder.', name)
        : l10n.t('Not applied: {0} is outside the workspace.', name));
      return false;
    }
    const runs = proposal.runsCode ?? check.runsCode;
    if (runs && !(await this.ui.confirmRunsCode(proposal.target, runs))) return false;
    if (proposal.stale && !(await this.ui.confirmStale(proposal.target))) return false;
    if (!proposal.exists && !(await this.ui.confirmCreate(proposal.target))) return false;
    const edit = new vscode.WorkspaceEdit();
    if (proposal.exists) {
      const document = await vscode.workspace.openTextDocument(proposal.target);
      if (document.version !== proposal.version) {
        void vscode.window.showWarningMessage(l10n.t('{0} changed after the diff was shown: click Apply again to see the change against it.', name));
        await this.proposals.close(proposal);
        return false;
      }
      const range = new vscode.Range(document.positionAt(proposal.plan.start), document.positionAt(proposal.plan.end));
      edit.replace(proposal.target, range, proposal.plan.replacement);
    } else {
      edit.createFile(proposal.target, { ignoreIfExists: false, contents: new TextEncoder().encode(proposal.plan.newText) });
    }
    const ok = await vscode.workspace.applyEdit(edit);
    await this.proposals.close(proposal);
    if (!ok) {
      void vscode.window.showErrorMessage(l10n.t('Could not apply the change to {0}.', name));
      return false;
    }
    this.log.info(`Apply: accepted for ${name}.`);
    await vscode.window.showTextDocument(proposal.target, { preview: false });
    return true;
  }

  /** Reject: nothing is written; the diff closes. */
  async reject(uri?: vscode.Uri): Promise<void> {
    const proposal = this.proposals.find(uri);
    if (proposal) await this.proposals.close(proposal);
  }

  dispose(): void {
    this.proposals.dispose();
  }
}

/** The dialogs, as a user sees them. */
export const modalUi: ApplyUi = {
  async pickFile(uris) {
    const items = uris.map((uri) => {
      const runs = runsCode(vscode.workspace.asRelativePath(uri, false));
      return { label: vscode.workspace.asRelativePath(uri, true), uri, ...(runs ? { description: `$(warning) ${l10n.t('runs code')}`, detail: runs.reason } : {}) };
    });
    const picked = await vscode.window.showQuickPick(items, { title: l10n.t('Apply to which file?'), ignoreFocusOut: true });
    return picked?.uri;
  },
  async confirmCreate(uri) {
    const create = l10n.t('Create File');
    const answer = await vscode.window.showInformationMessage(
      l10n.t('Create {0} from the code block?', vscode.workspace.asRelativePath(uri, false)), { modal: true }, create);
    return answer === create;
  },
  async confirmStale(uri) {
    const apply = l10n.t('Apply Anyway');
    const answer = await vscode.window.showWarningMessage(
      l10n.t('{0} changed since you asked: the code may not fit any more.', vscode.workspace.asRelativePath(uri, false)),
      { modal: true, detail: l10n.t('Check the diff: it shows the change against the file as it is now.') }, apply);
    return answer === apply;
  },
  async confirmRunsCode(uri, why) {
    const write = l10n.t('Write It');
    // "Don't Write" first: the default button (what Enter takes) is the safe answer.
    const answer = await vscode.window.showWarningMessage(
      l10n.t('{0} can make code run on this machine.', vscode.workspace.asRelativePath(uri, false)),
      { modal: true, detail: l10n.t('{0}\n\nWrite it only if you read the whole diff and trust every command in it.', why.reason) },
      l10n.t("Don't Write"), write);
    return answer === write;
  },
};
