// The one message protocol between the extension host and the chat webview.
// Both directions are zod discriminated unions. The host parses every message it receives
// (the webview is the less trusted side); the webview imports only the types. Each schema is a z.lazy: it is
// built when it first parses something, not when the extension loads.
import { AgentStopView, CHAT_MODES, CheckpointView, TOOL_DECISIONS, TOOL_VIEW_LIMITS, ToolCallView } from './agentProtocol';
import { ERROR_ACTIONS, ERROR_KINDS, ERROR_REASONS } from './common/appError';
import * as z from './common/zodMini';

export * from './agentProtocol';

// ---------- shared shapes ----------

/** What can be attached to a message (src/prompt/attachments.ts builds each one's text). */
export const ATTACHMENT_KINDS = ['file', 'selection', 'problems', 'terminal', 'image', 'instructions'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** What the user can click on an error to fix it (the one list lives in src/common/appError.ts). */
export const ErrorAction = z.lazy(() => z.enum(ERROR_ACTIONS));
export type ErrorAction = z.infer<typeof ErrorAction>;

/** The one error taxonomy (src/common/appError.ts). */
export const ErrorKind = z.lazy(() => z.enum(ERROR_KINDS));
export type ErrorKind = z.infer<typeof ErrorKind>;

export const ErrorView = z.lazy(() => z.object({
  kind: ErrorKind,
  /** What exactly happened (machine-readable). Optional only because replies saved before it existed lack it. */
  reason: z.optional(z.enum(ERROR_REASONS)),
  /** Readable, never contains a key or a raw HTML page. */
  message: z.string(),
  actions: z.array(ErrorAction),
}));
export type ErrorView = z.infer<typeof ErrorView>;

export const MessageMeta = z.lazy(() => z.object({
  model: z.optional(z.string()),
  promptTokens: z.optional(z.number()),
  completionTokens: z.optional(z.number()),
  totalTokens: z.optional(z.number()),
  /** Time to first token, ms. */
  ttftMs: z.optional(z.number()),
  tokensPerSecond: z.optional(z.number()),
  durationMs: z.optional(z.number()),
  /** Why the server stopped, when it is not a plain 'stop' (e.g. 'length': cut at the max-tokens limit). */
  finishReason: z.optional(z.string().check(z.maxLength(100))),
  /** What the reply cost in USD: the provider's figure ('provider') or the listed prices × tokens ('pricing'). */
  costUsd: z.optional(z.number()),
  costSource: z.optional(z.enum(['provider', 'pricing'])),
  /** The first message sent for this reply, when older ones were left out to fit the model's window. */
  sentFromId: z.optional(z.string()),
  /** How many earlier messages were left out to fit. */
  notSentCount: z.optional(z.number()),
}));
export type MessageMeta = z.infer<typeof MessageMeta>;

/** Where a selection-based prompt came from (shown as a chip above the user message). */
export const SelectionContext = z.lazy(() => z.object({
  fileName: z.string(),
  languageId: z.string(),
  startLine: z.number(),
  endLine: z.number(),
  truncated: z.optional(z.boolean()),
  /** The document's URI (`file:`, `untitled:` …) at send time: Apply targets it. */
  uri: z.optional(z.string().check(z.maxLength(8192))),
  /**
   * 0-based columns of the selection on its start and end line (absent: the whole lines). With the lines they
   * give the exact range the question was about.
   */
  startCharacter: z.optional(z.number()),
  endCharacter: z.optional(z.number()),
  /**
   * sha-256 (hex) of the document's text in that range at send time (src/common/textHash.ts): a file whose text
   * there differs changed since the question was asked, and Apply says so before it writes.
   */
  textHash: z.optional(z.string().check(z.maxLength(128))),
}));
export type SelectionContext = z.infer<typeof SelectionContext>;

/** An attachment as the composer and a sent message show it: a chip with its name and size. */
export const AttachmentChip = z.lazy(() => z.object({
  id: z.string(),
  kind: z.enum(ATTACHMENT_KINDS),
  name: z.string(),
  tokens: z.number(),
  /** The active editor, offered but not attached until clicked. */
  suggested: z.optional(z.boolean()),
  /** The instructions file, turned off for this conversation (not sent). */
  off: z.optional(z.boolean()),
  /** A longer description for the tooltip. */
  title: z.optional(z.string()),
}));
export type AttachmentChip = z.infer<typeof AttachmentChip>;

/** Where the paperclip picker looks (none: it asks). */
export const ATTACH_SOURCES = ['files', 'editors', 'selection', 'problems', 'workspaceProblems', 'terminal'] as const;
export type AttachSource = (typeof ATTACH_SOURCES)[number];

export const MessageStatus = z.lazy(() => z.enum(['streaming', 'done', 'stopped', 'error']));
export type MessageStatus = z.infer<typeof MessageStatus>;

export const MessageView = z.lazy(() => z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant']),
  /** For the user: what is shown (may be shorter than what was sent). For the assistant: the answer text so far. */
  content: z.string(),
  reasoning: z.optional(z.string()),
  status: MessageStatus,
  error: z.optional(ErrorView),
  meta: z.optional(MessageMeta),
  context: z.optional(SelectionContext),
  /** What was attached to a user message (as sent). */
  attachments: z.optional(z.array(AttachmentChip)),
  /** Settings of a trusted workspace a user message was sent with (its system prompt, a template): their full ids. */
  workspaceSettings: z.optional(z.array(z.string())),
  createdAt: z.number(),
  /** Agent mode (src/agentProtocol.ts): a user message sent in it, the calls of an assistant step, the undo, why it stopped. */
  mode: z.optional(z.literal('agent')),
  toolCalls: z.optional(z.array(ToolCallView)),
  checkpoint: z.optional(CheckpointView),
  agentStop: z.optional(AgentStopView),
}));
export type MessageView = z.infer<typeof MessageView>;

