// The one place where stored records become what the webview sees (src/protocol.ts), and the only
// module that knows both. Stored values that came from the protocol once are plain strings on disk
// (storage/schemaV1.ts): here they are narrowed to what the protocol accepts today — an error kind this
// version does not know shows as 'other', unknown actions and reasons are left out, a long finish
// reason is cut — so an old file always renders. The other direction needs no code: every protocol
// value (ErrorView, MessageMeta, SelectionContext) is a valid record as it is.
import { ATTACHMENT_KINDS, type AttachmentKind } from '../protocol';
import { ERROR_ACTIONS, ERROR_KINDS, ERROR_REASONS, type ErrorAction, type ErrorKind, type ErrorReason } from '../common/appError';
import type { AttachmentChip, ConversationSummary, ConversationView, ErrorView, MessageMeta, MessageView, SelectionContext } from '../protocol';
import type { ReadonlyConversation, ReadonlyMessage } from '../history/conversation';
import { agentFieldsOf, type AgentMessageFields } from './toAgentView';

const KINDS: ReadonlySet<string> = new Set(ERROR_KINDS);
const REASONS: ReadonlySet<string> = new Set(ERROR_REASONS);
const ACTIONS: ReadonlySet<string> = new Set(ERROR_ACTIONS);
const FINISH_REASON_MAX = 100;

export function toMessageView(message: ReadonlyMessage): MessageView {
  const view: MessageView = { id: message.id, role: message.role, content: message.content, status: message.status, createdAt: message.createdAt };
  if (message.reasoning !== undefined) view.reasoning = message.reasoning;
  if (message.error) view.error = toErrorView(message.error);
  if (message.meta) view.meta = toMeta(message.meta);
  if (message.context) view.context = toContext(message.context);
  if (message.attachments?.length) view.attachments = message.attachments.map(toChip);
  if (message.workspaceSettings?.length) view.workspaceSettings = message.workspaceSettings.map((w) => w.setting);
  // Read structurally: the agent fields come with storage v3 (src/history/storage/schemaV3.ts).
  Object.assign(view, agentFieldsOf(message as AgentMessageFields));
  return view;
}

export function toConversationView(conversation: ReadonlyConversation): ConversationView {
  return { id: conversation.id, title: conversation.title, messages: conversation.messages.map(toMessageView) };
}

export function toSummary(conversation: ReadonlyConversation): ConversationSummary {
  return { id: conversation.id, title: conversation.title, updatedAt: conversation.updatedAt, messageCount: conversation.messages.length };
}

function toErrorView(error: NonNullable<ReadonlyMessage['error']>): ErrorView {
  const view: ErrorView = {
    kind: KINDS.has(error.kind) ? (error.kind as ErrorKind) : 'other',
    message: error.message,
    actions: error.actions.filter((a): a is ErrorAction => ACTIONS.has(a)),
  };
  if (error.reason !== undefined && REASONS.has(error.reason)) view.reason = error.reason as ErrorReason;
  return view;
}

function toMeta(meta: NonNullable<ReadonlyMessage['meta']>): MessageMeta {
  const view: MessageMeta = {};
  for (const key of ['model', 'promptTokens', 'completionTokens', 'totalTokens', 'ttftMs', 'tokensPerSecond', 'durationMs', 'costUsd', 'sentFromId', 'notSentCount'] as const) {
    if (meta[key] !== undefined) (view as Record<string, unknown>)[key] = meta[key];
  }
  if (meta.finishReason !== undefined) view.finishReason = meta.finishReason.slice(0, FINISH_REASON_MAX);
  if (meta.costSource === 'provider' || meta.costSource === 'pricing') view.costSource = meta.costSource;
  return view;
}

function toContext(context: NonNullable<ReadonlyMessage['context']>): SelectionContext {
  const view: SelectionContext = { fileName: context.fileName, languageId: context.languageId, startLine: context.startLine, endLine: context.endLine };
  if (context.truncated !== undefined) view.truncated = context.truncated;
  for (const key of ['uri', 'startCharacter', 'endCharacter', 'textHash'] as const) {
    if (context[key] !== undefined) (view as Record<string, unknown>)[key] = context[key];
  }
  return view;
}

const ATTACHMENT_KIND_SET: ReadonlySet<string> = new Set(ATTACHMENT_KINDS);

/** A stored attachment as a chip; a kind this version does not know shows as a file. */
function toChip(a: NonNullable<ReadonlyMessage['attachments']>[number]): AttachmentChip {
  return { id: a.id, kind: ATTACHMENT_KIND_SET.has(a.kind) ? (a.kind as AttachmentKind) : 'file', name: a.name, tokens: a.tokens };
}
