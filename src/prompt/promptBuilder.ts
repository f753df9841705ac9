// Builds the messages sent to the model from a conversation.
//
// What is sent, and why:
// - the system prompt first (the request's override if the last user message carries one, else the chat's);
// - user messages as sent (`sendContent` when the chat shows a shorter `display`);
// - assistant replies that finished (`done`) and replies the user stopped (`stopped`: their text is what the
//   user saw and may refer to). Replies that failed (`error`) are left out whole, even their partial text:
//   the model never finished them, and a half answer cut by a network error is misleading context.
// - consecutive messages of the same role (e.g. two user messages after a failed reply was left out) are
//   merged, because several chat templates (Mistral, some vLLM configurations) reject non-alternating roles;
// - messages before `contextFromId` (set by "drop oldest turns") are not sent; they stay visible in the chat;
// - a user message's attachments go before its text, its images as content parts when the model takes images
//   (`vision`), and the instructions file attached to the last user message joins the system prompt
//   (attachmentPrompt.ts);
// - an agent step (an assistant message with tool calls) goes with the answers to its calls, whatever its status
//   (a call that ran changed something the model must know; one that did not is answered so): toolTurns.ts.
import type { ChatMessage, ContentPart } from '../api/types';
import { instructionsText, payloadContent, userPayload, type UserPayload } from './attachmentPrompt';
import type { ReadonlyConversation, ReadonlyMessage } from '../history/conversation';
import { lastUserIndex } from '../history/conversation';
import { isToolStep, stepMessages } from './toolTurns';

/** How agent steps are sent. */
export interface ToolPromptOptions {
  /** Every step's calls go back as text (the server took no `tools`), not only those written as text. */
  textTools?: boolean;
  /** Indices of the steps whose bulky results are sent condensed (promptPlan.ts decides, when the window is tight). */
  condensed?: ReadonlySet<number>;
}

/**
 * The prompt for a reply to the conversation's messages up to (and including) index `upTo`, starting at `from`
 * (default: where "drop oldest turns" left the start; promptPlan.ts moves it further to fit the window).
 */
export function buildPrompt(
  conversation: ReadonlyConversation,
  chatSystemPrompt: string,
  upTo = conversation.messages.length - 1,
  from = contextStart(conversation),
  vision = false,
  tools: ToolPromptOptions = {},
): ChatMessage[] {
  const systemPrompt = systemPromptFor(conversation.messages.slice(0, upTo + 1), chatSystemPrompt);

  const out: ChatMessage[] = [];
  if (systemPrompt.trim()) out.push({ role: 'system', content: systemPrompt });
  for (let i = from; i <= upTo && i < conversation.messages.length; i++) {
    const message = conversation.messages[i]!;
    if (isToolStep(message)) {
      const step = stepMessages(message, { textTools: tools.textTools ?? false, condense: tools.condensed?.has(i) ?? false });
      for (const m of step) pushMerged(out, m);
      continue;
    }
    const payload = contentToSend(message, vision);
    if (payload === undefined) continue;
    pushMerged(out, { role: message.role, content: payloadContent(payload) });
  }
  return out;
}

/**
 * Appends the message, merged into the previous one when both are the same role (user or assistant) and the previous
 * one called no tools: a step's `tool_calls` stay on its own message, followed by their answers.
 */
function pushMerged(out: ChatMessage[], message: ChatMessage): void {
  const previous = out[out.length - 1];
  const mergeable = previous && previous.role === message.role && (previous.role === 'user' || previous.role === 'assistant');
  if (!mergeable || (previous.role === 'assistant' && previous.tool_calls)) {
    out.push(message);
    return;
  }
  if (message.role === 'assistant' && message.tool_calls) {
    // A plain reply before a step (a message left out in between): its text joins the step's message.
    const text = previous.content as string | ContentPart[];
    out[out.length - 1] = { ...message, content: message.content ? mergeContent(text, message.content) : text };
    return;
  }
  previous.content = mergeContent(previous.content as string | ContentPart[], message.content as string | ContentPart[]);
}

function mergeContent(a: string | ContentPart[], b: string | ContentPart[]): string | ContentPart[] {
  if (typeof a === 'string' && typeof b === 'string') return `${a}\n\n${b}`;
  const parts = (x: string | ContentPart[]): ContentPart[] => (typeof x === 'string' ? [{ type: 'text', text: x }] : x);
  return [...parts(a), ...parts(b)];
}

/**
 * The request's override if the last user message carries one (a selection command), else the chat's; plus
 * the instructions file attached to that message.
 */
export function systemPromptFor(history: readonly ReadonlyMessage[], chatSystemPrompt: string): string {
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i]!;
    if (m.role !== 'user') continue;
    const base = m.systemPrompt ?? chatSystemPrompt;
    const instructions = instructionsText(m.attachments);
    return instructions ? [base.trim(), instructions].filter(Boolean).join('\n\n') : base;
  }
  return chatSystemPrompt;
}

/**
 * What a message without tool calls contributes to the prompt; undefined when it is not sent (a failed or streaming
 * reply). A step with tool calls is sent and counted with its answers: stepMessages / stepTokens (toolTurns.ts).
 */
export function contentToSend(message: ReadonlyMessage, vision = false): UserPayload | undefined {
  if (message.role === 'user') return userPayload(message, message.sendContent ?? message.content, vision);
  if (message.status === 'done' || message.status === 'stopped') return message.content.trim() ? { text: message.content, images: [] } : undefined;
  return undefined; // streaming or error
}

export function contextStart(conversation: ReadonlyConversation): number {
  if (!conversation.contextFromId) return 0;
  const index = conversation.messages.findIndex((m) => m.id === conversation.contextFromId);
  return index < 0 ? 0 : index;
}

/**
 * "Drop oldest turns" after a context-length error: moves the start of what is sent past the older half
 * of the turns before the last user message (at least one turn), so one click usually fits. Returns how
 * many turns to drop and the new start (`contextFromId`, for the store to set); 0 when only the last
 * user message is left (dropping cannot help then).
 */
export function oldestTurnsToDrop(conversation: ReadonlyConversation): { dropped: number; contextFromId?: string } {
  const start = contextStart(conversation);
  const last = lastUserIndex(conversation);
  if (last < 0) return { dropped: 0 };
  // Turn starts: indices of user messages in [start, last).
  const turnStarts: number[] = [];
  for (let i = start; i < last; i++) if (conversation.messages[i]?.role === 'user') turnStarts.push(i);
  if (turnStarts.length === 0) return { dropped: 0 };
  const drop = Math.max(1, Math.ceil(turnStarts.length / 2));
  const newStart = turnStarts[drop] ?? last;
  const contextFromId = conversation.messages[newStart]?.id;
  return contextFromId === undefined ? { dropped: drop } : { dropped: drop, contextFromId };
}
