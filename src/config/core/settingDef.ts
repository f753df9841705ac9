// One row of the settings table (settingsTable.ts), and who may set it.
import type * as z from '../../common/zodMini';

/**
 * Who may set a setting — a cloned repository's `.vscode/settings.json` is untrusted input:
 * - 'user': user settings only (application scope): where requests and the key go, and which model answers.
 * - 'trustedWorkspace': what steers the model (system prompt, templates, sampling). A workspace value counts
 *   only in a trusted workspace, and the extension says that it uses it; in Restricted Mode it is ignored
 *   (package.json lists these as restrictedConfigurations, so VS Code ignores them there too).
 * - 'any': harmless settings a workspace may set (limits and timeouts).
 */
export type SettingTrust = 'user' | 'trustedWorkspace' | 'any';

export interface SettingDef<T = unknown> {
  /** The key after `inferenceChat.`, e.g. 'selection.maxChars'. */
  key: string;
  default: T;
  trust: SettingTrust;
  /** Built on first use (keeps activation cheap). Undefined for the settings parsed entry by entry. */
  schema?: z.ZodMiniType<T>;
  /** Completes "Setting inferenceChat.x must …". Marked with l10n.t for the extractor; translated where it is used (parseSettings.ts). */
  expectation: string;
}
