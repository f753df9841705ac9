// The paperclip's quick picks: what kind of context, then which workspace file (fuzzy search over findFiles,
// files.exclude and .gitignore respected) or which open editor.
import * as vscode from 'vscode';
import type { AttachSource } from '../protocol';
import { l10n } from '../common/l10n';
import { displayName } from './editorFiles';
import type { Exclusions } from './exclusions';

const MAX_FILES = 5000;

export async function pickSource(): Promise<AttachSource | undefined> {
  const items: Array<vscode.QuickPickItem & { source: AttachSource }> = [
    { source: 'files', label: `$(file) ${l10n.t('Files…')}`, detail: l10n.t('Search the workspace') },
    { source: 'editors', label: `$(files) ${l10n.t('Open editors…')}` },
    { source: 'selection', label: `$(selection) ${l10n.t('Current selection')}` },
    { source: 'problems', label: `$(warning) ${l10n.t('Problems in the current file')}` },
    { source: 'workspaceProblems', label: `$(warning) ${l10n.t('Problems in the workspace')}` },
    { source: 'terminal', label: `$(terminal) ${l10n.t("Terminal's last command")}`, detail: l10n.t('Needs shell integration') },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: l10n.t('Attach to the chat'), placeHolder: l10n.t('What should the model see?') });
  return picked?.source;
}

export async function pickFiles(exclusions: Exclusions): Promise<vscode.Uri[]> {
  // exclude undefined: files.exclude applies; .gitignore is applied after.
  const found = await exclusions.filter(await vscode.workspace.findFiles('**/*', undefined, MAX_FILES));
  found.sort((a, b) => displayName(a).localeCompare(displayName(b)));
  const items = found.map((uri) => ({ uri, label: uri.path.split('/').pop() ?? uri.path, description: displayName(uri) }));
  const picked = await vscode.window.showQuickPick(items, {
    title: l10n.t('Attach a file'),
    placeHolder: l10n.t('Type to search the workspace'),
    matchOnDescription: true,
  });
  return picked ? [picked.uri] : [];
}

/** One of the text files open in tabs (active first). */
export async function pickEditors(): Promise<vscode.Uri[]> {
  const seen = new Set<string>();
  const items: Array<vscode.QuickPickItem & { uri: vscode.Uri }> = [];
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).sort((a, b) => Number(b.isActive) - Number(a.isActive));
  for (const tab of tabs) {
    const input = tab.input;
    if (!(input instanceof vscode.TabInputText) || seen.has(input.uri.toString())) continue;
    seen.add(input.uri.toString());
    items.push({ uri: input.uri, label: tab.label, description: displayName(input.uri) });
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(l10n.t('Inference Chat: there are no open editors to attach.'));
    return [];
  }
  const picked = await vscode.window.showQuickPick(items, { title: l10n.t('Attach an open editor'), matchOnDescription: true });
  return picked ? [picked.uri] : [];
}
