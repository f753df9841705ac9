// The `inferenceChat.completions.*` settings (inline suggestions as you type): their rows of the settings table
// and their parsed shape. Where completions go (provider, model, endpoint) is the user's choice only; how they
// behave (on/off, languages, debounce, length) a workspace may set too. Pure, no `vscode`.
import { l10n } from '../../common/l10n';
import * as z from '../../common/zodMini';
import type { SettingDef } from './settingDef';

export const COMPLETION_ENDPOINTS = ['auto', 'infill', 'completions', 'chat'] as const;
export type CompletionEndpointSetting = (typeof COMPLETION_ENDPOINTS)[number];
export const COMPLETION_LINES = ['auto', 'single', 'multi'] as const;
export type CompletionLines = (typeof COMPLETION_LINES)[number];

/** The default per-language switch: on everywhere but prose and the commit message box. */
export const DEFAULT_COMPLETION_LANGUAGES: Record<string, boolean> = { '*': true, plaintext: false, markdown: false, scminput: false };

export interface CompletionSettings {
  enabled: boolean;
  /** '' = the chat's provider. */
  provider: string;
  /** '' = the provider's chosen model. */
  model: string;
  endpoint: CompletionEndpointSetting;
  debounceMs: number;
  maxTokens: number;
  /** Per VS Code language id, `*` for the rest. */
  languages: Record<string, boolean>;
  lines: CompletionLines;
}

const lazy = <T>(build: () => z.ZodMiniType<T>): z.ZodMiniType<T> => z.lazy(build);

export const COMPLETION_SETTINGS = {
  completionsEnabled: {
    key: 'completions.enabled',
    default: true,
    trust: 'any',
    schema: lazy(() => z.boolean()),
    expectation: l10n.t('be true or false'),
  } satisfies SettingDef<boolean>,
  completionsProvider: {
    key: 'completions.provider',
    default: '',
    trust: 'user',
    schema: lazy(() => z.string().check(z.trim(), z.maxLength(64))),
    expectation: l10n.t('be a provider id, or empty for the chat\'s provider'),
  } satisfies SettingDef<string>,
  completionsModel: {
    key: 'completions.model',
    default: '',
    trust: 'user',
    schema: lazy(() => z.string().check(z.trim(), z.maxLength(300))),
    expectation: l10n.t('be a model id, or empty for the provider\'s model'),
  } satisfies SettingDef<string>,
  completionsEndpoint: {
    key: 'completions.endpoint',
    default: 'auto',
    trust: 'user',
    schema: lazy(() => z.enum(COMPLETION_ENDPOINTS)),
    expectation: l10n.t('be one of "auto", "infill", "completions" or "chat"'),
  } satisfies SettingDef<CompletionEndpointSetting>,
  completionsDebounceMs: {
    key: 'completions.debounceMs',
    default: 250,
    trust: 'any',
    schema: lazy(() => z.number().check(z.int(), z.gte(0), z.lte(5000))),
    expectation: l10n.t('be a whole number of milliseconds between 0 and 5000'),
  } satisfies SettingDef<number>,
  completionsMaxTokens: {
    key: 'completions.maxTokens',
    default: 128,
    trust: 'any',
    schema: lazy(() => z.number().check(z.int(), z.gte(1), z.lte(4096))),
    expectation: l10n.t('be a whole number between 1 and 4096'),
  } satisfies SettingDef<number>,
  completionsLanguages: {
    key: 'completions.languages',
    default: DEFAULT_COMPLETION_LANGUAGES,
    trust: 'any',
    schema: lazy(() => z.record(z.string(), z.boolean())),
    expectation: l10n.t('be an object mapping language ids (or "*") to true or false'),
  } satisfies SettingDef<Record<string, boolean>>,
  completionsLines: {
    key: 'completions.lines',
    default: 'auto',
    trust: 'any',
    schema: lazy(() => z.enum(COMPLETION_LINES)),
    expectation: l10n.t('be one of "auto", "single" or "multi"'),
  } satisfies SettingDef<CompletionLines>,
};

/** Whether completions are on for a language (its own entry, else `*`, else on). */
export function languageEnabled(languages: Readonly<Record<string, boolean>>, languageId: string): boolean {
  return languages[languageId] ?? languages['*'] ?? true;
}
