// Every `inferenceChat.*` setting in one table: its key, default, schema, who may set it, and the words that
// complete "Setting X must …" for a bad value. Defaults, ids, types, the reading loop (settings.ts) and the
// parsing (parseSettings.ts) all come from here; a unit test keeps package.json's contributes.configuration
// (defaults, scopes, restrictedConfigurations) equal to it. Pure, no `vscode`.
import { l10n } from '../../common/l10n';
import * as z from '../../common/zodMini';
import { AGENT_TOOL_SETTINGS } from './agentSettings';
import { COMPLETION_SETTINGS } from './completionSettings';
import type { SettingDef } from './settingDef';

export type { SettingDef, SettingTrust } from './settingDef';

export const SETTINGS_PREFIX = 'inferenceChat';

export const PROMPT_KINDS = ['explain', 'fix', 'tests', 'document', 'ask'] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];

export const DEFAULT_SYSTEM_PROMPT =
  'You are a precise, helpful coding assistant. Answer in Markdown and put code in fenced blocks with a language tag.';

export const DEFAULT_PROMPTS: Record<PromptKind, string> = {
  explain:
    'Explain what this ${languageId} code from `${fileName}` (lines ${startLine}–${endLine}) does. Walk through it step by step and point out anything surprising or risky.\n\n${code}',
  fix:
    'Find and fix the bugs in this ${languageId} code from `${fileName}` (lines ${startLine}–${endLine}). Explain each problem briefly, then give the corrected code in one block.\n\n${code}',
  tests:
    'Write thorough unit tests for this ${languageId} code from `${fileName}` (lines ${startLine}–${endLine}). Use the testing framework the code most likely uses, and cover edge cases.\n\n${code}',
  document:
    'Write documentation comments for this ${languageId} code from `${fileName}` (lines ${startLine}–${endLine}) in the idiomatic style for the language. Return the code with the comments added.\n\n${code}',
  ask: '${question}\n\nThe question is about this ${languageId} code from `${fileName}` (lines ${startLine}–${endLine}):\n\n${code}',
};

const lazy = <T>(build: () => z.ZodMiniType<T>): z.ZodMiniType<T> => z.lazy(build);

function def<T>(d: SettingDef<T>): SettingDef<T> {
  return d;
}

const promptDef = (kind: PromptKind): SettingDef<string> =>
  def({
    key: `prompts.${kind}`,
    default: DEFAULT_PROMPTS[kind],
    trust: 'trustedWorkspace',
    schema: lazy(() => z.string().check(z.minLength(1), z.maxLength(100_000))),
    expectation: l10n.t('be a non-empty text (use ${code} where the code goes)'),
  });