export const ConversationSummary = z.lazy(() => z.object({
  id: z.string(),
  title: z.string(),
  updatedAt: z.number(),
  messageCount: z.number(),
}));
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const ConversationView = z.lazy(() => z.object({
  id: z.string(),
  title: z.string(),
  messages: z.array(MessageView),
}));
export type ConversationView = z.infer<typeof ConversationView>;

export const TargetView = z.lazy(() => z.object({
  providerName: z.string(),
  model: z.optional(z.string()),
  /** True when requests can be sent: a key is stored, or the server is on this machine and may need none. */
  hasKey: z.boolean(),
  /** A loopback server with no key stored: offer "Set API key" without requiring it. */
  keyOptional: z.optional(z.boolean()),
  /** The model takes a reasoning effort; `reasoningEffort` is the one set for it (none: the server's default). */
  reasoning: z.optional(z.boolean()),
  reasoningEffort: z.optional(z.enum(['low', 'medium', 'high'])),
}));

/** How full the model's window is with what would be sent now (the composer's meter). Estimates, in tokens. */
export const BudgetView = z.lazy(() => z.object({
  /** System prompt + the history that would be sent + the draft. */
  used: z.number(),
  /** The window minus what is kept free for the reply. */
  limit: z.number(),
  contextWindow: z.number(),
  reserve: z.number(),
  /** Earlier messages that would be left out to fit. */
  notSent: z.number(),
  /** False when even the newest message alone (with the system prompt) does not fit. */
  fits: z.boolean(),
  /** Where the window size came from (a tooltip names what to override). */
  windowSource: z.enum(['user', 'server', 'default']),
}));
export type BudgetView = z.infer<typeof BudgetView>;
export type TargetView = z.infer<typeof TargetView>;

/** Why the conversation cannot be changed here right now (composer and message actions say so). */
export const ReadOnlyView = z.lazy(() => z.object({
  /** A reply streams into this conversation in another VS Code window. */
  reason: z.literal('streamingElsewhere'),
  message: z.string(),
}));
export type ReadOnlyView = z.infer<typeof ReadOnlyView>;

