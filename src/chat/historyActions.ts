// The conversation list's actions: new chat, switch, rename, delete, export.
import type { ChatView } from './chatView';
import type { ChatHost } from './chatHost';
import { createConversation, isEmpty } from '../history/conversation';
import type { ConversationStore } from '../history/conversationStore';
import { conversationToMarkdown, exportFileName } from './exportMarkdown';
import type { ReplyStream } from './replyStream';
import { l10n } from '../common/l10n';

export interface HistoryDeps {
  store: ConversationStore;
  view: ChatView;
  replies: ReplyStream;
  host: ChatHost;
  now: () => number;
}

export class HistoryActions {
  constructor(private readonly deps: HistoryDeps) {}

  /** A fresh conversation (the current one is reused when it is still empty), with the input focused. */
  async newChat(): Promise<void> {
    const { store } = this.deps;
    if (!isEmpty(store.active())) {
      const fresh = createConversation(this.deps.now());
      store.add(fresh);
      store.setActive(fresh.id);
    }
    await this.deps.view.postState();
  }

  async switchTo(id: string): Promise<void> {
    if (!this.deps.store.setActive(id)) {
      this.deps.view.notice('warning', l10n.t('That conversation no longer exists.'));
      this.deps.view.postConversations();
      return;
    }
    await this.deps.view.postState();
  }

  rename(id: string, title: string): void {
    const clean = title.replace(/\s+/g, ' ').trim();
    if (!clean || !this.deps.store.update(id, { op: 'set', title: clean, customTitle: true })) return;
    this.deps.view.postConversations();
  }

  async remove(id: string): Promise<void> {
    const { store, replies, view } = this.deps;
    if (store.isStreamingElsewhere(id)) {
      view.notice('info', l10n.t('A reply is still streaming into this conversation in another window. Delete it when the reply has finished.'));
      return;
    }
    if (replies.conversationId === id) await replies.stop();
    const wasActive = store.active().id === id;
    await store.remove(id);
    if (wasActive) await view.postState();
    else view.postConversations();
  }

  async exportMarkdown(id?: string): Promise<void> {
    const conversation = id ? this.deps.store.get(id) : this.deps.store.active();
    if (!conversation || isEmpty(conversation)) {
      this.deps.view.notice('info', l10n.t('Nothing to export yet.'));
      return;
    }
    await this.deps.host.showMarkdown(exportFileName(conversation), conversationToMarkdown(conversation));
  }
}
