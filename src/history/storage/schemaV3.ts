// Version 3 of the chat history on disk: agent mode. The folder's layout is version 2's (schemaV2.ts) with
// `"version":3` in snapshots, tombstones and leases (locks have no version: LockV2); the records gain what an
// agent turn keeps:
//
//   user message       mode: 'agent', later its checkpoint (the files the turn changed, for undo)
//   assistant message  one per step: its text, the toolCalls it made (each with its result), the replay fields
//                      the server wants back; the turn's last message may say why the turn ended early (agentStop)
//   conversation       mode ('ask' | 'agent') and the VS Code tools chosen for it (lmTools)
//
// A tool's result lives on its call record, inside the assistant message that made the call: the message and its
// `tool` answers are one stored unit, so trimming the prompt can never split them (src/prompt/toolTurns.ts).
// Strings the agent may extend later (a call's status) are plain strings, so an unknown one never makes a file
// corrupt; readers narrow them (settleInterrupted.ts, toView.ts).
import * as z from '../../common/zodMini';
import { ConversationRecordV2, MessageRecordV2 } from './schemaV2';

/** A call's status is one of the protocol's TOOL_STATUSES, kept as a plain string: an unknown one never makes a file corrupt. */
export { TOOL_STATUSES, type ToolStatus } from '../../agentProtocol';

/** What a call's card asks while the call waits for the user. */
export const ApprovalRecordV3 = z.object({
  kind: z.enum(['command', 'edit', 'tool', 'write']),
  title: z.string(),
  detail: z.optional(z.string()),
  allowEntry: z.optional(z.string()),
});

export const ToolCallRecordV3 = z.object({
  /** The call id the model gave (or one generated for it): its tool message answers this id. */
  id: z.string(),
  name: z.string(),
  /** The JSON text of the arguments, as sent back to the model. */
  arguments: z.string(),
  /** One of TOOL_STATUSES. */
  status: z.string(),
  /** Exactly what the model received as the tool message (capped by the tool). */
  result: z.optional(z.string()),
  /** One line for the card ("src/a.ts lines 1–40", "exit 0 in 1.2 s"). */
  summary: z.optional(z.string()),
  /** What the card shows expanded (command output, a diff's text), capped by the tool. */
  output: z.optional(z.string()),
  approval: z.optional(ApprovalRecordV3),
  startedAt: z.optional(z.number()),
  endedAt: z.optional(z.number()),
  /** Provider data attached to the call, sent back untouched (Gemini's thought signature: src/api/types.ts ToolCall). */
  extra_content: z.optional(z.record(z.string(), z.unknown())),
});

export const CheckpointFileRecordV3 = z.object({
  /** The file's fsPath. */
  path: z.string(),
  /** It did not exist before the turn (undo removes it). */
  created: z.boolean(),
  /** sha-256 of the text the agent left in it: another text at undo means the user changed it since. */
  afterHash: z.optional(z.string()),
});

export const CheckpointRecordV3 = z.object({
  /** A folder name under the extension's global storage (checkpoints/<id>/). */
  id: z.string(),
  files: z.array(CheckpointFileRecordV3),
  /** A command ran in the turn: what it changed is not covered. */
  commandsRan: z.optional(z.boolean()),
  undoneAt: z.optional(z.number()),
});

/** Reasoning a server wants back with the message that called tools (DeepSeek, OpenRouter). */
export const ReplayRecordV3 = z.object({
  reasoning_content: z.optional(z.string()),
  reasoning_details: z.optional(z.array(z.unknown())),
});

export const AgentStopRecordV3 = z.object({
  reason: z.enum(['steps', 'tokens', 'cost', 'repeat', 'stopped', 'interrupted', 'error']),
  message: z.string(),
});

export const MessageRecordV3 = z.extend(MessageRecordV2, {
  /** A user message sent in Agent mode. */
  mode: z.optional(z.literal('agent')),
  /** On that user message, once the turn changed a file. */
  checkpoint: z.optional(CheckpointRecordV3),
  /** On an assistant message: the calls of that step, in order. */
  toolCalls: z.optional(z.array(ToolCallRecordV3)),
  /** The calls were written as text (no native tools): they are sent back as text. */
  toolFormat: z.optional(z.literal('text')),
  replay: z.optional(ReplayRecordV3),
  /** Why a turn ended early (on the last message of the turn). */
  agentStop: z.optional(AgentStopRecordV3),
});

export const ConversationRecordV3 = z.extend(ConversationRecordV2, {
  messages: z.array(MessageRecordV3),
  mode: z.optional(z.enum(['ask', 'agent'])),
  /** The VS Code tools (vscode.lm.tools names) chosen for this conversation. */
  lmTools: z.optional(z.array(z.string())),
});

export const ConversationFileV3 = z.object({ version: z.literal(3), conversation: ConversationRecordV3 });
export type ConversationFileV3 = z.infer<typeof ConversationFileV3>;

const Offset = z.number().check(z.int(), z.nonnegative());

/** Version 2's changes (schemaV2.ts) with version 3's messages; `set` also takes the conversation's mode and tools. */
export const ChangeV3 = z.discriminatedUnion('op', [
  z.object({ op: z.literal('message'), message: MessageRecordV3 }),
  z.object({ op: z.literal('append'), id: z.string(), field: z.enum(['content', 'reasoning']), from: Offset, text: z.string() }),
  z.object({ op: z.literal('remove'), ids: z.array(z.string()) }),
  z.object({
    op: z.literal('set'),
    title: z.optional(z.string()),
    customTitle: z.optional(z.boolean()),
    contextFromId: z.optional(z.nullable(z.string())),
    mode: z.optional(z.enum(['ask', 'agent'])),
    lmTools: z.optional(z.array(z.string())),
  }),
  z.object({ op: z.literal('draft'), text: z.string() }),
]);
export type ChangeV3 = z.infer<typeof ChangeV3>;

/** A journal line. Also reads a version-2 journal (every version-2 change is a version-3 change). */
export const JournalLineV3 = z.object({ at: z.number(), change: ChangeV3 });
export type JournalLineV3 = z.infer<typeof JournalLineV3>;

export const TombstoneV3 = z.object({ version: z.literal(3), deletedAt: z.number() });

const Holder = { owner: z.string(), host: z.string(), pid: z.number() };

/**
 * A reply streaming in a live window. Written as version 3; a version-2 lease (a window of the previous build
 * streaming into a version-2 file it opened before this window upgraded it) still counts as alive.
 */
export const LeaseV3 = z.object({ version: z.union([z.literal(2), z.literal(3)]), ...Holder, messageId: z.string(), heartbeatAt: z.number() });
export type LeaseV3 = z.infer<typeof LeaseV3>;