// ---------- host → webview ----------

export const HostToWebview = z.lazy(() => z.discriminatedUnion('type', [
  /** The whole state: sent after `ready` and after switching conversations. */
  z.object({
    type: z.literal('state'),
    conversation: ConversationView,
    conversations: z.array(ConversationSummary),
    target: TargetView,
    draft: z.string(),
    busy: z.boolean(),
    readOnly: z.optional(ReadOnlyView),
    mode: z.enum(CHAT_MODES),
    /** Why the agent may not act here (Restricted Mode): the composer says so in Agent mode. */
    agentRestricted: z.optional(z.string().check(z.maxLength(TOOL_VIEW_LIMITS.message))),
  }),
  /** How full the window is for the active conversation (absent: unknown, e.g. no provider yet). */
  z.object({ type: z.literal('budget'), conversationId: z.string(), budget: z.optional(BudgetView) }),
  /** The conversation became read-only here (a reply streams in another window), or writable again (no `readOnly`). */
  z.object({ type: z.literal('readOnly'), conversationId: z.string(), readOnly: z.optional(ReadOnlyView) }),
  z.object({ type: z.literal('messageAdded'), conversationId: z.string(), message: MessageView }),
  /** Text appended to a streaming assistant message. */
  z.object({
    type: z.literal('delta'),
    conversationId: z.string(),
    messageId: z.string(),
    text: z.optional(z.string()),
    reasoning: z.optional(z.string()),
  }),
  /** A message's final (or changed) state: replaces it whole. */
  z.object({ type: z.literal('messageUpdated'), conversationId: z.string(), message: MessageView }),
  /** Messages from this id on were removed (regenerate, edit & resend). */
  z.object({ type: z.literal('messagesTruncated'), conversationId: z.string(), fromMessageId: z.string() }),
  z.object({ type: z.literal('conversations'), conversations: z.array(ConversationSummary), activeId: z.string() }),
  z.object({ type: z.literal('target'), target: TargetView }),
  z.object({ type: z.literal('busy'), busy: z.boolean() }),
  z.object({ type: z.literal('notice'), level: z.enum(['info', 'warning', 'error']), message: z.string() }),
  z.object({ type: z.literal('focusInput') }),
  /**
   * The settings of a trusted workspace that steer the next message (full ids: inferenceChat.systemPrompt,
   * inferenceChat.prompts.explain…): the composer shows a chip for each. Empty: none.
   */
  z.object({ type: z.literal('workspacePrompts'), settings: z.array(z.string()) }),
  /** What the next message of this conversation will carry (and what is suggested). */
  z.object({ type: z.literal('attachments'), conversationId: z.string(), chips: z.array(AttachmentChip) }),
  /**
   * The host's draft of a conversation. It answers every `send` from the view: '' when the host took the
   * text, the text itself when it refused it (the view clears its input only on this answer).
   */
  z.object({ type: z.literal('draft'), conversationId: z.string(), text: z.string() }),
  /** The conversation's mode changed (and whether the agent may act here). */
  z.object({ type: z.literal('mode'), conversationId: z.string(), mode: z.enum(CHAT_MODES), agentRestricted: z.optional(z.string().check(z.maxLength(TOOL_VIEW_LIMITS.message))) }),
  /** One tool call's card changed (status, output, its question): replaces that card, or adds it. */
  z.object({ type: z.literal('toolCallUpdated'), conversationId: z.string(), messageId: z.string(), call: ToolCallView }),
]));
export type HostToWebview = z.infer<typeof HostToWebview>;

// ---------- webview → host ----------

const MAX_TEXT = 2_000_000;
/** Larger than the host's image limit (src/prompt/attachments.ts), so the host can say why it refuses one. */
const MAX_IMAGE_MESSAGE = 12_000_000;
const Text = () => z.string().check(z.maxLength(MAX_TEXT));
const Id = () => z.string().check(z.minLength(1), z.maxLength(200));

