// What the view must be told when another window changed the conversation it shows: the difference
// between the messages it had and the messages now, as the same small posts this window sends for its
// own changes (a reply growing elsewhere arrives as deltas, not as the whole message again).
import type { HostToWebview, ReadOnlyView } from '../protocol';
import type { ReadonlyMessage } from '../history/conversation';
import { toMessageView } from './toView';
import { l10n } from '../common/l10n';

/** The view's read-only state while another window streams into the conversation (built when used: translated). */
export function streamingElsewhere(): ReadOnlyView {
  return {
    reason: 'streamingElsewhere',
    message: l10n.t('A reply is streaming into this conversation in another window. You can send here again when it has finished.'),
  };
}

/** 'reset': the change is not a simple one (messages replaced in the middle): post the whole state. */
export function postsForChange(conversationId: string, before: readonly ReadonlyMessage[], after: readonly ReadonlyMessage[]): HostToWebview[] | 'reset' {
  const posts: HostToWebview[] = [];
  let common = 0;
  while (common < before.length && common < after.length && before[common]!.id === after[common]!.id) common++;
  if (common < before.length) {
    // Messages went away at the end (regenerate, retry, edit & resend in the other window)…
    const remaining = new Set(after.map((m) => m.id));
    if (before.slice(common).some((m) => remaining.has(m.id))) return 'reset';
    posts.push({ type: 'messagesTruncated', conversationId, fromMessageId: before[common]!.id });
  }
  for (let i = 0; i < common; i++) {
    const was = before[i]!;
    const now = after[i]!;
    if (was === now || sameView(was, now)) continue;
    const delta = grownBy(was, now);
    if (delta) posts.push({ type: 'delta', conversationId, messageId: now.id, ...delta });
    else posts.push({ type: 'messageUpdated', conversationId, message: toMessageView(now) });
  }
  for (const message of after.slice(common)) posts.push({ type: 'messageAdded', conversationId, message: toMessageView(message) });
  return posts;
}

/** A rebuilt copy of the same message (e.g. this window's own reply after another window's change). */
function sameView(was: ReadonlyMessage, now: ReadonlyMessage): boolean {
  return was.content === now.content && was.reasoning === now.reasoning && was.status === now.status
    && JSON.stringify([was.meta, was.error, was.context, was.createdAt]) === JSON.stringify([now.meta, now.error, now.context, now.createdAt]);
}

/** The text a streaming message gained, when that is all that changed. */
function grownBy(was: ReadonlyMessage, now: ReadonlyMessage): { text?: string; reasoning?: string } | undefined {
  if (was.status !== 'streaming' || now.status !== 'streaming') return undefined;
  if (JSON.stringify([was.meta, was.error, was.context]) !== JSON.stringify([now.meta, now.error, now.context])) return undefined;
  const wasReasoning = was.reasoning ?? '';
  const nowReasoning = now.reasoning ?? '';
  if (!now.content.startsWith(was.content) || !nowReasoning.startsWith(wasReasoning)) return undefined;
  const delta: { text?: string; reasoning?: string } = {};
  if (now.content.length > was.content.length) delta.text = now.content.slice(was.content.length);
  if (nowReasoning.length > wasReasoning.length) delta.reasoning = nowReasoning.slice(wasReasoning.length);
  return delta.text !== undefined || delta.reasoning !== undefined ? delta : undefined;
}
