// The agent's toolbox (src/chat/agentTools.ts's AgentToolbox): what the model is offered (the built-in tools plus
// the VS Code tools chosen for the conversation), each call checked and run, failures returned as outcomes the model
// can act on (never thrown), and the turn's checkpoints. Created once per window by registerAgent.
import * as vscode from 'vscode';
import type { AgentToolbox, ToolCallInput, ToolOutcome, ToolRunContext } from '../chat/agentTools';
import { ProposalStore } from '../apply/proposals';
import { l10n } from '../common/l10n';
import type { Logger } from '../common/logger';
import { createRedactor } from '../common/redact';
import type { AgentToolSettings } from '../config/core/agentSettings';
import type { ReadGate } from '../context/readGate';
import { AgentTerminal } from './agentTerminal';
import { AllowListStore } from './allowListStore';
import { Checkpoints } from './checkpoints';
import { CommandRunner } from './commandRunner';
import { runCommand } from './commandTool';
import { parseToolArgs } from './core/toolArgs';
import { BUILTIN_TOOLS, builtinDefinitions, type BuiltinTool, isBuiltinTool, MAX_TOOLS } from './core/toolDefinitions';
import { STOPPED, unknownToolMessage } from './core/toolMessages';
import { createFile, editFile } from './editTools';
import { invokeLmTool, lmToolDefinitions } from './lmTools';
import { getProblems, listDir, readFile } from './readTools';
import { findFiles, searchText } from './searchTools';
import type { Tool, ToolDeps } from './toolDeps';

/** The diff documents of the agent's proposed edits (Apply's store, without Apply's Accept / Reject). */
export const AGENT_PROPOSAL_SCHEME = 'infchat-agent';

export interface AgentToolboxDeps {
  gate: ReadGate;
  /** The extension's global storage: checkpoints live in its `checkpoints/` folder. */
  storageUri: vscode.Uri;
  /** The workspace's state: its command allow-list. */
  workspaceState: vscode.Memento;
  log: Logger;
  settings: () => AgentToolSettings;
  /** The keys the extension holds: removed from what commands print, like any key-shaped string. */
  knownSecrets?: () => Iterable<string>;
}

/** The toolbox, plus what the commands and the tests reach. */
export interface AgentToolboxHandle extends AgentToolbox, vscode.Disposable {
  readonly allowList: AllowListStore;
  readonly checkpoints: Checkpoints;
  /** Replaces the Restricted Mode check (the integration tests cannot untrust their workspace); returns the undo. */
  useRestricted(reason: () => string | undefined): () => void;
}

const TOOLS: { [K in BuiltinTool]: Tool<K> } = {
  read_file: readFile,
  list_dir: listDir,
  find_files: findFiles,
  search_text: searchText,
  get_problems: getProblems,
  edit_file: editFile,
  create_file: createFile,
  run_command: runCommand,
};

export function restrictedReason(): string | undefined {
  return vscode.workspace.isTrusted
    ? undefined
    : l10n.t('This workspace is in Restricted Mode: the agent can read files but not edit them or run commands. Trust the folder to allow it.');
}

export function createAgentToolbox(deps: AgentToolboxDeps): AgentToolboxHandle {
  const terminal = new AgentTerminal();
  const proposals = new ProposalStore(AGENT_PROPOSAL_SCHEME);
  const allowList = new AllowListStore(deps.workspaceState);
  const checkpoints = new Checkpoints(deps.storageUri);
  const toolDeps: ToolDeps = {
    gate: deps.gate,
    settings: deps.settings,
    log: deps.log,
    proposals,
    allowList,
    runner: new CommandRunner(terminal),
    redact: (text) => createRedactor(deps.knownSecrets?.() ?? [])(text),
    restricted: () => restricted(),
  };
  let restricted = restrictedReason;
  /** The VS Code tools offered by the latest definitions(): a call of another one is an unknown tool. */
  let offeredLmTools: string[] = [];

  async function runBuiltin<K extends BuiltinTool>(name: K, call: ToolCallInput, context: ToolRunContext): Promise<ToolOutcome> {
    const parsed = parseToolArgs(name, call.arguments ?? {});
    if (!parsed.ok) return { status: 'error', result: parsed.message, summary: l10n.t('Invalid arguments') };
    return (TOOLS[name] as Tool<K>)(parsed.args, context, toolDeps);
  }

  return {
    allowList,
    checkpoints,
    definitions(lmTools) {
      const builtins = builtinDefinitions();
      const extra = lmToolDefinitions(lmTools, MAX_TOOLS - builtins.length);
      offeredLmTools = extra.map((d) => d.function.name);
      return [...builtins, ...extra];
    },
    async run(call, context) {
      try {
        if (context.signal.aborted) return { status: 'cancelled', result: STOPPED };
        if (isBuiltinTool(call.name)) return await runBuiltin(call.name, call, context);
        if (offeredLmTools.includes(call.name)) return await invokeLmTool(call.name, call.arguments ?? {}, context);
        return { status: 'error', result: unknownToolMessage(call.name, [...BUILTIN_TOOLS, ...offeredLmTools]), summary: l10n.t('Unknown tool') };
      } catch (err) {
        deps.log.warn(`Agent: ${call.name} failed: ${err instanceof Error ? err.message : String(err)}`);
        if (context.signal.aborted) return { status: 'cancelled', result: STOPPED };
        return { status: 'error', result: `${call.name} failed: ${err instanceof Error ? err.message : String(err)}`, summary: l10n.t('Failed') };
      }
    },
    beginCheckpoint: (continuing) => checkpoints.begin(continuing),
    undo: (record) => checkpoints.undo(record),
    restricted: () => restricted(),
    useRestricted(reason) {
      const previous = restricted;
      restricted = reason;
      return () => (restricted = previous);
    },
    dispose() {
      terminal.dispose();
      proposals.dispose();
    },
  };
}

export { chooseLmTools } from './lmTools';
