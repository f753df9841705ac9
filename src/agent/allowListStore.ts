// The commands this workspace lets the agent run without asking, kept in the workspace's own state (never in a
// file of the repository: a cloned project cannot bring its own allow-list). "Always allow" on a command's card
// adds one entry; "Inference Chat: Edit Agent Command Allow-list" shows them to remove some or add one.
import * as vscode from 'vscode';
import { l10n } from '../common/l10n';
import { normalizeAllowList, withAllowEntry } from './core/allowList';
import { parseAllowEntry } from './core/commandApproval';

const KEY = 'inferenceChat.agent.commandAllowList';

export class AllowListStore {
  constructor(private readonly state: vscode.Memento) {}

  entries(): string[] {
    return normalizeAllowList(this.state.get<unknown>(KEY));
  }

  async add(entry: string): Promise<void> {
    await this.state.update(KEY, withAllowEntry(this.entries(), entry));
  }

  async replace(entries: readonly string[]): Promise<void> {
    await this.state.update(KEY, normalizeAllowList(entries));
  }

  /** The editor: every entry (checked: kept) and "Add a command…"; OK saves. */
  async edit(): Promise<void> {
    type Item = vscode.QuickPickItem & { entry?: string };
    const add: Item = { label: `$(add) ${l10n.t('Add a command…')}`, alwaysShow: true };
    const items: Item[] = [add, ...this.entries().map((entry) => ({ label: entry, entry, picked: true }))];
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: l10n.t('Commands the agent may run without asking in this workspace'),
      placeHolder: l10n.t('Uncheck a command to remove it; "npm test *" also allows any further arguments'),
    });
    if (!picked) return;
    const kept = picked.flatMap((i) => (i.entry !== undefined ? [i.entry] : []));
    if (picked.includes(add)) {
      const entry = await vscode.window.showInputBox({
        title: l10n.t('Allow a command in this workspace'),
        prompt: l10n.t('The command exactly, or followed by " *" to allow any further arguments (e.g. "npm test *").'),
        validateInput: (value) => (value.trim() === '' || parseAllowEntry(value) ? undefined : l10n.t('This cannot be allowed safely: one simple command, no redirection, no variables, and not a command that runs others (sh, xargs, sudo…).')),
      });
      if (entry?.trim()) kept.push(entry.trim());
    }
    await this.replace(kept);
  }
}
