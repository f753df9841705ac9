// Which level of a setting counts, by its trust (settingsTable.ts): a cloned repository's .vscode/settings.json is
// untrusted input. Settings that decide where requests go are taken only from the user's own settings; settings
// that steer the model count from a workspace only when it is trusted. Pure, no `vscode`.
import type { SettingTrust } from './settingDef';
import { l10n } from '../../common/l10n';

/** The part of `WorkspaceConfiguration.inspect()`'s result this module reads. */
export interface InspectedValue<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
  defaultLanguageValue?: T;
  globalLanguageValue?: T;
  workspaceLanguageValue?: T;
  workspaceFolderLanguageValue?: T;
}

export interface UserLevelValue<T> {
  /** `globalValue ?? defaultValue`. */
  value: T | undefined;
  /** True when a workspace or folder tried to set it (and was ignored). */
  ignoredWorkspaceValue: boolean;
}

/** Takes the user-level value and reports whether a workspace/folder value was ignored. */
export function userLevelValue<T>(inspected: InspectedValue<T> | undefined): UserLevelValue<T> {
  if (!inspected) return { value: undefined, ignoredWorkspaceValue: false };
  const ignoredWorkspaceValue =
    inspected.workspaceValue !== undefined ||
    inspected.workspaceFolderValue !== undefined ||
    inspected.workspaceLanguageValue !== undefined ||
    inspected.workspaceFolderLanguageValue !== undefined;
  return { value: inspected.globalValue ?? inspected.defaultValue, ignoredWorkspaceValue };
}

/** What happened to a workspace (or folder) value of a setting. */
export type WorkspaceValueUse = 'ignoredUserOnly' | 'ignoredUntrusted' | 'used';

export interface ResolvedValue {
  value: unknown;
  /** Set when a workspace or folder gave a value. */
  workspace?: WorkspaceValueUse;
}

function hasWorkspaceValue(inspected: InspectedValue<unknown>): boolean {
  return inspected.workspaceValue !== undefined || inspected.workspaceFolderValue !== undefined;
}

/** The value that counts for a setting of this trust, and what became of a workspace value. */
export function resolveByTrust(trust: SettingTrust, inspected: InspectedValue<unknown> | undefined, workspaceTrusted: boolean): ResolvedValue {
  if (!inspected) return { value: undefined };
  const user = inspected.globalValue ?? inspected.defaultValue;
  if (trust === 'user') {
    const { value, ignoredWorkspaceValue } = userLevelValue(inspected);
    return ignoredWorkspaceValue ? { value, workspace: 'ignoredUserOnly' } : { value };
  }
  if (!hasWorkspaceValue(inspected)) return { value: user };
  const workspaceValue = inspected.workspaceFolderValue ?? inspected.workspaceValue;
  if (trust === 'any') return { value: workspaceValue };
  return workspaceTrusted ? { value: workspaceValue, workspace: 'used' } : { value: user, workspace: 'ignoredUntrusted' };
}

export function ignoredWorkspaceSettingMessage(settingId: string): string {
  return l10n.t('Ignored workspace setting {0}: request destinations can only be set in user settings.', settingId);
}

export function untrustedWorkspaceSettingMessage(settingId: string): string {
  return l10n.t('Ignored workspace setting {0}: this workspace is not trusted (Restricted Mode), so its settings cannot steer the model. Trust the workspace to use it.', settingId);
}

export function usedWorkspaceSettingMessage(settingId: string): string {
  return l10n.t("Using {0} from this workspace's settings (the workspace is trusted). It changes what is sent to the model.", settingId);
}
