// Parses the raw `inferenceChat.*` values (read by settings.ts under the trust policy of settingsTable.ts) into
// a typed Settings object. A bad value never crashes anything: it falls back to the default and is reported as
// a problem that names the setting and the allowed values, so the caller can refuse to send the request and
// show it. Pure, no `vscode`.
import type { ModelOverride } from '../../models/modelProfile';
import * as z from '../../common/zodMini';
import { parseModelOverrides } from './modelOverridesSetting';
import type { SettingProblem } from './settingProblem';
import type { CompletionEndpointSetting, CompletionLines, CompletionSettings } from './completionSettings';
import type { AgentToolSettings } from './agentSettings';

export type { SettingProblem } from './settingProblem';
import { show } from './showValue';
import {
  DEFAULT_PROMPTS,
  PROMPT_KINDS,
  PROMPT_SETTING,
  SETTING_IDS,
  SETTINGS,
  type PromptKind,
  type RawSettings,
  type SettingName,
} from './settingsTable';
import { l10n } from '../../common/l10n';

export * from './settingsTable';
export * from './completionSettings';
export * from './agentSettings';

const PROVIDER_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export const CustomProviderSchema = z.lazy(() => z.object({
  id: z.string().check(z.regex(PROVIDER_ID, 'must be 1–64 letters, digits, "-", "_" or "." (starting with a letter or digit)')),
  name: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(100)),
  baseUrl: z.string().check(z.minLength(1, 'must not be empty')),
  headers: z.optional(z.record(z.string(), z.string())),
  defaultModel: z.optional(z.string().check(z.trim(), z.minLength(1))),
}));
export type CustomProvider = z.infer<typeof CustomProviderSchema>;

export interface SamplingSettings {
  temperature?: number;
  max_tokens?: number;
  top_p?: number;
  stop?: string[];
}

export interface Settings {
  /** The active provider id (a preset or a custom provider). */
  provider: string;
  /** The valid custom providers (malformed entries are left out and reported). */
  customProviders: CustomProvider[];
  /** Prime Intellect team id ('' for none). */
  teamId: string;
  /** Chosen model per provider id. */
  models: Record<string, string>;
  /** What the user set per model id (valid entries only). */
  modelOverrides: Record<string, ModelOverride>;
  sampling: SamplingSettings;
  systemPrompt: string;
  prompts: Record<PromptKind, string>;
  selectionMaxChars: number;
  requestTimeoutSeconds: number;
  /** Extra instruction files named by the user (AGENTS.md and .github/copilot-instructions.md are always looked for). */
  instructionsFiles: string[];
  /** Native chat: recognise tool calls that local models write as text (`<tool_call>…</tool_call>`). */
  parseToolCallsFromText: boolean;
  /** Inline suggestions as you type. */
  completions: CompletionSettings;
  /** The agent's tools (approval of reads and edits, the command timeout). */
  agentTools: AgentToolSettings;
}

/** A setting that could not be used, with a message naming it and what is allowed. */
export interface ParsedSettings {
  settings: Settings;
  problems: SettingProblem[];
}

/** The table's defaults by setting name. */
export const DEFAULTS = Object.fromEntries(Object.entries(SETTINGS).map(([name, d]) => [name, d.default])) as {
  [N in SettingName]: (typeof SETTINGS)[N]['default'];
};

