// What every built-in tool is given: the read gate, the settings, the workspace's allow-list, the proposals' diff
// documents, the secret redaction, and the outcome shapes the loop receives.
import type { ToolOutcome, ToolRunContext } from '../chat/agentTools';
import type { ProposalStore } from '../apply/proposals';
import type { Logger } from '../common/logger';
import type { AgentToolSettings } from '../config/core/agentSettings';
import type { ReadGate } from '../context/readGate';
import type { AllowListStore } from './allowListStore';
import type { CommandRunner } from './commandRunner';
import type { ToolArgs } from './core/toolArgs';
import type { BuiltinTool } from './core/toolDefinitions';

export interface ToolDeps {
  gate: ReadGate;
  settings: () => AgentToolSettings;
  log: Logger;
  proposals: ProposalStore;
  allowList: AllowListStore;
  runner: CommandRunner;
  /** Removes key-shaped strings (and the extension's own keys) from what a command printed. */
  redact: (text: string) => string;
  /** Why edits and commands are refused here (Restricted Mode), or undefined. */
  restricted: () => string | undefined;
}

export type Tool<K extends BuiltinTool> = (args: ToolArgs[K], context: ToolRunContext, deps: ToolDeps) => Promise<ToolOutcome>;

export const done = (result: string, summary?: string, output?: string): ToolOutcome => ({
  status: 'done', result, ...(summary !== undefined ? { summary } : {}), ...(output !== undefined ? { output } : {}),
});
export const failed = (result: string, summary?: string): ToolOutcome => ({ status: 'error', result, ...(summary !== undefined ? { summary } : {}) });
export const denied = (result: string, summary?: string): ToolOutcome => ({ status: 'denied', result, ...(summary !== undefined ? { summary } : {}) });

/** Read-only tools ask first only when the user turned unasked reads off (kind 'tool'). */
export async function mayReadUnasked(context: ToolRunContext, deps: ToolDeps, title: string): Promise<boolean> {
  if (deps.settings().readWithoutAsking) return true;
  return (await context.approve({ kind: 'tool', title })) !== 'deny';
}
