// The settings as the extension uses them: read once (src/config/settings.ts), cached until a configuration
// change touches them, and — once per setting — a warning when a workspace tried to set one it may not (only
// the user may, or the workspace is not trusted), or a notice when a trusted workspace's value is in use.
import * as vscode from 'vscode';
import { DisposableStore } from '../common/disposables';
import type { Logger } from '../common/logger';
import { affectsSettings, readSettings, writeUserSetting, type ReadSettings } from './settings';
import { ignoredWorkspaceSettingMessage, untrustedWorkspaceSettingMessage, usedWorkspaceSettingMessage } from './core/userScope';

export class SettingsStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after any `inferenceChat.*` setting changed (the cache is already fresh by then). */
  readonly onDidChange = this.changed.event;
  private readonly disposables = new DisposableStore();
  private cached: ReadSettings | undefined;
  private readonly warned = new Set<string>();

  constructor(private readonly log: Logger) {
    this.disposables.add(this.changed);
    this.disposables.add(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!affectsSettings(event)) return;
        this.cached = undefined;
        this.changed.fire();
      }),
    );
  }

  current(): ReadSettings {
    if (!this.cached) {
      this.cached = readSettings();
      this.tellOnce(this.cached.ignoredWorkspaceSettings, ignoredWorkspaceSettingMessage, 'warn');
      this.tellOnce(this.cached.untrustedWorkspaceSettings, untrustedWorkspaceSettingMessage, 'warn');
      this.tellOnce(this.cached.workspaceSettingsInUse, usedWorkspaceSettingMessage, 'info');
    }
    return this.cached;
  }

  /** Writes a user-level setting; the change event refreshes the cache (also for other windows). */
  async writeUser(key: string, value: unknown): Promise<void> {
    await writeUserSetting(key, value);
    this.cached = undefined;
  }

  dispose(): void {
    this.disposables.dispose();
  }

  /** Says once per session and message what became of a workspace's value of a setting (log and notification). */
  private tellOnce(settingIds: string[], message: (id: string) => string, level: 'warn' | 'info'): void {
    for (const id of settingIds) {
      const text = message(id);
      if (this.warned.has(text)) continue;
      this.warned.add(text);
      this.log[level](text);
      if (level === 'warn') void vscode.window.showWarningMessage(text);
      else void vscode.window.showInformationMessage(text);
    }
  }
}
