// Answering the last question again: regenerate, retry (a failed reply), edit & resend, and "drop the
// oldest turns" after a context-length error. Each drops what followed the last user message and starts
// a fresh reply.
import type { HostToWebview } from '../protocol';
import type { ChatView } from './chatView';
import { type StoredMessage, lastUserIndex } from '../history/conversation';
import type { ConversationStore } from '../history/conversationStore';
import { oldestTurnsToDrop } from '../prompt/promptBuilder';
import type { ReplyStream } from './replyStream';
import type { AgentTurn } from './agentTurn';
import { toMessageView } from './toView';
import { l10n } from '../common/l10n';

export interface AnswerAgainDeps {
  store: ConversationStore;
  view: ChatView;
  replies: ReplyStream;
  post: (message: HostToWebview) => void;
  now: () => number;
  /** False (and a notice says why) when no reply may start now. */
  mayReply: () => boolean;
  /** Sends `text` as a new message (edit & resend when there is nothing to edit). */
  send: (text: string) => Promise<void>;
  /** The Agent turn for a user message sent in Agent mode (answered again as one); undefined for Ask. */
  turnFor?: (conversationId: string, userMessageId: string) => AgentTurn | undefined;
}

export class AnswerAgain {
  constructor(private readonly deps: AnswerAgainDeps) {}

  regenerate(): Promise<void> {
    return this.replyAgain(l10n.t('There is no message to answer yet.'));
  }

  /** Replaces the last reply (normally a failed one) with a fresh attempt; `messageId` (if given) must be that reply. */
  retry(messageId?: string): Promise<void> {
    return this.replyAgain(l10n.t('There is nothing to retry.'), messageId);
  }

  async editLast(text: string): Promise<void> {
    if (!this.deps.mayReply()) return;
    const conversation = this.deps.store.active();
    const last = lastUserIndex(conversation);
    const user = conversation.messages[last];
    if (!user) {
      await this.deps.send(text);
      return;
    }
    // The edited text is what is sent now; the selection chip no longer describes it.
    const { sendContent: _sent, context: _context, ...rest } = user;
    const edited: StoredMessage = { ...rest, content: text, createdAt: this.deps.now() };
    this.deps.store.update(conversation.id, { op: 'message', message: edited });
    this.truncate(conversation.id, last + 1);
    this.deps.post({ type: 'messageUpdated', conversationId: conversation.id, message: toMessageView(edited) });
    await this.deps.replies.run(conversation.id, this.turnOf(conversation.id, edited));
  }

  /** After a context-length error: what is sent starts later (the dropped turns stay visible), then retry. */
  async dropOldest(messageId?: string): Promise<void> {
    if (!this.deps.mayReply()) return;
    const conversation = this.deps.store.active();
    const { dropped, contextFromId } = oldestTurnsToDrop(conversation);
    if (dropped === 0) {
      this.deps.view.notice('warning', l10n.t("Only the last message is left and it is still too long for the model's context window. Shorten it or pick a model with a larger context."));
      return;
    }
    this.deps.store.update(conversation.id, { op: 'set', contextFromId: contextFromId ?? null });
    this.deps.view.notice('info', dropped === 1
      ? l10n.t('Left out the oldest turn from what is sent to the model (it stays visible here).')
      : l10n.t('Left out the {0} oldest turns from what is sent to the model (they stay visible here).', dropped));
    await this.retry(messageId);
  }

  private async replyAgain(nothingToAnswer: string, messageId?: string): Promise<void> {
    if (!this.deps.mayReply()) return;
    const conversation = this.deps.store.active();
    const last = lastUserIndex(conversation);
    if (last < 0) {
      this.deps.view.notice('info', nothingToAnswer);
      return;
    }
    if (messageId) {
      const index = conversation.messages.findIndex((m) => m.id === messageId);
      if (index >= 0 && index < last) {
        this.deps.view.notice('info', l10n.t('Only the last reply can be retried.'));
        return;
      }
    }
    this.truncate(conversation.id, last + 1);
    await this.deps.replies.run(conversation.id, this.turnOf(conversation.id, conversation.messages[last]!));
  }

  private turnOf(conversationId: string, user: Pick<StoredMessage, 'id' | 'mode'>): AgentTurn | undefined {
    return user.mode === 'agent' ? this.deps.turnFor?.(conversationId, user.id) : undefined;
  }

  /** Removes messages from `index` on and tells the view. */
  private truncate(conversationId: string, index: number): void {
    const messages = this.deps.store.get(conversationId)?.messages ?? [];
    const first = messages[index];
    if (!first) return;
    this.deps.store.update(conversationId, { op: 'remove', ids: messages.slice(index).map((m) => m.id) });
    this.deps.post({ type: 'messagesTruncated', conversationId, fromMessageId: first.id });
  }
}
