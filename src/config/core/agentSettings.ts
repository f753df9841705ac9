// The `inferenceChat.agent.*` settings of the agent's tools: their rows of the settings table and their parsed
// shape. What lets the agent act without asking (auto-applied edits, unasked reads) is the user's choice only: a
// cloned repository's settings must not turn the questions off. The command timeout is a harmless limit. Pure.
import { l10n } from '../../common/l10n';
import * as z from '../../common/zodMini';
import type { SettingDef } from './settingDef';

export interface AgentToolSettings {
  /** Edits are applied at once (with the turn's checkpoint) instead of waiting for Apply on the card. */
  autoApplyEdits: boolean;
  /** Read-only tools inside the workspace run unasked; false: each read asks. */
  readWithoutAsking: boolean;
  /** The default timeout of run_command (the model may ask for another, up to 600 s). */
  commandTimeoutSeconds: number;
}

const lazy = <T>(build: () => z.ZodMiniType<T>): z.ZodMiniType<T> => z.lazy(build);

export const AGENT_TOOL_SETTINGS = {
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
    schema: lazy(() => z.number().check(z.int(), z.gte(1), z.lte(600))),
    expectation: l10n.t('be a whole number of seconds between 1 and 600'),
  } satisfies SettingDef<number>,
};
