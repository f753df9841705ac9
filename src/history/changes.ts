// What can change in a conversation, as data. The store applies every change through applyChange(), so
// a change made here and the same change read back from disk end in the same state.
//
// Rules every change follows:
// - message objects are never modified in place: a changed message is a new object (copy on write), so
//   a copy of the `messages` array is a cheap, faithful snapshot;
// - `updatedAt` is stamped by the change itself (`at`), except for drafts and streamed text;
// - the title follows the first user message unless the user renamed the conversation.
import type { Conversation } from './conversation';
import { titleFromText } from './conversation';
import type { ChangeV3 } from './storage/schemaV3';

/** A change as data (its schema and meaning: storage/schemaV3.ts, where the journal stores it). */
export type Change = ChangeV3;

/** An append without its offset: the store fills in `from` (the field's current length). */
export type AppendAtEnd = { op: 'append'; id: string; field: 'content' | 'reasoning'; text: string; from?: undefined };
export type ChangeInput = Change | AppendAtEnd;

/** Changes that move the conversation up the history list. */
export function stampsUpdatedAt(change: Change): boolean {
  return change.op !== 'draft' && change.op !== 'append';
}

/** Index of the message with this id, searching from the end (the message that changes is nearly always last). */
export function indexOfMessage(conversation: { readonly messages: readonly { readonly id: string }[] }, id: string): number {
  const messages = conversation.messages;
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.id === id) return i;
  return -1;
}

/** Applies the change to `conversation` (its fields and its `messages` array; never to a message object). */
export function applyChange(conversation: Conversation, change: Change, at: number): void {
  switch (change.op) {
    case 'message': {
      const index = indexOfMessage(conversation, change.message.id);
      if (index >= 0) conversation.messages[index] = change.message;
      else conversation.messages.push(change.message);
      refreshTitle(conversation);
      break;
    }
    case 'append': {
      const index = indexOfMessage(conversation, change.id);
      const message = conversation.messages[index];
      if (!message || !change.text) break;
      const current = (change.field === 'content' ? message.content : message.reasoning) ?? '';
      const next = appendAt(current, change.from, change.text);
      if (next === current) break;
      conversation.messages[index] = change.field === 'content' ? { ...message, content: next } : { ...message, reasoning: next };
      break;
    }
    case 'remove': {
      if (change.ids.length === 0) break;
      const ids = new Set(change.ids);
      conversation.messages = conversation.messages.filter((m) => !ids.has(m.id));
      if (conversation.contextFromId && ids.has(conversation.contextFromId)) delete conversation.contextFromId;
      refreshTitle(conversation);
      break;
    }
    case 'set': {
      if (change.title !== undefined) conversation.title = change.title;
      if (change.customTitle !== undefined) conversation.customTitle = change.customTitle;
      if (change.contextFromId === null) delete conversation.contextFromId;
      else if (change.contextFromId !== undefined) conversation.contextFromId = change.contextFromId;
      if (change.mode !== undefined) conversation.mode = change.mode;
      if (change.lmTools !== undefined) conversation.lmTools = [...change.lmTools];
      refreshTitle(conversation);
      break;
    }
    case 'draft':
      conversation.draft = change.text;
      break;
  }
  if (stampsUpdatedAt(change)) conversation.updatedAt = Math.max(conversation.updatedAt, at);
}

/**
 * `text` written at offset `from` of `current`. Applying the same append twice changes nothing, so a
 * change that reaches the disk twice (a save retried after a partial write) cannot double the text.
 */
function appendAt(current: string, from: number, text: string): string {
  if (from === current.length) return current + text;
  if (from < current.length) {
    if (from + text.length <= current.length && current.startsWith(text, from)) return current; // already there
    return current.slice(0, from) + text;
  }
  return current + text; // a gap (text lost before it): keep what there is
}

function refreshTitle(conversation: Conversation): void {
  if (conversation.customTitle) return;
  const firstUser = conversation.messages.find((m) => m.role === 'user');
  conversation.title = titleFromText(firstUser?.content ?? '');
}