export function parseSettings(raw: RawSettings): ParsedSettings {
  const problems: SettingProblem[] = [];

  /** The value of a setting with a schema: the raw value when valid, else the default (and a problem). */
  function take<T>(name: SettingName): T {
    const d = SETTINGS[name] as { default: unknown; schema?: z.ZodMiniType<unknown>; expectation: string };
    const value = raw[name];
    if (value === undefined || !d.schema) return d.default as T;
    const result = d.schema.safeParse(value);
    if (result.success) return result.data as T;
    problems.push({ setting: SETTING_IDS[name], message: l10n.t('Setting {0} must {1} (found {2}).', SETTING_IDS[name], l10n.t(d.expectation), show(value)) });
    return d.default as T;
  }

  const temperature = take<number | null>('temperature');
  const maxTokens = take<number | null>('maxTokens');
  const topP = take<number | null>('topP');
  const stop = take<string[]>('stop');
  const sampling: SamplingSettings = {};
  if (temperature !== null) sampling.temperature = temperature;
  if (maxTokens !== null) sampling.max_tokens = maxTokens;
  if (topP !== null) sampling.top_p = topP;
  if (stop.length > 0) sampling.stop = stop;

  const prompts = { ...DEFAULT_PROMPTS };
  for (const kind of PROMPT_KINDS) prompts[kind] = take<string>(PROMPT_SETTING[kind]);

  return {
    settings: {
      provider: take<string>('provider').trim(),
      customProviders: parseCustomProviders(raw.customProviders, problems),
      teamId: take<string>('teamId').trim(),
      models: take<Record<string, string>>('models'),
      modelOverrides: parseModelOverrides(raw.modelOverrides, problems),
      sampling,
      systemPrompt: take<string>('systemPrompt'),
      prompts,
      selectionMaxChars: take<number>('selectionMaxChars'),
      requestTimeoutSeconds: take<number>('requestTimeoutSeconds'),
      instructionsFiles: take<string[]>('instructionsFiles'),
      parseToolCallsFromText: take<boolean>('parseToolCallsFromText'),
      completions: {
        enabled: take<boolean>('completionsEnabled'),
        provider: take<string>('completionsProvider').trim(),
        model: take<string>('completionsModel').trim(),
        endpoint: take<CompletionEndpointSetting>('completionsEndpoint'),
        debounceMs: take<number>('completionsDebounceMs'),
        maxTokens: take<number>('completionsMaxTokens'),
        languages: take<Record<string, boolean>>('completionsLanguages'),
        lines: take<CompletionLines>('completionsLines'),
      },
      agentTools: {
        autoApplyEdits: take<boolean>('agentAutoApplyEdits'),
        readWithoutAsking: take<boolean>('agentReadWithoutAsking'),
        commandTimeoutSeconds: take<number>('agentCommandTimeoutSeconds'),
      },
    },
    problems,
  };
}

function parseCustomProviders(value: unknown, problems: SettingProblem[]): CustomProvider[] {
  const id = SETTING_IDS.customProviders;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ setting: id, message: l10n.t('Setting {0} must be a list of providers like {1} (found {2}).', id, '{"id", "name", "baseUrl"}', show(value)) });
    return [];
  }
  const valid: CustomProvider[] = [];
  const seen = new Set<string>();
  value.forEach((entry, index) => {
    const entryId = typeof entry === 'object' && entry !== null && typeof (entry as { id?: unknown }).id === 'string'
      ? (entry as { id: string }).id
      : undefined;
    const where = `${id}[${index}]${entryId ? ` ("${entryId}")` : ''}`;
    const result = CustomProviderSchema.safeParse(entry);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue && issue.path.length > 0 ? `.${issue.path.join('.')}` : '';
      const reason = issue ? (issue.code === 'invalid_type' && issue.input === undefined ? l10n.t('is required') : issue.message) : l10n.t('is invalid');
      problems.push({ setting: id, providerId: entryId, message: l10n.t('Setting {0} {1}. Each entry needs "id", "name" and "baseUrl"; "headers" must map names to strings.', `${where}${field}`, reason) });
      return;
    }
    if (seen.has(result.data.id)) {
      problems.push({ setting: id, providerId: entryId, message: l10n.t('Setting {0} repeats the id "{1}"; ids must be unique (the first one is used).', where, result.data.id) });
      return;
    }
    const forbidden = Object.keys(result.data.headers ?? {}).find((h) => h.toLowerCase() === 'authorization');
    if (forbidden) {
      problems.push({ setting: id, providerId: entryId, message: l10n.t('Setting {0}.headers must not contain "{1}": keys are kept in VS Code\'s secret storage — use "Inference Chat: Set API Key…".', where, forbidden) });
      return;
    }
    seen.add(result.data.id);
    valid.push(result.data);
  });
  return valid;
}
