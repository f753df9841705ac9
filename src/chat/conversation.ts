// The conversation model the host owns (and persists). The webview sees a projection of it
// (ConversationView / MessageView from src/protocol.ts); a few fields never leave the host.
import * as z from '../common/zodMini';
import { ConversationSummary, ConversationView, MessageView } from '../protocol';

export const DEFAULT_TITLE = 'New chat';
const TITLE_MAX = 60;

/** A message as stored: the view plus what was actually sent to the model when it differs. */
export const StoredMessage = z.lazy(() => z.extend(MessageView._zod.innerType, {
  /** For user messages from "Explain selection" & co: the full prompt sent (content is the shorter display). */
  sendContent: z.optional(z.string()),
  /** A system prompt that replaced the chat's own for the reply to this user message. */
  systemPrompt: z.optional(z.string()),
}));
export type StoredMessage = z.infer<typeof StoredMessage>;

export const Conversation = z.lazy(() => z.object({
  id: z.string().check(z.minLength(1)),
  title: z.string(),
  /** True once the user renamed it: the first message no longer decides the title. */
  customTitle: z._default(z.boolean(), false),
  createdAt: z.number(),
  updatedAt: z.number(),
  messages: z.array(StoredMessage),
  /** The unsent input of this conversation. */
  draft: z._default(z.string(), ''),
  /** Messages before this id are not sent to the model any more (after "drop oldest turns"); they stay visible. */
  contextFromId: z.optional(z.string()),
}));
export type Conversation = z.infer<typeof Conversation>;

export function newId(): string {
  return globalThis.crypto.randomUUID();
}

export function createConversation(now = Date.now()): Conversation {
  return { id: newId(), title: DEFAULT_TITLE, customTitle: false, createdAt: now, updatedAt: now, messages: [], draft: '' };
}

/** A short title from the first user message: its first non-empty line, whitespace collapsed, cut at a word. */
export function titleFromText(text: string): string {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .find((l) => l.length > 0 && !/^```/.test(l));
  if (!line) return DEFAULT_TITLE;
  if (line.length <= TITLE_MAX) return line;
  const cut = line.slice(0, TITLE_MAX);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > TITLE_MAX / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/** Sets the title from the first user message unless the user renamed the conversation. */
export function refreshTitle(conversation: Conversation): void {
  if (conversation.customTitle) return;
  const firstUser = conversation.messages.find((m) => m.role === 'user');
  conversation.title = firstUser ? titleFromText(firstUser.content) : DEFAULT_TITLE;
}

export function isEmpty(conversation: Conversation): boolean {
  return conversation.messages.length === 0;
}

export function toMessageView(message: StoredMessage): MessageView {
  const { sendContent: _sent, systemPrompt: _system, ...view } = message;
  return view;
}

export function toConversationView(conversation: Conversation): ConversationView {
  return { id: conversation.id, title: conversation.title, messages: conversation.messages.map(toMessageView) };
}

export function toSummary(conversation: Conversation): ConversationSummary {
  return {
    id: conversation.id,
    title: conversation.title,
    updatedAt: conversation.updatedAt,
    messageCount: conversation.messages.length,
  };
}

export function lastUserIndex(conversation: Conversation): number {
  for (let i = conversation.messages.length - 1; i >= 0; i--) {
    if (conversation.messages[i]?.role === 'user') return i;
  }
  return -1;
}