export const WebviewToHost = z.lazy(() => z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('send'), text: Text().check(z.minLength(1)) }),
  z.object({ type: z.literal('stop') }),
  z.object({ type: z.literal('regenerate') }),
  /** Replace the last user message with this text and resend. */
  z.object({ type: z.literal('editLast'), text: Text().check(z.minLength(1)) }),
  z.object({ type: z.literal('runAction'), action: ErrorAction, messageId: z.optional(Id()) }),
  z.object({ type: z.literal('newChat') }),
  z.object({ type: z.literal('switchConversation'), id: Id() }),
  z.object({ type: z.literal('renameConversation'), id: Id(), title: z.string().check(z.minLength(1), z.maxLength(200)) }),
  z.object({ type: z.literal('deleteConversation'), id: Id() }),
  z.object({ type: z.literal('exportConversation'), id: z.optional(Id()) }),
  z.object({ type: z.literal('copyText'), text: Text() }),
  z.object({ type: z.literal('insertCode'), code: Text(), language: z.optional(z.string().check(z.maxLength(100))) }),
  z.object({ type: z.literal('openInEditor'), code: Text(), language: z.optional(z.string().check(z.maxLength(100))) }),
  /** Apply code block `blockIndex` (0-based, fenced blocks of the answer) of an assistant message: the host takes the code from its own copy. */
  z.object({ type: z.literal('applyCode'), messageId: Id(), blockIndex: z.number().check(z.int(), z.gte(0), z.lte(100_000)) }),
  z.object({ type: z.literal('openLink'), href: z.string().check(z.maxLength(8192)) }),
  /** The unsent input, so a reload never loses it. */
  z.object({ type: z.literal('draftChanged'), text: Text() }),
  z.object({ type: z.literal('pickModel') }),
  z.object({ type: z.literal('pickReasoningEffort') }),
  /** Show the text of a workspace setting (read-only): as a message was sent with it, or (no message) as it is now. */
  z.object({ type: z.literal('openWorkspaceSetting'), setting: Id(), messageId: z.optional(Id()) }),
  /** The paperclip / `#`: attach something (from `source`, or ask which). */
  z.object({ type: z.literal('attach.pick'), source: z.optional(z.enum(ATTACH_SOURCES)) }),
  z.object({ type: z.literal('attach.remove'), id: Id() }),
  /** Include the suggested active editor, or turn the instructions file off or on. */
  z.object({ type: z.literal('attach.toggle'), id: Id() }),
  /** Files dropped from the explorer (their URIs). */
  z.object({ type: z.literal('attach.uris'), uris: z.array(z.string().check(z.maxLength(8192))).check(z.minLength(1), z.maxLength(50)) }),
  /** A pasted or dropped image (the host checks its type and size). */
  z.object({ type: z.literal('attach.image'), name: z.string().check(z.maxLength(300)), dataUrl: z.string().check(z.maxLength(MAX_IMAGE_MESSAGE)) }),
  /** Agent mode: switch this conversation's mode; answer the card of call `callId`; undo the turn of user message `messageId`. */
  z.object({ type: z.literal('setMode'), mode: z.enum(CHAT_MODES) }),
  z.object({ type: z.literal('toolDecision'), callId: Id(), decision: z.enum(TOOL_DECISIONS) }),
  z.object({ type: z.literal('undoTurn'), messageId: Id() }),
  z.object({ type: z.literal('chooseAgentTools') }),
]));
export type WebviewToHost = z.infer<typeof WebviewToHost>;

/** Parses a message from the webview: the typed message, or `ok: false` with zod's reason for anything malformed. */
export function parseWebviewMessage(raw: unknown): { ok: true; message: WebviewToHost } | { ok: false; error: string } {
  const result = WebviewToHost.safeParse(raw);
  return result.success ? { ok: true, message: result.data } : { ok: false, error: result.error.message };
}
