// Registers the agent's commands: "Choose Agent Tools…" (the VS Code tools offered to the model in a conversation:
// it returns the chosen names, the chat stores them on the conversation) and "Edit Agent Command Allow-list". The
// toolbox itself (dist/chunks/agent.js) is created on first use.
import * as vscode from 'vscode';
import { COMMANDS } from '../common/commands';
import type { Logger } from '../common/logger';
import type { ReadSettings } from '../config/settings';
import type { ReadGate } from '../context/readGate';
import type * as ToolboxModule from './agentToolbox';
import type { AgentToolboxHandle } from './agentToolbox';

export interface AgentFeature {
  /** The window's toolbox (created on the first call). */
  toolbox(): AgentToolboxHandle;
  /** The QuickPick of VS Code tools, `current` checked; the new choice, or undefined when dismissed. */
  chooseTools(current: readonly string[]): Promise<string[] | undefined>;
}

export function registerAgent(
  context: vscode.ExtensionContext,
  deps: {
    gate: ReadGate;
    settings: { current(): ReadSettings };
    log: Logger;
    knownSecrets?: () => Iterable<string>;
    /** The toolbox's chunk (dist/chunks/agent.js). */
    loadToolbox: () => typeof ToolboxModule;
  },
): AgentFeature {
  let toolbox: AgentToolboxHandle | undefined;
  const feature: AgentFeature = {
    toolbox: () =>
      (toolbox ??= deps.loadToolbox().createAgentToolbox({
        gate: deps.gate,
        storageUri: context.globalStorageUri,
        workspaceState: context.workspaceState,
        log: deps.log,
        settings: () => deps.settings.current().settings.agent,
        ...(deps.knownSecrets ? { knownSecrets: deps.knownSecrets } : {}),
      })),
    chooseTools: (current) => deps.loadToolbox().chooseLmTools(current),
  };
  context.subscriptions.push(
    { dispose: (): void => void toolbox?.dispose() },
    vscode.commands.registerCommand(COMMANDS.chooseAgentTools, (current?: unknown) =>
      feature.chooseTools(Array.isArray(current) ? (current as unknown[]).filter((n): n is string => typeof n === 'string') : [])),
    vscode.commands.registerCommand(COMMANDS.editAgentAllowList, () => feature.toolbox().allowList.edit()),
  );
  return feature;
}
