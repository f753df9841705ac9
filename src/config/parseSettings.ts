// Parses the raw `inferenceChat.*` values into a typed Settings object with zod. A bad value never
// crashes anything: it falls back to the default and is reported as a problem that names the setting and
// the allowed values, so the caller can refuse to send the request and show it. Pure, no `vscode`.
import * as z from '../zodMini';

export const SETTINGS_PREFIX = 'inferenceChat';

export const PROMPT_KINDS = ['explain', 'fix', 'tests', 'document', 'ask'] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];

export const DEFAULT_SYSTEM_PROMPT =
  'You are a precise, helpful coding assistant. Answer in Markdown and put code in fenced blocks with a language tag.';

/** Defaults; package.json's contributes.configuration repeats them (a unit test keeps the two equal). */
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

export const DEFAULTS = {
  provider: 'primeIntellect',
  customProviders: [] as unknown[],
  teamId: '',
  models: {} as Record<string, string>,
  temperature: null as number | null,
  maxTokens: null as number | null,
  topP: null as number | null,
  stop: [] as string[],
  systemPrompt: DEFAULT_SYSTEM_PROMPT,
  selectionMaxChars: 20_000,
  requestTimeoutSeconds: 60,
  parseToolCallsFromText: false,
};

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
  sampling: SamplingSettings;
  systemPrompt: string;
  prompts: Record<PromptKind, string>;
  selectionMaxChars: number;
  requestTimeoutSeconds: number;
  /** Native chat: recognise tool calls that local models write as text (`<tool_call>…</tool_call>`). */
  parseToolCallsFromText: boolean;
}

/** A setting that could not be used, with a message naming it and what is allowed. */
export interface SettingProblem {
  /** e.g. 'inferenceChat.temperature' or 'inferenceChat.customProviders' */
  setting: string;
  message: string;
  /** For customProviders: the id of the broken entry, when it has one. */
  providerId?: string;
}

/** Raw values as read from VS Code (already narrowed to the user level where that matters). */
export type RawSettings = Partial<{
  provider: unknown;
  customProviders: unknown;
  teamId: unknown;
  models: unknown;
  temperature: unknown;
  maxTokens: unknown;
  topP: unknown;
  stop: unknown;
  systemPrompt: unknown;
  selectionMaxChars: unknown;
  requestTimeoutSeconds: unknown;
  parseToolCallsFromText: unknown;
  prompts: Partial<Record<PromptKind, unknown>>;
}>;

/** The setting id shown to users for a key of RawSettings. */
export const SETTING_IDS = {
  provider: 'inferenceChat.provider',
  customProviders: 'inferenceChat.customProviders',
  teamId: 'inferenceChat.primeIntellect.teamId',
  models: 'inferenceChat.models',
  temperature: 'inferenceChat.temperature',
  maxTokens: 'inferenceChat.maxTokens',
  topP: 'inferenceChat.topP',
  stop: 'inferenceChat.stop',
  systemPrompt: 'inferenceChat.systemPrompt',
  selectionMaxChars: 'inferenceChat.selection.maxChars',
  requestTimeoutSeconds: 'inferenceChat.requestTimeoutSeconds',
  parseToolCallsFromText: 'inferenceChat.parseToolCallsFromText',
} as const;

export function promptSettingId(kind: PromptKind): string {
  return `inferenceChat.prompts.${kind}`;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
}

/** One scalar setting: its schema and the phrase that completes "Setting X must …". */
interface Rule<T> {
  schema: z.ZodMiniType<T>;
  expectation: string;
}

const rules = {
  provider: { schema: z.lazy(() => z.string().check(z.trim(), z.minLength(1))), expectation: 'be a provider id such as "primeIntellect"' },
  teamId: { schema: z.lazy(() => z.string().check(z.trim(), z.maxLength(200))), expectation: 'be a text of at most 200 characters' },
  models: { schema: z.lazy(() => z.record(z.string(), z.string())), expectation: 'be an object mapping provider ids to model ids' },
  temperature: { schema: z.lazy(() => z.nullable(z.number().check(z.gte(0), z.lte(2)))), expectation: 'be between 0 and 2, or null for the server default' },
  maxTokens: { schema: z.lazy(() => z.nullable(z.number().check(z.int(), z.gte(1)))), expectation: 'be a whole number of at least 1, or null for the server default' },
  topP: { schema: z.lazy(() => z.nullable(z.number().check(z.gte(0), z.lte(1)))), expectation: 'be between 0 and 1, or null for the server default' },
  stop: { schema: z.lazy(() => z.array(z.string().check(z.minLength(1))).check(z.maxLength(16))), expectation: 'be a list of up to 16 non-empty strings' },
  systemPrompt: { schema: z.lazy(() => z.string().check(z.maxLength(100_000))), expectation: 'be a text' },
  selectionMaxChars: { schema: z.lazy(() => z.number().check(z.int(), z.gte(100), z.lte(2_000_000))), expectation: 'be a whole number between 100 and 2000000' },
  requestTimeoutSeconds: { schema: z.lazy(() => z.number().check(z.gte(5), z.lte(3600))), expectation: 'be between 5 and 3600 seconds' },
  parseToolCallsFromText: { schema: z.lazy(() => z.boolean()), expectation: 'be true or false' },
} satisfies { [K in keyof typeof DEFAULTS]?: Rule<unknown> };

