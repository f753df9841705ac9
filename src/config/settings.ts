// The one place the extension reads its `inferenceChat.*` settings. Settings that decide where requests go
// are taken from the user level only (see userScope.ts); everything is parsed by parseSettings.ts.
import * as vscode from 'vscode';
import { parseSettings, PROMPT_KINDS, SETTINGS_PREFIX, type ParsedSettings, type RawSettings } from './parseSettings';
import { userLevelValue } from './userScope';

export * from './parseSettings';

/** Setting keys (relative to `inferenceChat.`) that decide where requests go: user settings only. */
export const DESTINATION_KEYS = ['provider', 'customProviders', 'primeIntellect.teamId'] as const;

export interface ReadSettings extends ParsedSettings {
  /** Full ids of destination settings a workspace/folder tried to set (ignored). */
  ignoredWorkspaceSettings: string[];
}

export function readSettings(): ReadSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_PREFIX);
  const ignoredWorkspaceSettings: string[] = [];
  const userOnly = (key: string): unknown => {
    const { value, ignoredWorkspaceValue } = userLevelValue(config.inspect<unknown>(key));
    if (ignoredWorkspaceValue) ignoredWorkspaceSettings.push(`${SETTINGS_PREFIX}.${key}`);
    return value;
  };
  const raw: RawSettings = {
    provider: userOnly('provider'),
    customProviders: userOnly('customProviders'),
    teamId: userOnly('primeIntellect.teamId'),
    // The picker writes the model choice at the user level; a workspace cannot change it behind the user's back.
    models: userLevelValue(config.inspect<unknown>('models')).value,
    temperature: config.get('temperature'),
    maxTokens: config.get('maxTokens'),
    topP: config.get('topP'),
    stop: config.get('stop'),
    systemPrompt: config.get('systemPrompt'),
    selectionMaxChars: config.get('selection.maxChars'),
    requestTimeoutSeconds: config.get('requestTimeoutSeconds'),
    parseToolCallsFromText: config.get('parseToolCallsFromText'),
    prompts: Object.fromEntries(PROMPT_KINDS.map((kind) => [kind, config.get(`prompts.${kind}`)])),
  };
  return { ...parseSettings(raw), ignoredWorkspaceSettings };
}

/** True when a configuration change touches any of our settings. */
export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SETTINGS_PREFIX);
}

/** Writes a user-level (Global) setting. */
export async function writeUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(SETTINGS_PREFIX).update(key, value, vscode.ConfigurationTarget.Global);
}

/** The raw user-level customProviders list (to append to it without dropping entries we could not parse). */
export function rawUserCustomProviders(): unknown[] {
  const { value } = userLevelValue(vscode.workspace.getConfiguration(SETTINGS_PREFIX).inspect<unknown>('customProviders'));
  return Array.isArray(value) ? [...value] : [];
}

export async function openSettings(settingId?: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openSettings', settingId ?? SETTINGS_PREFIX);
}
