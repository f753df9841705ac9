// The seam between the agent loop (src/chat, pure) and the tools that act (src/agent, VS Code): the loop asks the
// toolbox what to offer and hands it each call; the toolbox asks the user through `approve` (the call's card) and
// records each file's original in the turn's checkpoint before it changes it. Failures are outcomes, never throws.
import type { ToolDefinition } from '../api/types';
import type { CheckpointRecord } from '../history/storage/records';

export type ApprovalKind = 'command' | 'edit' | 'tool' | 'write';

/** What a call's card asks while it waits for the user. */
export interface ApprovalRequest {
  kind: ApprovalKind;
  /** The exact command line, the file, the tool. */
  title: string;
  /** The folder a command runs in; what an edit changes. */
  detail?: string;
  /** The allow-list entry "always allow" would save (commands only). */
  allowEntry?: string;
}

export type ApprovalDecision = 'once' | 'always' | 'deny';

export interface ToolCallInput {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

/** A turn's checkpoint as the conversation keeps it (history/storage/schemaV3.ts), and one file of it. */
export type { CheckpointRecord } from '../history/storage/records';
export type CheckpointFile = CheckpointRecord['files'][number];

export interface TurnCheckpoint {
  /** Before the first change of a file in this turn: saves its text (or that it did not exist). */
  before(fsPath: string): Promise<void>;
  /** The text the agent left in the file. */
  after(fsPath: string, text: string): void;
  commandRan(): void;
  /** Undefined while nothing was changed. */
  record(): CheckpointRecord | undefined;
}

export interface ToolRunContext {
  /** Stop: abort what runs (a command: its whole process tree). */
  signal: AbortSignal;
  /** Asks on the call's card; 'deny' when the turn is stopped meanwhile. */
  approve(request: ApprovalRequest): Promise<ApprovalDecision>;
  /** The card's live output so far (the whole text, capped by the tool). */
  progress(output: string): void;
  checkpoint: TurnCheckpoint;
}

export interface ToolOutcome {
  status: 'done' | 'denied' | 'error' | 'cancelled';
  /** Exactly what the model receives as the tool message. */
  result: string;
  /** One line for the card. */
  summary?: string;
  /** What the card shows expanded (capped). */
  output?: string;
}

export type UndoResult = { ok: true; restored: number; removed: number } | { ok: false; message: string };

export interface AgentToolbox {
  /** The built-in tools plus the VS Code tools chosen for the conversation. */
  definitions(lmTools: readonly string[]): ToolDefinition[];
  run(call: ToolCallInput, context: ToolRunContext): Promise<ToolOutcome>;
  /** A turn's checkpoint; `continuing`: the one an earlier attempt of the same turn left (retry, regenerate), kept whole. */
  beginCheckpoint(continuing?: CheckpointRecord): TurnCheckpoint;
  undo(checkpoint: CheckpointRecord): Promise<UndoResult>;
  /** Why the agent may not edit or run here (Restricted Mode), or undefined. */
  restricted(): string | undefined;
}
