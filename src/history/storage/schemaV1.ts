// Version 1 of the chat history on disk, the format the extension wrote first (a checked-in example is
// test/fixtures/storage/v1/), in the extension's globalStorage folder `conversations/`:
//
//   conv-<id>.json   {"version":1,"conversation":{id, title, customTitle, createdAt, updatedAt, draft,
//                    contextFromId?, messages:[{id, role, content, reasoning?, status, error?, meta?,
//                    context?, createdAt, sendContent?, systemPrompt?}]}}
//   state.json       {"version":1,"activeId":"<id>"}
//
// Frozen: a later version gets a schema of its own and a migration step (migrate.ts); this file changes
// only if it turns out not to describe what version 1 wrote. It imports nothing from the webview
// protocol: what came from there (error kinds, reasons, actions) is a plain string here, so tightening
// the protocol never turns an old file "corrupt". toView.ts narrows these values for the webview.
import * as z from '../../common/zodMini';

export const ErrorRecordV1 = z.object({
  kind: z.string(),
  /** Missing in replies saved before errors had a reason. */
  reason: z.optional(z.string()),
  message: z.string(),
  actions: z.array(z.string()),
});

export const MetaRecordV1 = z.object({
  model: z.optional(z.string()),
  promptTokens: z.optional(z.number()),
  completionTokens: z.optional(z.number()),
  totalTokens: z.optional(z.number()),
  ttftMs: z.optional(z.number()),
  tokensPerSecond: z.optional(z.number()),
  durationMs: z.optional(z.number()),
  finishReason: z.optional(z.string()),
});

export const ContextRecordV1 = z.object({
  fileName: z.string(),
  languageId: z.string(),
  startLine: z.number(),
  endLine: z.number(),
  truncated: z.optional(z.boolean()),
});

export const MessageRecordV1 = z.object({
  id: z.string().check(z.minLength(1)),
  role: z.enum(['user', 'assistant']),
  /** For the user: what is shown. For the assistant: the answer text so far. */
  content: z.string(),
  reasoning: z.optional(z.string()),
  status: z.enum(['streaming', 'done', 'stopped', 'error']),
  error: z.optional(ErrorRecordV1),
  meta: z.optional(MetaRecordV1),
  context: z.optional(ContextRecordV1),
  createdAt: z.number(),
  /** User messages from "Explain selection" & co: the full prompt sent (content is the shorter display). */
  sendContent: z.optional(z.string()),
  /** A system prompt that replaced the chat's own for the reply to this user message. */
  systemPrompt: z.optional(z.string()),
});

export const ConversationRecordV1 = z.object({
  id: z.string().check(z.minLength(1)),
  title: z.string(),
  /** True once the user renamed it: the first message no longer decides the title. */
  customTitle: z._default(z.boolean(), false),
  createdAt: z.number(),
  updatedAt: z.number(),
  messages: z.array(MessageRecordV1),
  /** The unsent input of this conversation. */
  draft: z._default(z.string(), ''),
  /** Messages before this id are not sent to the model any more (after "drop oldest turns"); they stay visible. */
  contextFromId: z.optional(z.string()),
});

export const ConversationFileV1 = z.object({ version: z.literal(1), conversation: ConversationRecordV1 });
export type ConversationFileV1 = z.infer<typeof ConversationFileV1>;

/** Which conversation a new window opens. Unchanged since version 1. */
export const StateFileV1 = z.object({ version: z.number(), activeId: z.optional(z.string()) });
export type StateFileV1 = z.infer<typeof StateFileV1>;