const promptRule: Rule<string> = { schema: z.lazy(() => z.string().check(z.minLength(1), z.maxLength(100_000))), expectation: 'be a non-empty text (use ${code} where the code goes)' };

export interface ParsedSettings {
  settings: Settings;
  problems: SettingProblem[];
}

export function parseSettings(raw: RawSettings): ParsedSettings {
  const problems: SettingProblem[] = [];

  function take<K extends keyof typeof rules>(key: K): z.infer<(typeof rules)[K]['schema']> {
    const value = raw[key];
    const fallback = DEFAULTS[key] as z.infer<(typeof rules)[K]['schema']>;
    if (value === undefined) return fallback;
    const rule = rules[key] as unknown as Rule<z.infer<(typeof rules)[K]['schema']>>;
    const result = rule.schema.safeParse(value);
    if (result.success) return result.data;
    problems.push({ setting: SETTING_IDS[key], message: `Setting ${SETTING_IDS[key]} must ${rule.expectation} (found ${show(value)}).` });
    return fallback;
  }

  const provider = take('provider').trim();
  const teamId = take('teamId').trim();
  const models = take('models');
  const temperature = take('temperature');
  const maxTokens = take('maxTokens');
  const topP = take('topP');
  const stop = take('stop');
  const systemPrompt = take('systemPrompt');
  const selectionMaxChars = take('selectionMaxChars');
  const requestTimeoutSeconds = take('requestTimeoutSeconds');
  const parseToolCallsFromText = take('parseToolCallsFromText');

  const prompts = { ...DEFAULT_PROMPTS };
  for (const kind of PROMPT_KINDS) {
    const value = raw.prompts?.[kind];
    if (value === undefined) continue;
    const result = promptRule.schema.safeParse(value);
    if (result.success) prompts[kind] = result.data;
    else problems.push({ setting: promptSettingId(kind), message: `Setting ${promptSettingId(kind)} must ${promptRule.expectation} (found ${show(value)}).` });
  }

  const customProviders = parseCustomProviders(raw.customProviders, problems);

  const sampling: SamplingSettings = {};
  if (temperature !== null) sampling.temperature = temperature;
  if (maxTokens !== null) sampling.max_tokens = maxTokens;
  if (topP !== null) sampling.top_p = topP;
  if (stop.length > 0) sampling.stop = stop;

  return {
    settings: { provider, customProviders, teamId, models, sampling, systemPrompt, prompts, selectionMaxChars, requestTimeoutSeconds, parseToolCallsFromText },
    problems,
  };
}

function parseCustomProviders(value: unknown, problems: SettingProblem[]): CustomProvider[] {
  const id = SETTING_IDS.customProviders;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ setting: id, message: `Setting ${id} must be a list of providers like {"id", "name", "baseUrl"} (found ${show(value)}).` });
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
      const reason = issue ? (issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message) : 'is invalid';
      problems.push({ setting: id, providerId: entryId, message: `Setting ${where}${field} ${reason}. Each entry needs "id", "name" and "baseUrl"; "headers" must map names to strings.` });
      return;
    }
    if (seen.has(result.data.id)) {
      problems.push({ setting: id, providerId: entryId, message: `Setting ${where} repeats the id "${result.data.id}"; ids must be unique (the first one is used).` });
      return;
    }
    const forbidden = Object.keys(result.data.headers ?? {}).find((h) => h.toLowerCase() === 'authorization');
    if (forbidden) {
      problems.push({ setting: id, providerId: entryId, message: `Setting ${where}.headers must not contain "${forbidden}": keys are kept in VS Code's secret storage — use "Inference Chat: Set API Key…".` });
      return;
    }
    seen.add(result.data.id);
    valid.push(result.data);
  });
  return valid;
}
