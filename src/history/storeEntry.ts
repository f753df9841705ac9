// One conversation as a window holds it: what is on disk (as far as read), this window's changes not
// written yet, and the view built from both. Other windows' streaming replies are projected into the view:
// kept as streaming while their lease is alive, shown as interrupted once it is not.
import { applyChange, type ChangeInput, indexOfMessage } from './changes';
import type { Conversation, ReadonlyMessage, StoredMessage } from './conversation';
import { settleMessage } from './settleInterrupted';
import type { DiskMark } from './storage/conversationFiles';
import type { LeaseV3, JournalLineV3 } from './storage/schemaV3';
import { l10n } from '../common/l10n';

export interface Entry {
  /** The conversation as on disk, as far as this window has read it (nothing projected). */
  base: Conversation;
  /** base + pending, projected: what the store hands out. */
  view: Conversation;
  /** This window's changes that are not on disk yet, in order. */
  pending: JournalLineV3[];
  /** How far the files were read; undefined while the conversation is not on disk yet. */
  mark: DiskMark | undefined;
  /** The leases of the base's streaming messages, as last read. */
  leases: Map<string, LeaseV3>;
  /** A message that streams in another live window (the conversation is read-only here meanwhile). */
  elsewhere: string | undefined;
  /** When the earliest of those leases runs out (then it is checked again). */
  expiry: number | undefined;
}

export type StoreEvent =
  /** Another window changed the conversation (or its streaming reply ended or died): `before` is what the view had. */
  | { type: 'changed'; id: string; before: readonly ReadonlyMessage[]; beforeTitle: string; wasStreamingElsewhere: boolean }
  | { type: 'added'; id: string }
  | { type: 'removed'; id: string; wasActive: boolean }
  | { type: 'saveFailed'; message: string }
  | { type: 'saveRecovered' };

export function cloneConversation(conversation: Conversation): Conversation {
  return { ...conversation, messages: [...conversation.messages] };
}

export function newEntry(conversation: Conversation, mark?: DiskMark): Entry {
  return { base: conversation, view: cloneConversation(conversation), pending: [], mark, leases: new Map(), elsewhere: undefined, expiry: undefined };
}

/** Applies a change of this window to the view and queues it for the disk (consecutive appends merge). */
export function applyInput(entry: Entry, input: ChangeInput, at: number): void {
  let change = input;
  if (change.op === 'append' && change.from === undefined) {
    const message = entry.view.messages[indexOfMessage(entry.view, change.id)];
    change = { ...change, from: ((change.field === 'content' ? message?.content : message?.reasoning) ?? '').length };
  }
  if (change.op === 'append' && !change.text) return;
  const known = change;
  applyChange(entry.view, known, at);
  const last = entry.pending[entry.pending.length - 1]?.change;
  if (known.op === 'append' && last?.op === 'append' && last.id === known.id && last.field === known.field && last.from + last.text.length === known.from) {
    last.text += known.text; // still only in memory: nothing in flight is modified
    return;
  }
  entry.pending.push({ at, change: known });
}

/** The streaming messages of the base that this window does not stream itself. */
export function foreignStreaming(entry: Entry, localMessageId: string | undefined): string[] {
  return entry.base.messages.filter((m) => m.status === 'streaming' && m.id !== localMessageId).map((m) => m.id);
}

const interruptedCopies = new WeakMap<ReadonlyMessage, StoredMessage>();

/** A streaming message whose window is gone: its text is kept, it says what happened and offers to retry. */
function interrupted(message: StoredMessage): StoredMessage {
  let copy = interruptedCopies.get(message);
  if (!copy) {
    copy = { ...message, status: 'error', error: { kind: 'interrupted', message: l10n.t('The reply was interrupted when VS Code closed.'), actions: ['retry'] } };
    interruptedCopies.set(message, copy);
  }
  return copy;
}

/**
 * view = base + pending, with other windows' streaming messages projected, and tool calls left waiting or running by
 * a window that is gone settled as interrupted (settleInterrupted.ts). `expiryOf` says until when a
 * message's lease is alive (undefined: not alive).
 */
export function rebuild(entry: Entry, localMessageId: string | undefined, expiryOf: (lease: LeaseV3 | undefined) => number | undefined): void {
  const view = cloneConversation(entry.base);
  for (const line of entry.pending) applyChange(view, line.change, line.at);
  entry.elsewhere = undefined;
  entry.expiry = undefined;
  view.messages = view.messages.map((message) => {
    if (message.id === localMessageId) return message;
    if (message.status !== 'streaming') return settleMessage(message);
    const until = expiryOf(entry.leases.get(message.id));
    if (until === undefined) return settleMessage(interrupted(message)); // its tool calls too
    entry.elsewhere = message.id;
    entry.expiry = Math.min(entry.expiry ?? until, until);
    return message;
  });
  entry.view = view;
}

/** True when the views differ in what the webview shows. */
export function viewChanged(before: Conversation, after: Conversation, wasElsewhere: string | undefined, entry: Entry): boolean {
  if (before.title !== after.title || before.updatedAt !== after.updatedAt || wasElsewhere !== entry.elsewhere) return true;
  if (before.messages.length !== after.messages.length) return true;
  return before.messages.some((m, i) => m !== after.messages[i]);
}