export const SETTINGS = {
  provider: def({
    key: 'provider',
    default: 'primeIntellect',
    trust: 'user',
    schema: lazy(() => z.string().check(z.trim(), z.minLength(1))),
    expectation: l10n.t('be a provider id such as "primeIntellect"'),
  }),
  /** Parsed entry by entry (parseSettings.ts): one broken provider does not hide the others. */
  customProviders: def<unknown[]>({ key: 'customProviders', default: [], trust: 'user', expectation: l10n.t('be a list of providers like {"id", "name", "baseUrl"}') }),
  teamId: def({
    key: 'primeIntellect.teamId',
    default: '',
    trust: 'user',
    schema: lazy(() => z.string().check(z.trim(), z.maxLength(200))),
    expectation: l10n.t('be a text of at most 200 characters'),
  }),
  models: def<Record<string, string>>({
    key: 'models',
    default: {},
    trust: 'user',
    schema: lazy(() => z.record(z.string(), z.string())),
    expectation: l10n.t('be an object mapping provider ids to model ids'),
  }),
  /** Parsed entry by entry (modelOverrides.ts). */
  modelOverrides: def<Record<string, unknown>>({ key: 'modelOverrides', default: {}, trust: 'user', expectation: l10n.t('be an object mapping model ids to overrides') }),
  temperature: def<number | null>({
    key: 'temperature',
    default: null,
    trust: 'trustedWorkspace',
    schema: lazy(() => z.nullable(z.number().check(z.gte(0), z.lte(2)))),
    expectation: l10n.t('be between 0 and 2, or null for the server default'),
  }),
  maxTokens: def<number | null>({
    key: 'maxTokens',
    default: null,
    trust: 'trustedWorkspace',
    schema: lazy(() => z.nullable(z.number().check(z.int(), z.gte(1)))),
    expectation: l10n.t('be a whole number of at least 1, or null for the server default'),
  }),
  topP: def<number | null>({
    key: 'topP',
    default: null,
    trust: 'trustedWorkspace',
    schema: lazy(() => z.nullable(z.number().check(z.gte(0), z.lte(1)))),
    expectation: l10n.t('be between 0 and 1, or null for the server default'),
  }),
  stop: def<string[]>({
    key: 'stop',
    default: [],
    trust: 'trustedWorkspace',
    schema: lazy(() => z.array(z.string().check(z.minLength(1))).check(z.maxLength(16))),
    expectation: l10n.t('be a list of up to 16 non-empty strings'),
  }),
  systemPrompt: def({
    key: 'systemPrompt',
    default: DEFAULT_SYSTEM_PROMPT,
    trust: 'trustedWorkspace',
    schema: lazy(() => z.string().check(z.maxLength(100_000))),
    expectation: l10n.t('be a text'),
  }),
  promptExplain: promptDef('explain'),
  promptFix: promptDef('fix'),
  promptTests: promptDef('tests'),
  promptDocument: promptDef('document'),
  promptAsk: promptDef('ask'),
  selectionMaxChars: def({
    key: 'selection.maxChars',
    default: 20_000,
    trust: 'any',
    schema: lazy(() => z.number().check(z.int(), z.gte(100), z.lte(2_000_000))),
    expectation: l10n.t('be a whole number between 100 and 2000000'),
  }),
  requestTimeoutSeconds: def({
    key: 'requestTimeoutSeconds',
    default: 60,
    trust: 'any',
    schema: lazy(() => z.number().check(z.gte(5), z.lte(3600))),
    expectation: l10n.t('be between 5 and 3600 seconds'),
  }),
  /** More instruction files for the chat's system prompt (user settings only: a repository cannot point it elsewhere). */
  instructionsFiles: def<string[]>({
    key: 'instructionsFiles',
    default: [],
    trust: 'user',
    schema: lazy(() => z.array(z.string().check(z.minLength(1), z.maxLength(1000))).check(z.maxLength(20))),
    expectation: l10n.t('be a list of up to 20 file paths (absolute, or relative to the workspace folder)'),
  }),
  /** Native chat: tool calls that local models write as text become tool calls (it changes what output does). */
  parseToolCallsFromText: def({
    key: 'parseToolCallsFromText',
    default: false,
    trust: 'trustedWorkspace',
    schema: lazy(() => z.boolean()),
    expectation: l10n.t('be true or false'),
  }),
  ...COMPLETION_SETTINGS,
  ...AGENT_TOOL_SETTINGS,
} as const;

export type SettingName = keyof typeof SETTINGS;
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

/** Raw values as read from VS Code (after the trust policy), by setting name; absent = not set anywhere allowed. */
export type RawSettings = Partial<Record<SettingName, unknown>>;

export const PROMPT_SETTING: Record<PromptKind, SettingName> = {
  explain: 'promptExplain',
  fix: 'promptFix',
  tests: 'promptTests',
  document: 'promptDocument',
  ask: 'promptAsk',
};

/** The id users see, e.g. 'inferenceChat.selection.maxChars'. */
export function settingId(name: SettingName): string {
  return `${SETTINGS_PREFIX}.${SETTINGS[name].key}`;
}

/** Every setting's full id by name. */
export const SETTING_IDS = Object.fromEntries(SETTING_NAMES.map((name) => [name, settingId(name)])) as Record<SettingName, string>;

export function promptSettingId(kind: PromptKind): string {
  return SETTING_IDS[PROMPT_SETTING[kind]];
}
