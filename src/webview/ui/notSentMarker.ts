// "6 earlier messages not sent": where the latest reply's prompt starts when older messages were left out to
// fit the model's window. The messages above it are folded away (dimmed when shown), so the chat shows
// exactly what the model saw; one click shows them again.
import type { MessageView } from '../../protocol';
import { h, icon } from '../dom';
import { l10n } from '../pageL10n';

/** The cut of the latest finished or streaming reply: the first message it sent and how many were left out. */
export function latestCut(messages: readonly MessageView[]): { fromId: string; count: number } | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'assistant') continue;
    const fromId = m.meta?.sentFromId;
    const count = m.meta?.notSentCount ?? 0;
    return fromId && count > 0 ? { fromId, count } : undefined;
  }
  return undefined;
}

export class NotSentMarker {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private expanded = false;

  constructor(private readonly onToggle: (expanded: boolean) => void) {
    this.text = h('span', { class: 'not-sent-text' });
    this.toggle = h('button', { type: 'button', class: 'link-button', 'data-testid': 'not-sent-toggle', 'aria-expanded': 'false' });
    this.toggle.addEventListener('click', () => {
      this.expanded = !this.expanded;
      this.render();
      this.onToggle(this.expanded);
    });
    this.element = h('div', { class: 'not-sent-marker', 'data-testid': 'not-sent-marker', role: 'note' }, icon('fold-up'), this.text, this.toggle);
  }

  get isExpanded(): boolean {
    return this.expanded;
  }

  setCount(count: number): void {
    this.text.textContent = count === 1
      ? l10n.t('1 earlier message not sent to the model (left out to fit its window)')
      : l10n.t('{0} earlier messages not sent to the model (left out to fit its window)', count);
    this.render();
  }

  private render(): void {
    this.toggle.textContent = this.expanded ? l10n.t('Hide them') : l10n.t('Show them');
    this.toggle.setAttribute('aria-expanded', String(this.expanded));
  }
}
