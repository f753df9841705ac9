// Wires the UI parts together and applies every host message (exhaustive switch) to the view state.
import type { HostToWebview, MessageView } from '../protocol';
import { h } from './dom';
import type { Host } from './host';
import type { Sanitizer } from './render/sanitize';
import { appendDelta, fromStateMessage, truncateFrom, upsertMessage, upsertToolCall, type ChatState } from './store';
import { Composer } from './ui/composer';
import { Header } from './ui/header';
import { HistoryPanel } from './ui/history';
import { MessageList } from './ui/messageList';
import { conversationCost } from './ui/meta';
import { Announcer, Notices } from './ui/notices';
import { l10n } from './pageL10n';

const SCROLL_SAVE_MS = 250;

export interface AppOptions {
  sanitizer: Sanitizer;
  /** Syntax highlighting (lazy chunk); off in unit tests. */
  highlight?: boolean;
}

export class ChatApp {
  private state: ChatState | undefined;
  private readonly header: Header;
  private readonly history: HistoryPanel;
  private readonly list: MessageList;
  private readonly composer: Composer;
  private readonly notices = new Notices();
  private readonly announcer = new Announcer();
  private scrollTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    root: HTMLElement,
    private readonly host: Host,
    options: AppOptions,
  ) {
    const post: Host['post'] = (message) => host.post(message);
    this.history = new HistoryPanel(post, () => this.toggleHistory(false));
    this.header = new Header(post, () => this.toggleHistory(!this.history.open), () => this.state?.conversation.id);
    this.list = new MessageList({
      sanitizer: options.sanitizer,
      highlight: options.highlight ?? true,
      post,
      state: () => this.state,
      onScroll: (top, atBottom, fromBottom) => this.saveScroll({ top, atBottom, fromBottom }),
    });
    this.composer = new Composer({ post, onDraft: (draft) => host.writeLocal({ draft }), warn: (text) => this.notices.show('warning', text) });
    const local = host.readLocal();
    if (local?.draft) this.composer.setDraft(local.draft);
    root.replaceChildren(
      h('div', { class: 'chat' }, this.header.element, this.notices.element, this.history.element, this.list.element, this.composer.element, this.announcer.element),
    );
  }

  focusInput(): void {
    this.composer.focus();
  }

  /** Renders pending streamed text now instead of on the next animation frame. */
  flush(): void {
    this.list.flush();
  }

  handle(message: HostToWebview): void {
    switch (message.type) {
      case 'state': {
        const previousId = this.state?.conversation.id;
        this.state = fromStateMessage(message);
        this.header.setTitle(message.conversation.title);
        this.header.setCost(conversationCost(this.state.conversation.messages));
        if (previousId !== message.conversation.id) this.composer.setBudget(undefined); // the host posts the new one
        this.history.update(message.conversations, message.conversation.id);
        if (previousId !== message.conversation.id) {
          this.toggleHistory(false);
          this.composer.cancelPendingSend(); // a send from the other conversation is answered there
        }
        this.composer.setTarget(message.target);
        this.composer.setBusy(message.busy);
        this.composer.setReadOnly(message.readOnly);
        this.composer.setMode(message.mode, message.agentRestricted);
        this.composer.setDraft(message.draft);
        this.composer.setAttachments([]); // the host posts them after every state
        const saved = this.host.readLocal()?.scroll;
        this.list.reset(saved && saved.conversationId === message.conversation.id ? saved : undefined);
        return;
      }
      case 'messageAdded': {
        if (!this.isCurrent(message.conversationId)) return;
        upsertMessage(this.state!, message.message);
        if (message.message.role === 'user') this.list.scrollToBottom(); // the user just sent: follow the reply
        if (message.message.role === 'assistant' && message.message.status === 'streaming') this.announcer.say(l10n.t('Reply started'));
        this.list.invalidateAll();
        return;
      }
      case 'delta': {
        // Messages for another conversation or an unknown message (e.g. after a reset) are stale: the next state fixes it.
        if (!this.isCurrent(message.conversationId)) return;
        if (appendDelta(this.state!, message.messageId, message.text, message.reasoning)) this.list.streamed(message.messageId);
        return;
      }
      case 'messageUpdated': {
        if (!this.isCurrent(message.conversationId)) return;
        const before = this.state!.conversation.messages.find((m) => m.id === message.message.id)?.status;
        const added = upsertMessage(this.state!, message.message);
        this.announceStatus(before, message.message);
        this.header.setCost(conversationCost(this.state!.conversation.messages));
        // A finished reply may say that earlier messages were not sent: the list moves its marker.
        if (added || message.message.meta?.sentFromId) this.list.invalidateAll();
        else this.list.invalidate(message.message.id);
        return;
      }
      case 'messagesTruncated': {
        if (!this.isCurrent(message.conversationId)) return;
        truncateFrom(this.state!, message.fromMessageId);
        this.header.setCost(conversationCost(this.state!.conversation.messages));
        this.list.invalidateAll();
        return;
      }
      case 'conversations': {
        if (!this.state) return;
        this.state.conversations = message.conversations;
        const active = message.conversations.find((c) => c.id === this.state!.conversation.id);
        if (active) {
          this.state.conversation.title = active.title;
          this.header.setTitle(active.title);
        }
        this.history.update(message.conversations, message.activeId);
        return;
      }
      case 'target': {
        this.composer.setTarget(message.target);
        if (!this.state) return;
        this.state.target = message.target;
        this.list.invalidateAll();
        return;
      }
      case 'budget': {
        if (this.isCurrent(message.conversationId)) this.composer.setBudget(message.budget);
        return;
      }
      case 'busy': {
        this.composer.setBusy(message.busy);
        if (!this.state) return;
        this.state.busy = message.busy;
        this.list.invalidateAll();
        return;
      }
      case 'readOnly': {
        if (!this.isCurrent(message.conversationId)) return;
        if (message.readOnly) this.state!.readOnly = message.readOnly;
        else delete this.state!.readOnly;
        this.composer.setReadOnly(message.readOnly);
        this.list.invalidateAll();
        return;
      }
      case 'draft':
        if (this.isCurrent(message.conversationId)) this.composer.answerDraft(message.text);
        return;
      case 'notice':
        this.notices.show(message.level, message.message);
        return;
      case 'focusInput':
        this.composer.focus();
        return;
      case 'attachments':
        if (this.isCurrent(message.conversationId)) this.composer.setAttachments(message.chips);
        return;
      case 'workspacePrompts':
        this.composer.setWorkspacePrompts(message.settings);
        return;
      case 'mode': {
        if (!this.isCurrent(message.conversationId)) return;
        this.state!.mode = message.mode;
        if (message.agentRestricted) this.state!.agentRestricted = message.agentRestricted;
        else delete this.state!.agentRestricted;
        this.composer.setMode(message.mode, message.agentRestricted);
        return;
      }
      case 'toolCallUpdated': {
        if (!this.isCurrent(message.conversationId)) return;
        const before = this.state!.conversation.messages.find((m) => m.id === message.messageId)?.toolCalls?.find((c) => c.id === message.call.id)?.status;
        if (!upsertToolCall(this.state!, message.messageId, message.call)) return;
        this.list.invalidate(message.messageId); // only that message is redrawn, and in it only the card that changed
        if (message.call.status === 'awaiting-approval' && before !== 'awaiting-approval') this.announcer.say(l10n.t('{0} is waiting for your approval', message.call.name));
        return;
      }
      default: {
        const unknown: never = message;
        console.warn('Inference Chat: ignoring an unknown message from the host', unknown);
      }
    }
  }

  private isCurrent(conversationId: string): boolean {
    return !!this.state && this.state.conversation.id === conversationId;
  }

  private announceStatus(before: MessageView['status'] | undefined, message: MessageView): void {
    if (message.role !== 'assistant' || before === message.status || message.status === 'streaming') return;
    if (message.status === 'done') this.announcer.say(l10n.t('Reply finished'));
    else if (message.status === 'stopped') this.announcer.say(l10n.t('Reply stopped'));
    else if (message.status === 'error') this.announcer.say(l10n.t('Reply failed: {0}', message.error?.message ?? l10n.t('error')));
  }

  private toggleHistory(open: boolean): void {
    this.history.setOpen(open);
    this.header.setHistoryOpen(open);
    if (!open && document.activeElement && this.history.element.contains(document.activeElement)) this.header.historyButton.focus();
  }

  private saveScroll(scroll: { top: number; atBottom: boolean; fromBottom: number }): void {
    clearTimeout(this.scrollTimer);
    this.scrollTimer = setTimeout(() => {
      const conversationId = this.state?.conversation.id;
      if (conversationId) this.host.writeLocal({ scroll: { conversationId, ...scroll } });
    }, SCROLL_SAVE_MS);
  }
}
