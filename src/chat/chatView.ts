// Everything the host posts to the webview about the chat's state: the whole state, the list, the
// draft, notices, whether the conversation is read-only here — and what other windows changed (store
// events), as the same small posts this window sends for its own changes.
import type { HostToWebview, ReadOnlyView, TargetView } from '../protocol';
import type { TargetResolver } from '../providers/core/providerService';
import type { BudgetMeter } from './budgetMeter';
import type { ConversationStore, StoreEvent } from '../history/conversationStore';
import type { ReadonlyConversation } from '../history/conversation';
import { toConversationView, toSummary } from './toView';
import { postsForChange, streamingElsewhere } from './viewSync';
import { l10n } from '../common/l10n';

export interface ChatViewDeps {
  store: ConversationStore;
  targets: Pick<TargetResolver, 'describe'>;
  post: (message: HostToWebview) => void;
  /** A reply streams in this window. */
  busy: () => boolean;
  /** Posts streamed text still waiting (it must reach the view before a message that follows it). */
  flushDeltas: () => void;
  /** The composer's window meter, recomputed after every whole state. */
  meter: Pick<BudgetMeter, 'refresh' | 'reset'>;
  /** The conversation's mode (Ask | Agent) and why the agent may not act here. */
  agentState: (conversation: ReadonlyConversation) => { mode: 'ask' | 'agent'; agentRestricted?: string };
  /** After every whole state (the composer's attachment chips). */
  onState?: () => void;
}

export type NoticeLevel = 'info' | 'warning' | 'error';

export class ChatView {
  constructor(private readonly deps: ChatViewDeps) {}

  /** The whole state (after `ready`, after switching conversations). Pending deltas go out first. */
  async postState(): Promise<void> {
    const target = await this.describeTarget();
    this.deps.flushDeltas();
    const conversation = this.deps.store.active();
    const readOnly = this.readOnlyOf(conversation.id);
    this.deps.post({
      type: 'state',
      conversation: toConversationView(conversation),
      conversations: this.deps.store.list().map(toSummary),
      target,
      draft: conversation.draft,
      busy: this.deps.busy(),
      ...(readOnly ? { readOnly } : {}),
      ...this.deps.agentState(conversation),
    });
    this.deps.onState?.();
    // A whole state replaces the view's meter too: post it again (after the state, so the view has it first).
    this.deps.meter.reset();
    await this.deps.meter.refresh();
  }

  postConversations(): void {
    this.deps.post({ type: 'conversations', conversations: this.deps.store.list().map(toSummary), activeId: this.deps.store.active().id });
  }

  postDraft(conversationId: string): void {
    this.deps.post({ type: 'draft', conversationId, text: this.deps.store.get(conversationId)?.draft ?? '' });
  }

  notice(level: NoticeLevel, message: string): void {
    this.deps.post({ type: 'notice', level, message });
  }

  readOnlyOf(conversationId: string): ReadOnlyView | undefined {
    return this.deps.store.isStreamingElsewhere(conversationId) ? streamingElsewhere() : undefined;
  }

  /** What the store reports: other windows' changes, deletions and new conversations; saves that fail or work again. */
  onStoreEvent(event: StoreEvent): void {
    const store = this.deps.store;
    switch (event.type) {
      case 'changed': {
        const conversation = store.get(event.id);
        if (!conversation) return;
        if (event.id === store.active().id) {
          this.deps.flushDeltas();
          const posts = postsForChange(event.id, event.before, conversation.messages);
          if (posts === 'reset') void this.postState();
          else for (const post of posts) this.deps.post(post);
          const readOnly = this.readOnlyOf(event.id);
          if ((readOnly !== undefined) !== event.wasStreamingElsewhere) this.deps.post({ type: 'readOnly', conversationId: event.id, ...(readOnly ? { readOnly } : {}) });
        }
        if (event.beforeTitle !== conversation.title || event.before.length !== conversation.messages.length) this.postConversations();
        return;
      }
      case 'added':
        this.postConversations();
        return;
      case 'removed':
        if (event.wasActive) {
          this.notice('info', l10n.t('The conversation you had open was deleted in another window.'));
          void this.postState();
        } else this.postConversations();
        return;
      case 'saveFailed':
        this.notice('error', l10n.t('Could not save the chat history: {0}. Nothing is lost: it stays open here and saving is retried.', event.message));
        return;
      case 'saveRecovered':
        this.notice('info', l10n.t('The chat history is saved again.'));
        return;
    }
  }

  private async describeTarget(): Promise<TargetView> {
    try {
      return await this.deps.targets.describe();
    } catch {
      return { providerName: l10n.t('Unknown provider'), hasKey: false };
    }
  }
}
