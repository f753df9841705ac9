// The title bar of the view: conversation title, New chat, History, Export.
import type { WebviewToHost } from '../../protocol';
import { h, iconButton } from '../dom';
import { formatUsd } from './meta';
import { l10n } from '../pageL10n';

export class Header {
  readonly element: HTMLElement;
  readonly historyButton: HTMLButtonElement;
  private readonly title: HTMLElement;
  /** What the conversation's replies cost together, when the provider prices them. */
  private readonly cost: HTMLElement;

  constructor(post: (message: WebviewToHost) => void, onToggleHistory: () => void, currentId: () => string | undefined) {
    this.title = h('h1', { class: 'conversation-heading', title: '' });
    this.cost = h('span', { class: 'conversation-cost', 'data-testid': 'conversation-cost', hidden: true });
    this.historyButton = iconButton({ icon: 'history', label: l10n.t('Conversation history'), testId: 'history', onClick: onToggleHistory });
    this.historyButton.setAttribute('aria-expanded', 'false');
    this.element = h(
      'header',
      { class: 'header' },
      this.title,
      this.cost,
      h(
        'div',
        { class: 'header-actions' },
        iconButton({ icon: 'add', label: l10n.t('New chat'), testId: 'new-chat', onClick: () => post({ type: 'newChat' }) }),
        this.historyButton,
        iconButton({
          icon: 'export',
          label: l10n.t('Export conversation to Markdown'),
          testId: 'export',
          onClick: () => {
            const id = currentId();
            post(id ? { type: 'exportConversation', id } : { type: 'exportConversation' });
          },
        }),
      ),
    );
  }

  setTitle(title: string): void {
    this.title.textContent = title || l10n.t('New chat');
    this.title.title = title;
  }

  setCost(usd: number | undefined): void {
    this.cost.hidden = usd === undefined;
    this.cost.textContent = usd === undefined ? '' : formatUsd(usd);
    this.cost.title = usd === undefined ? '' : l10n.t('What the replies of this conversation cost: {0} (≈ where computed from the listed prices)', formatUsd(usd));
  }

  setHistoryOpen(open: boolean): void {
    this.historyButton.setAttribute('aria-expanded', String(open));
    this.historyButton.classList.toggle('active', open);
  }
}
