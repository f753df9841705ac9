// A tool call is 'awaiting-approval' or 'running' only while the window that runs its turn streams into its message.
// A call still in one of those states in a message nobody streams into (its window closed or crashed) will never
// finish: it reads as 'interrupted' — shown so, answered so in the prompt, and never run again by itself. Pure; the
// store applies it to what it hands out (storeEntry.ts rebuild), the disk keeps what was written.
import type { Conversation, ReadonlyMessage, StoredMessage } from './conversation';

const UNFINISHED: ReadonlySet<string> = new Set(['awaiting-approval', 'running']);

/** True when the message has a call that is waiting or running. */
export function hasUnfinishedCall(message: ReadonlyMessage): boolean {
  return message.toolCalls?.some((call) => UNFINISHED.has(call.status)) ?? false;
}

const settledCopies = new WeakMap<ReadonlyMessage, StoredMessage>();

/**
 * The message with its waiting or running calls marked 'interrupted' (the same object when there are none, and the
 * same copy for the same message every time, so a view rebuilt from it does not look changed). A message that is
 * still streaming is left as it is: its window is alive and runs the calls.
 */
export function settleMessage(message: StoredMessage): StoredMessage {
  if (message.status === 'streaming' || !hasUnfinishedCall(message)) return message;
  let copy = settledCopies.get(message);
  if (!copy) {
    const toolCalls = message.toolCalls!.map((call) => (UNFINISHED.has(call.status) ? { ...call, status: 'interrupted' } : call));
    copy = { ...message, toolCalls };
    settledCopies.set(message, copy);
  }
  return copy;
}

/** The conversation with every call left waiting or running by a window that is gone read as 'interrupted'. */
export function settleInterrupted(conversation: Conversation): Conversation {
  const messages = conversation.messages.map(settleMessage);
  return messages.every((m, i) => m === conversation.messages[i]) ? conversation : { ...conversation, messages };
}
