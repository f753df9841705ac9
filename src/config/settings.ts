// The one place the extension reads its `inferenceChat.*` settings: every setting of the table
// (settingsTable.ts) is inspected and resolved by its trust (userScope.ts), then parsed (parseSettings.ts).
import * as vscode from 'vscode';
import { parseSettings, SETTING_IDS, SETTING_NAMES, SETTINGS, SETTINGS_PREFIX, type ParsedSettings, type RawSettings, type SettingName } from './core/parseSettings';
import { resolveByTrust, userLevelValue, type WorkspaceValueUse } from './core/userScope';

export * from './core/parseSettings';

export interface ReadSettings extends ParsedSettings {
  /** Full ids of settings whose workspace value was ignored because only the user may set them. */
  ignoredWorkspaceSettings: string[];
  /** Full ids of model-steering settings whose workspace value was ignored: the workspace is not trusted. */
  untrustedWorkspaceSettings: string[];
  /** Full ids of model-steering settings taken from the (trusted) workspace. */
  workspaceSettingsInUse: string[];
}

export function readSettings(): ReadSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_PREFIX);
  const trusted = vscode.workspace.isTrusted;
  const raw: RawSettings = {};
  const uses: Record<WorkspaceValueUse, string[]> = { ignoredUserOnly: [], ignoredUntrusted: [], used: [] };
  for (const name of SETTING_NAMES) {
    const resolved = resolveByTrust(SETTINGS[name].trust, config.inspect<unknown>(SETTINGS[name].key), trusted);
    if (resolved.value !== undefined) raw[name] = resolved.value;
    if (resolved.workspace) uses[resolved.workspace].push(SETTING_IDS[name]);
  }
  return {
    ...parseSettings(raw),
    ignoredWorkspaceSettings: uses.ignoredUserOnly,
    untrustedWorkspaceSettings: uses.ignoredUntrusted,
    workspaceSettingsInUse: uses.used,
  };
}

/** True when a configuration change touches any of our settings. */
export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SETTINGS_PREFIX);
}

/** Writes a user-level (Global) setting. */
export async function writeUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(SETTINGS_PREFIX).update(key, value, vscode.ConfigurationTarget.Global);
}

/** A setting's raw user-level value (to change one entry without dropping entries we could not parse). */
export function rawUserValue(name: SettingName): unknown {
  return userLevelValue(vscode.workspace.getConfiguration(SETTINGS_PREFIX).inspect<unknown>(SETTINGS[name].key)).value;
}

/** What the user wrote in their own settings for this setting (no default, no workspace value): an explicit choice. */
export function explicitUserValue(name: SettingName): unknown {
  return vscode.workspace.getConfiguration(SETTINGS_PREFIX).inspect<unknown>(SETTINGS[name].key)?.globalValue;
}

/** The raw user-level customProviders list. */
export function rawUserCustomProviders(): unknown[] {
  const value = rawUserValue('customProviders');
  return Array.isArray(value) ? [...(value as unknown[])] : [];
}

export async function openSettings(settingId?: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openSettings', settingId ?? SETTINGS_PREFIX);
}
