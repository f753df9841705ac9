// Which of the texts that steer the model — the chat's system prompt, the selection commands' templates — a
// trusted workspace set (its .vscode/settings.json), and their text: the chat shows them as chips on the
// composer and on each message sent with them, openable to read. Pure, no `vscode`.
import { PROMPT_KINDS, type PromptKind, SETTING_IDS, promptSettingId } from './settingsTable';

/** A setting of the workspace in use, with its text as it is now. */
export interface WorkspacePrompt {
  /** The full id, e.g. inferenceChat.systemPrompt or inferenceChat.prompts.explain. */
  setting: string;
  text: string;
}

/** The workspace's system prompt and templates among the settings it set (`inUse`: ReadSettings.workspaceSettingsInUse). */
export function workspacePrompts(inUse: readonly string[], settings: { systemPrompt: string; prompts: Record<PromptKind, string> }): WorkspacePrompt[] {
  const used = new Set(inUse);
  const out: WorkspacePrompt[] = [];
  if (used.has(SETTING_IDS.systemPrompt)) out.push({ setting: SETTING_IDS.systemPrompt, text: settings.systemPrompt });
  for (const kind of PROMPT_KINDS) {
    const setting = promptSettingId(kind);
    if (used.has(setting)) out.push({ setting, text: settings.prompts[kind] });
  }
  return out;
}

/** The ones a message uses: the system prompt always, a template when the message was built from it. */
export function promptsForMessage(prompts: readonly WorkspacePrompt[], template: PromptKind | undefined): WorkspacePrompt[] {
  const templateSetting = template ? promptSettingId(template) : undefined;
  return prompts.filter((p) => p.setting === SETTING_IDS.systemPrompt || p.setting === templateSetting);
}
