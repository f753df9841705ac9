// The conversation model the host owns. Its records are the storage schema's (storage/records.ts):
// what is in memory is what is on disk. The webview sees a projection of it (toView.ts).
import type { ConversationRecord, MessageRecord } from './storage/records';
import { l10n } from '../common/l10n';

/** The title of a conversation before its first message names it (in the display language when it is created). */
export const defaultTitle = (): string => l10n.t('New chat');
const TITLE_MAX = 60;

/** A message as stored: what the view shows plus what was actually sent to the model when it differs. */
export type StoredMessage = MessageRecord;
export type Conversation = ConversationRecord;

/** What the store hands out: change it only through ConversationStore.update(). */
export type ReadonlyMessage = Readonly<StoredMessage>;
export type ReadonlyConversation = Readonly<Omit<Conversation, 'messages'>> & { readonly messages: readonly ReadonlyMessage[] };

export function newId(): string {
  return globalThis.crypto.randomUUID();
}

export function createConversation(now = Date.now()): Conversation {
  return { id: newId(), title: defaultTitle(), customTitle: false, createdAt: now, updatedAt: now, messages: [], draft: '' };
}

/**
 * A short title from the first user message: its first non-empty line as plain text (the list and the tab show
 * it unrendered, so a selection command's "**Explain selection** · `src/a.ts`" reads "Explain selection · src/a.ts"),
 * whitespace collapsed, cut at a word.
 */
export function titleFromText(text: string): string {
  const line = text
    .split(/\r?\n/)
    .map((l) => plainText(l).replace(/\s+/g, ' ').trim())
    .find((l) => l.length > 0 && !/^```/.test(l));
  if (!line) return defaultTitle();
  if (line.length <= TITLE_MAX) return line;
  const cut = line.slice(0, TITLE_MAX);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > TITLE_MAX / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/**
 * One line of markdown as plain text: code spans keep their text verbatim (a question about `**` keeps it); outside
 * them, heading/quote markers, `**bold**`, `~~strike~~` and link syntax go. `*`, `_` and `__` stay: they are as often part
 * of a name (`my_var`, `__init__`, `a * b`) as emphasis.
 */
export function plainText(line: string): string {
  if (/^\s*(`{3,}|~{3,})/.test(line)) return line; // a fence line: the caller skips it
  return line
    .split(/(`+)(.+?)\1/)
    .map((part, i) => {
      if (i % 3 === 1) return ''; // the backticks of a code span
      if (i % 3 === 2) return part; // a code span's text
      return (i === 0 ? part.replace(/^\s{0,3}(?:#{1,6}\s+|>\s*)+/, '') : part)
        .replace(/(\*\*|~~)(?=\S)(.+?)(?<=\S)\1/g, '$2')
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
    })
    .join('');
}

export function isEmpty(conversation: ReadonlyConversation): boolean {
  return conversation.messages.length === 0;
}

export function lastUserIndex(conversation: ReadonlyConversation): number {
  for (let i = conversation.messages.length - 1; i >= 0; i--) {
    if (conversation.messages[i]?.role === 'user') return i;
  }
  return -1;
}
