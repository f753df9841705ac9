// Agent mode's part of toView.ts: a message's tool calls, checkpoint and stop as the webview shows them
// (src/agentProtocol.ts). Stored values are plain strings (a newer version may write a status this one does not
// know): each is narrowed to the view's enums and cut to its caps, so any file renders.
import {
  AGENT_STOP_REASONS,
  APPROVAL_KINDS,
  TOOL_STATUSES,
  TOOL_VIEW_LIMITS,
  type AgentStopReason,
  type AgentStopView,
  type ApprovalKindView,
  type ChatMode,
  type CheckpointView,
  type ToolApprovalView,
  type ToolCallView,
  type ToolStatus,
} from '../agentProtocol';

/** The agent fields of a stored message (storage v3), as far as the view needs them. */
export interface AgentMessageFields {
  mode?: string;
  status: string;
  toolCalls?: ReadonlyArray<ToolCallFields>;
  checkpoint?: { files: readonly unknown[]; commandsRan?: boolean; undoneAt?: number };
  agentStop?: { reason: string; message: string };
}

export interface ToolCallFields {
  id: string;
  name: string;
  arguments: string;
  status: string;
  result?: string;
  summary?: string;
  output?: string;
  approval?: { kind: string; title: string; detail?: string; allowEntry?: string };
}

const STATUSES: ReadonlySet<string> = new Set(TOOL_STATUSES);
const KINDS: ReadonlySet<string> = new Set(APPROVAL_KINDS);
const STOP_REASONS: ReadonlySet<string> = new Set(AGENT_STOP_REASONS);

/** The agent fields of a message's view (none for a message without them). */
export function agentFieldsOf(message: AgentMessageFields): { mode?: 'agent'; toolCalls?: ToolCallView[]; checkpoint?: CheckpointView; agentStop?: AgentStopView } {
  const view: ReturnType<typeof agentFieldsOf> = {};
  if (message.mode === 'agent') view.mode = 'agent';
  if (message.toolCalls?.length) {
    const ended = message.status !== 'streaming';
    view.toolCalls = message.toolCalls.map((call) => toToolCallView(call, ended));
  }
  if (message.checkpoint) {
    view.checkpoint = { files: message.checkpoint.files.length };
    if (message.checkpoint.commandsRan) view.checkpoint.commandsRan = true;
    if (message.checkpoint.undoneAt !== undefined) view.checkpoint.undone = true;
  }
  if (message.agentStop) {
    const reason = message.agentStop.reason;
    view.agentStop = { reason: STOP_REASONS.has(reason) ? (reason as AgentStopReason) : 'error', message: cut(message.agentStop.message, TOOL_VIEW_LIMITS.message) };
  }
  return view;
}

/**
 * One call's card. `ended`: its message no longer streams, so a call still `running` or `awaiting-approval` will
 * never end (its window stopped or died): it shows as `interrupted`, like a status this version does not know.
 */
export function toToolCallView(call: ToolCallFields, ended: boolean): ToolCallView {
  let status: ToolStatus = STATUSES.has(call.status) ? (call.status as ToolStatus) : 'interrupted';
  if (ended && (status === 'running' || status === 'awaiting-approval')) status = 'interrupted';
  const view: ToolCallView = {
    id: cut(call.id, TOOL_VIEW_LIMITS.id) || '?',
    name: cut(call.name, TOOL_VIEW_LIMITS.name),
    status,
    args: shortArgs(call.arguments),
  };
  if (call.summary) view.summary = cut(oneLine(call.summary), TOOL_VIEW_LIMITS.summary);
  if (call.output) view.output = cut(call.output, TOOL_VIEW_LIMITS.output);
  if (status === 'awaiting-approval' && call.approval) view.approval = toApproval(call.approval);
  return view;
}

/** The conversation's mode (absent: Ask, as every conversation was before agent mode). */
export function modeOf(conversation: object): ChatMode {
  return (conversation as { mode?: unknown }).mode === 'agent' ? 'agent' : 'ask';
}

function toApproval(approval: NonNullable<ToolCallFields['approval']>): ToolApprovalView {
  const view: ToolApprovalView = {
    kind: KINDS.has(approval.kind) ? (approval.kind as ApprovalKindView) : 'tool',
    title: cut(approval.title, TOOL_VIEW_LIMITS.title),
  };
  if (approval.detail) view.detail = cut(approval.detail, TOOL_VIEW_LIMITS.detail);
  if (approval.allowEntry) view.allowEntry = cut(approval.allowEntry, TOOL_VIEW_LIMITS.allowEntry);
  return view;
}

/**
 * The arguments in one short line: `path: src/a.ts, start_line: 1` for a JSON object (strings unquoted), the text
 * itself otherwise; whitespace runs (newlines of an edit block) become one space, and a long line ends in "…".
 */
export function shortArgs(json: string): string {
  let text = json;
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      text = Object.entries(parsed).map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`).join(', ');
    }
  } catch {
    // Not JSON (a model's broken arguments): shown as written.
  }
  return cut(oneLine(text), TOOL_VIEW_LIMITS.args);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** At most `max` UTF-16 units, ending in "…" when cut, never splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end -= 1;
  return `${text.slice(0, end)}…`;
}
