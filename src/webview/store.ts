// The webview's copy of the host's state. The host is the source of truth: `state` replaces all of it.
import type { ChatMode, ConversationSummary, ConversationView, HostToWebview, MessageView, ReadOnlyView, TargetView, ToolCallView } from '../protocol';

export interface ChatState {
  conversation: ConversationView;
  conversations: ConversationSummary[];
  target: TargetView;
  busy: boolean;
  /** Set while the conversation cannot be changed here (a reply streams into it in another window). */
  readOnly?: ReadOnlyView;
  /** Ask or Agent, for this conversation. */
  mode: ChatMode;
  /** Why the agent may not act here (Restricted Mode). */
  agentRestricted?: string;
}

export type StateMessage = Extract<HostToWebview, { type: 'state' }>;

export function fromStateMessage(message: StateMessage): ChatState {
  return {
    conversation: { ...message.conversation, messages: message.conversation.messages.map((m) => ({ ...m })) },
    conversations: message.conversations,
    target: message.target,
    busy: message.busy,
    ...(message.readOnly ? { readOnly: message.readOnly } : {}),
    mode: message.mode,
    ...(message.agentRestricted ? { agentRestricted: message.agentRestricted } : {}),
  };
}

export function findMessage(state: ChatState, id: string): MessageView | undefined {
  return state.conversation.messages.find((m) => m.id === id);
}

/** Adds or replaces a message; returns true when it was new. */
export function upsertMessage(state: ChatState, message: MessageView): boolean {
  const messages = state.conversation.messages;
  const index = messages.findIndex((m) => m.id === message.id);
  if (index === -1) {
    messages.push({ ...message });
    return true;
  }
  messages[index] = { ...message };
  return false;
}

/** Appends streamed text; returns the message, or undefined when it is unknown (e.g. a stale delta). */
export function appendDelta(state: ChatState, id: string, text?: string, reasoning?: string): MessageView | undefined {
  const message = findMessage(state, id);
  if (!message) return undefined;
  if (text) message.content += text;
  if (reasoning) message.reasoning = (message.reasoning ?? '') + reasoning;
  return message;
}

/** Removes the message with this id and everything after it; returns the removed ids. */
export function truncateFrom(state: ChatState, fromId: string): string[] {
  const messages = state.conversation.messages;
  const index = messages.findIndex((m) => m.id === fromId);
  if (index === -1) return [];
  return messages.splice(index).map((m) => m.id);
}

/** Replaces one tool call of a message (or adds it, a new call); returns the message, or undefined when it is unknown. */
export function upsertToolCall(state: ChatState, messageId: string, call: ToolCallView): MessageView | undefined {
  const message = findMessage(state, messageId);
  if (!message) return undefined;
  const calls = [...(message.toolCalls ?? [])];
  const index = calls.findIndex((c) => c.id === call.id);
  if (index === -1) calls.push(call);
  else calls[index] = call;
  message.toolCalls = calls;
  return message;
}
