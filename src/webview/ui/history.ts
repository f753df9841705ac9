// The conversation list: switch, rename (inline input) and delete (inline confirm — webviews have no confirm()).
import type { ConversationSummary, WebviewToHost } from '../../protocol';
import { formatTime, h, iconButton } from '../dom';
import { l10n } from '../pageL10n';

export class HistoryPanel {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private conversations: ConversationSummary[] = [];
  private activeId = '';
  private renaming: string | undefined;
  private confirming: string | undefined;

  constructor(
    private readonly post: (message: WebviewToHost) => void,
    private readonly onClose: () => void,
  ) {
    this.list = h('ul', { class: 'conversation-list', 'data-testid': 'conversation-list', 'aria-label': l10n.t('Conversations') });
    this.element = h('div', { class: 'history-panel', hidden: true }, this.list);
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !this.renaming) {
        event.preventDefault();
        this.onClose();
      }
    });
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  setOpen(open: boolean): void {
    this.element.hidden = !open;
    this.renaming = this.confirming = undefined;
    if (open) {
      this.render();
      this.list.querySelector<HTMLElement>('.conversation-item.active .conversation-open')?.focus();
    }
  }

  update(conversations: ConversationSummary[], activeId: string): void {
    this.conversations = conversations;
    this.activeId = activeId;
    if (this.open) this.render();
  }

  private render(): void {
    const items = [...this.conversations]
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map((c) => this.renderItem(c));
    this.list.replaceChildren(...(items.length ? items : [h('li', { class: 'conversation-empty' }, l10n.t('No conversations yet.'))]));
  }

  private renderItem(c: ConversationSummary): HTMLElement {
    const item = h('li', {
      class: `conversation-item${c.id === this.activeId ? ' active' : ''}`,
      'data-testid': 'conversation-item',
      'data-id': c.id,
    });
    if (this.renaming === c.id) {
      const input = h('input', { type: 'text', class: 'rename-input', 'data-testid': 'rename-input', 'aria-label': l10n.t('New title'), maxlength: 200 });
      input.value = c.title;
      const commit = () => {
        const title = input.value.trim();
        this.renaming = undefined;
        if (title && title !== c.title) this.post({ type: 'renameConversation', id: c.id, title });
        this.render();
      };
      input.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && !event.isComposing) {
          event.preventDefault();
          commit();
        } else if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          this.renaming = undefined;
          this.render();
        }
      });
      input.addEventListener('blur', () => this.renaming === c.id && commit());
      item.append(input);
      queueMicrotask(() => {
        input.focus();
        input.select();
      });
      return item;
    }
    if (this.confirming === c.id) {
      const yes = h('button', { type: 'button', class: 'button danger', 'data-testid': 'confirm-delete' }, l10n.t('Delete'));
      const no = h('button', { type: 'button', class: 'button secondary', 'data-testid': 'cancel-delete' }, l10n.t('Cancel'));
      yes.addEventListener('click', () => {
        this.confirming = undefined;
        this.post({ type: 'deleteConversation', id: c.id });
        this.render(); // the host answers with the new list
      });
      no.addEventListener('click', () => {
        this.confirming = undefined;
        this.render();
      });
      item.append(h('span', { class: 'confirm-text' }, l10n.t('Delete “{0}”?', c.title)), yes, no);
      queueMicrotask(() => no.focus());
      return item;
    }
    const open = h(
      'button',
      { type: 'button', class: 'conversation-open', title: c.title, 'aria-current': c.id === this.activeId ? 'true' : undefined },
      h('span', { class: 'conversation-title' }, c.title || l10n.t('Untitled')),
      h('span', { class: 'conversation-detail' }, l10n.t('{0} · {1} msg', formatTime(c.updatedAt), c.messageCount)),
    );
    open.addEventListener('click', () => {
      if (c.id !== this.activeId) this.post({ type: 'switchConversation', id: c.id });
      this.onClose();
    });
    const rename = iconButton({ icon: 'edit', label: l10n.t('Rename “{0}”', c.title), testId: 'rename-conversation', onClick: () => {
      this.renaming = c.id;
      this.render();
    } });
    const remove = iconButton({ icon: 'trash', label: l10n.t('Delete “{0}”', c.title), testId: 'delete-conversation', onClick: () => {
      this.confirming = c.id;
      this.render();
    } });
    item.append(open, h('span', { class: 'conversation-actions' }, rename, remove));
    return item;
  }
}
