// Settings that decide where requests go (provider, base URLs, headers, team id) are taken only from the
// user's own settings: a cloned repository's .vscode/settings.json is untrusted input. Pure, no `vscode`.

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

export function ignoredWorkspaceSettingMessage(settingId: string): string {
  return `Ignored workspace setting ${settingId}: request destinations can only be set in user settings.`;
}
