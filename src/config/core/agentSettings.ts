// The `inferenceChat.agent.*` settings (the chat that reads, edits and runs): their rows of the settings table and
// their parsed shape. What lets the model act without asking (auto-applied edits, unasked reads) is the user's own
// choice only: a cloned repository's settings must not be able to turn approval off. Limits a workspace may set.
// Pure, no `vscode`.
import { l10n } from '../../common/l10n';
import * as z from '../../common/zodMini';
import type { SettingDef } from './settingDef';

export interface AgentSettings {
  /** Edits are written at once (with the turn's checkpoint) instead of waiting on their card. */
  autoApplyEdits: boolean;
  /** Read-only tools inside the workspace run unasked. */
  readWithoutAsking: boolean;
  commandTimeoutSeconds: number;
  /** Model requests per turn before the turn stops. */
  maxSteps: number;
  /** Tokens (prompt + completion, as the server counts them) per turn; 0 = no limit. */
  maxTokensPerTurn: number;
  /** USD per turn, from the model's prices; 0 = no limit. */
  maxCostPerTurn: number;
}

/** What the tools read (the rest are the loop's limits). */
export type AgentToolSettings = Pick<AgentSettings, 'autoApplyEdits' | 'readWithoutAsking' | 'commandTimeoutSeconds'>;

const lazy = <T>(build: () => z.ZodMiniType<T>): z.ZodMiniType<T> => z.lazy(build);
const wholeNumber = (min: number, max: number) => lazy(() => z.number().check(z.int(), z.gte(min), z.lte(max)));

export const AGENT_SETTINGS = {
  agentAutoApplyEdits: {
    key: 'agent.autoApplyEdits',
    default: false,
    trust: 'user',
    schema: lazy(() => z.boolean()),
    expectation: l10n.t('be true or false'),
  } satisfies SettingDef<boolean>,
  agentReadWithoutAsking: {
    key: 'agent.readWithoutAsking',
    default: true,
    trust: 'user',
    schema: lazy(() => z.boolean()),
    expectation: l10n.t('be true or false'),
  } satisfies SettingDef<boolean>,
  agentCommandTimeoutSeconds: {
    key: 'agent.commandTimeoutSeconds',
    default: 120,
    trust: 'any',
    schema: wholeNumber(1, 600),
    expectation: l10n.t('be a whole number of seconds between 1 and 600'),
  } satisfies SettingDef<number>,
  agentMaxSteps: {
    key: 'agent.maxSteps',
    default: 25,
    trust: 'any',
    schema: wholeNumber(1, 200),
    expectation: l10n.t('be a whole number between 1 and 200'),
  } satisfies SettingDef<number>,
  agentMaxTokensPerTurn: {
    key: 'agent.maxTokensPerTurn',
    default: 1_000_000,
    trust: 'any',
    schema: wholeNumber(0, 100_000_000),
    expectation: l10n.t('be a whole number of tokens (0 for no limit)'),
  } satisfies SettingDef<number>,
  agentMaxCostPerTurn: {
    key: 'agent.maxCostPerTurn',
    default: 1,
    trust: 'any',
    schema: lazy(() => z.number().check(z.gte(0), z.lte(1000))),
    expectation: l10n.t('be an amount in USD between 0 and 1000 (0 for no limit)'),
  } satisfies SettingDef<number>,
};
