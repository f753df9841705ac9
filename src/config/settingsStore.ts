// The settings as the extension uses them: read once (src/config/settings.ts), cached until a configuration
// change touches them, and a warning — once per setting — when a workspace tried to set one that only the
// user may set.
import * as vscode from 'vscode';
import { DisposableStore } from '../common/disposables';
import type { Logger } from '../common/logger';
import { affectsSettings, readSettings, writeUserSetting, type ReadSettings } from './settings';
import { ignoredWorkspaceSettingMessage } from './userScope';

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
      this.warnIgnoredWorkspaceSettings(this.cached.ignoredWorkspaceSettings);
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

  private warnIgnoredWorkspaceSettings(settingIds: string[]): void {
    for (const id of settingIds) {
      if (this.warned.has(id)) continue;
      this.warned.add(id);
      const message = ignoredWorkspaceSettingMessage(id);
      this.log.warn(message);
      void vscode.window.showWarningMessage(message);
    }
  }
}
