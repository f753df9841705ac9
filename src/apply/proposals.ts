// The changes Apply proposes, each shown as a diff until the user accepts or rejects it. The proposed text (and,
// for a new file, the empty original) are virtual documents of the `infchat-apply` scheme, served from here; the
// diff editor's title bar shows Accept / Reject for that scheme (package.json menus). The agent shows its proposed
// edits with a store of its own scheme (no Accept / Reject there: its approval is on the call's card).
import * as vscode from 'vscode';
import type { EditPlan } from './core/placement';
import type { RunsCode } from '../common/runsCode';
import { DisposableStore } from '../common/disposables';

export const APPLY_SCHEME = 'infchat-apply';

export interface Proposal {
  id: string;
  /** The file the code goes into. */
  target: vscode.Uri;
  /** False: a new file, created on Accept. */
  exists: boolean;
  /** The target's version when the diff was made (an edit after that makes the plan stale). */
  version?: number;
  plan: EditPlan;
  /** The file changed since the question was asked (its text at the selection is not what was sent). */
  stale: boolean;
  /** Writing the file can make code run: Accept asks first. */
  runsCode?: RunsCode;
  /** checkWrite's `outside` for this target: Accept checks the path again (a link may have appeared since). */
  outside: 'refuse' | 'allow';
  /** The right side of the diff (what the file will read). */
  proposedUri: vscode.Uri;
  /** The left side: the file, or an empty virtual document for a new file. */
  originalUri: vscode.Uri;
}

export class ProposalStore implements vscode.TextDocumentContentProvider {
  private readonly proposals = new Map<string, Proposal>();
  private next = 1;
  private readonly disposables = new DisposableStore();

  constructor(readonly scheme: string = APPLY_SCHEME) {
    this.disposables.add(vscode.workspace.registerTextDocumentContentProvider(scheme, this));
    // A diff closed by hand is a rejection: forget its proposal.
    this.disposables.add(vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const tab of e.closed) {
        const input = tab.input;
        if (input instanceof vscode.TabInputTextDiff && input.modified.scheme === this.scheme) this.remove(input.modified);
      }
    }));
  }

  add(fields: Omit<Proposal, 'id' | 'proposedUri' | 'originalUri'>): Proposal {
    const id = String(this.next++);
    const path = fields.target.path;
    const proposedUri = vscode.Uri.from({ scheme: this.scheme, path, query: `proposal=${id}` });
    const originalUri = fields.exists ? fields.target : vscode.Uri.from({ scheme: this.scheme, path, query: `empty=${id}` });
    const proposal: Proposal = { ...fields, id, proposedUri, originalUri };
    this.proposals.set(id, proposal);
    return proposal;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const params = new URLSearchParams(uri.query);
    const proposed = params.get('proposal');
    if (proposed) return this.proposals.get(proposed)?.plan.newText ?? '';
    return '';
  }

  /** The proposal a command was run for: its diff's URI, else the active diff, else the only one. */
  find(uri?: vscode.Uri): Proposal | undefined {
    const byUri = (u: vscode.Uri | undefined) => (u?.scheme === this.scheme ? this.proposals.get(new URLSearchParams(u.query).get('proposal') ?? '') : undefined);
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    return byUri(uri) ?? (input instanceof vscode.TabInputTextDiff ? byUri(input.modified) : undefined)
      ?? (this.proposals.size === 1 ? [...this.proposals.values()][0] : undefined);
  }

  pending(): Proposal[] {
    return [...this.proposals.values()];
  }

  remove(uri: vscode.Uri): void {
    const id = new URLSearchParams(uri.query).get('proposal');
    if (id) this.proposals.delete(id);
  }

  /** Closes the proposal's diff (which forgets it). */
  async close(proposal: Proposal): Promise<void> {
    this.proposals.delete(proposal.id);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) =>
      t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === proposal.proposedUri.toString());
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }

  dispose(): void {
    this.proposals.clear();
    this.disposables.dispose();
  }
}
