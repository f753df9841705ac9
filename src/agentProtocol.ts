// What the chat view shows of agent mode (issue 19): a tool call's card, a turn's checkpoint, why a turn stopped.
// Part of the host ⇄ webview protocol (src/protocol.ts includes these schemas and re-exports their types; the
// webview imports the types from there). Every string carries a cap: src/chat/toView.ts cuts stored text to these
// before it is posted.
import * as z from './common/zodMini';

/** A tool call's life: asked → (approved) running → an outcome; `interrupted`: its window died before it ended. */
export const TOOL_STATUSES = ['awaiting-approval', 'running', 'done', 'denied', 'error', 'cancelled', 'interrupted'] as const;
export type ToolStatus = (typeof TOOL_STATUSES)[number];

/** What a card asks about: a command line, an edit, a call of a VS Code tool, a write to a file that runs code. */
export const APPROVAL_KINDS = ['command', 'edit', 'tool', 'write'] as const;
export type ApprovalKindView = (typeof APPROVAL_KINDS)[number];

/** The user's answer on a card: this call only, this command from now on in this workspace, or no. */
export const TOOL_DECISIONS = ['once', 'always', 'deny'] as const;
export type ToolDecision = (typeof TOOL_DECISIONS)[number];

/** Ask: today's chat. Agent: the model may call tools (read, edit, run) with the user's approval. */
export const CHAT_MODES = ['ask', 'agent'] as const;
export type ChatMode = (typeof CHAT_MODES)[number];

/** Why a turn ended before the model answered without a call. */
export const AGENT_STOP_REASONS = ['steps', 'tokens', 'cost', 'repeat', 'stopped', 'interrupted', 'error'] as const;
export type AgentStopReason = (typeof AGENT_STOP_REASONS)[number];

/** The caps of the view's strings (toView cuts to them). */
export const TOOL_VIEW_LIMITS = {
  id: 200,
  name: 200,
  /** The arguments in short: one line. */
  args: 200,
  summary: 500,
  /** The same cap as the stored output (the tool caps it first). */
  output: 20_000,
  title: 4_000,
  detail: 4_000,
  allowEntry: 1_000,
  message: 2_000,
} as const;

const capped = (max: number) => z.string().check(z.maxLength(max));

export const ToolApprovalView = z.lazy(() => z.object({
  kind: z.enum(APPROVAL_KINDS),
  /** The exact command line, the file, the tool. */
  title: capped(TOOL_VIEW_LIMITS.title),
  /** The folder a command runs in; what an edit changes. */
  detail: z.optional(capped(TOOL_VIEW_LIMITS.detail)),
  /** The allow-list entry "Always allow" saves (commands only). */
  allowEntry: z.optional(capped(TOOL_VIEW_LIMITS.allowEntry)),
}));
export type ToolApprovalView = z.infer<typeof ToolApprovalView>;

/** One card: a tool call of an assistant message. */
export const ToolCallView = z.lazy(() => z.object({
  id: z.string().check(z.minLength(1), z.maxLength(TOOL_VIEW_LIMITS.id)),
  name: capped(TOOL_VIEW_LIMITS.name),
  status: z.enum(TOOL_STATUSES),
  args: capped(TOOL_VIEW_LIMITS.args),
  summary: z.optional(capped(TOOL_VIEW_LIMITS.summary)),
  output: z.optional(capped(TOOL_VIEW_LIMITS.output)),
  /** The question while the call awaits approval. */
  approval: z.optional(ToolApprovalView),
}));
export type ToolCallView = z.infer<typeof ToolCallView>;

/** On a user message of a turn that changed files: what "Undo this turn's changes" covers. */
export const CheckpointView = z.lazy(() => z.object({
  files: z.number().check(z.int(), z.gte(0)),
  /** A command ran in the turn: what it changed is not covered. */
  commandsRan: z.optional(z.boolean()),
  undone: z.optional(z.boolean()),
}));
export type CheckpointView = z.infer<typeof CheckpointView>;

export const AgentStopView = z.lazy(() => z.object({
  reason: z.enum(AGENT_STOP_REASONS),
  message: capped(TOOL_VIEW_LIMITS.message),
}));
export type AgentStopView = z.infer<typeof AgentStopView>;
