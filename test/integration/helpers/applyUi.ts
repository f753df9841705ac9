// What the Apply suites share: dialogs that answer as told and record what they were asked, and the open Apply diffs.
import * as vscode from 'vscode';
import type { ApplyUi } from '../../../src/apply/target';
import type { RunsCode } from '../../../src/common/runsCode';

/** The answers the fake dialogs give, and what they were asked. */
export class FakeUi implements ApplyUi {
  create = true;
  stale = true;
  runsCode = true;
  /** Which of the offered files to pick (undefined: cancel). */
  pick: (uris: readonly vscode.Uri[]) => vscode.Uri | undefined = (uris) => uris[0];
  asked: string[] = [];
  /** The files each pick offered, workspace-relative. */
  offered: string[][] = [];
  async pickFile(uris: readonly vscode.Uri[]) {
    this.asked.push(`pick:${uris.length}`);
    this.offered.push(uris.map((u) => vscode.workspace.asRelativePath(u, false)));
    return this.pick(uris);
  }
  async confirmCreate(uri: vscode.Uri) {
    this.asked.push(`create:${vscode.workspace.asRelativePath(uri, false)}`);
    return this.create;
  }
  async confirmStale(uri: vscode.Uri) {
    this.asked.push(`stale:${vscode.workspace.asRelativePath(uri, false)}`);
    return this.stale;
  }
  async confirmRunsCode(uri: vscode.Uri, why: RunsCode) {
    this.asked.push(`runsCode:${vscode.workspace.asRelativePath(uri, false)}:${why.kind}`);
    return this.runsCode;
  }
}

export function applyDiffs(): vscode.TabInputTextDiff[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.input)
    .filter((i): i is vscode.TabInputTextDiff => i instanceof vscode.TabInputTextDiff && i.modified.scheme === 'infchat-apply');
}

export function diffTabLabel(): string | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'infchat-apply')?.label;
}
