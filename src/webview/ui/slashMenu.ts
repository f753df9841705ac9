// Completion for the composer's slash commands: typing `/` at the start lists them (filtered as you type);
// ↑/↓ choose, Tab or Enter completes, Escape closes. The host runs them (src/chat/slashCommands.ts).
import { h } from '../dom';
import { l10n } from '../pageL10n';

export interface SlashItem {
  name: string;
  description: string;
}

export function slashItems(): SlashItem[] {
  return [
    { name: 'explain', description: l10n.t('Explain the attached selection') },
    { name: 'fix', description: l10n.t('Fix the attached selection') },
    { name: 'tests', description: l10n.t('Write tests for the attached selection') },
    { name: 'doc', description: l10n.t('Document the attached selection') },
    { name: 'new', description: l10n.t('Start a new chat') },
  ];
}

/** The commands that complete what is typed (`/`, `/ex`…); none once a space or a newline follows. */
export function slashMatches(value: string, items: readonly SlashItem[] = slashItems()): SlashItem[] {
  const typed = /^\/([a-z]*)$/.exec(value)?.[1];
  if (typed === undefined) return [];
  return items.filter((i) => i.name.startsWith(typed) && `/${i.name}` !== value);
}

export class SlashMenu {
  readonly element = h('div', { class: 'slash-menu', role: 'listbox', 'data-testid': 'slash-menu', hidden: true, 'aria-label': l10n.t('Slash commands') });
  private matches: SlashItem[] = [];
  private active = 0;

  constructor(private readonly complete: (text: string) => void) {}

  get open(): boolean {
    return this.matches.length > 0;
  }

  update(value: string): void {
    this.matches = slashMatches(value);
    this.active = Math.min(this.active, Math.max(0, this.matches.length - 1));
    this.render();
  }

  /** True when the key belonged to the menu (the composer then ignores it). */
  handleKey(event: KeyboardEvent): boolean {
    if (!this.open || event.isComposing) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.matches.length) % this.matches.length;
      this.render();
      return true;
    }
    if (event.key === 'Tab' || (event.key === 'Enter' && !event.shiftKey)) {
      this.pick(this.matches[this.active]!);
      return true;
    }
    if (event.key === 'Escape') {
      this.matches = [];
      this.render();
      return true;
    }
    return false;
  }

  private pick(item: SlashItem): void {
    this.matches = [];
    this.render();
    this.complete(`/${item.name} `);
  }

  private render(): void {
    this.element.hidden = !this.open;
    this.element.replaceChildren(
      ...this.matches.map((item, index) => {
        const option = h(
          'div',
          { class: 'slash-item', role: 'option', 'aria-selected': String(index === this.active), 'data-testid': 'slash-item' },
          h('span', { class: 'slash-name' }, `/${item.name}`),
          h('span', { class: 'slash-description' }, item.description),
        );
        option.addEventListener('mousedown', (event) => {
          event.preventDefault(); // keep the focus in the input
          this.pick(item);
        });
        return option;
      }),
    );
  }
}
