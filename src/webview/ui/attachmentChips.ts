// Attachment chips: in the composer (what the next message carries, the suggested active editor, the
// instructions file that can be turned off) and above a sent user message (what was sent with it). Each chip
// shows the name and its size in tokens; the composer's have a remove (or include / on-off) button.
import type { AttachmentChip, WebviewToHost } from '../../protocol';
import { h, icon, iconButton } from '../dom';
import { l10n } from '../pageL10n';
import { compactTokens } from './contextMeter';

const ICONS: Record<AttachmentChip['kind'], string> = {
  file: 'file',
  selection: 'selection',
  problems: 'warning',
  terminal: 'terminal',
  image: 'file-media',
  instructions: 'book',
};

function chipBody(chip: AttachmentChip): HTMLElement[] {
  return [icon(ICONS[chip.kind]), h('span', { class: 'attachment-name' }, chip.name), h('span', { class: 'attachment-tokens' }, compactTokens(chip.tokens))];
}

function describe(chip: AttachmentChip): string {
  return l10n.t('{0} — about {1} tokens', chip.name, chip.tokens.toLocaleString('en-US'));
}

/** The chips above a sent user message. */
export function sentChips(chips: readonly AttachmentChip[]): HTMLElement {
  return h(
    'div',
    { class: 'attachment-chips sent', 'data-testid': 'sent-attachments' },
    ...chips.map((chip) => h('span', { class: 'attachment-chip', 'data-kind': chip.kind, title: describe(chip), 'data-testid': 'sent-attachment' }, ...chipBody(chip))),
  );
}

/** The composer's row of chips. */
export class AttachmentBar {
  readonly element = h('div', { class: 'attachment-chips', 'data-testid': 'attachments', hidden: true });

  constructor(private readonly post: (message: WebviewToHost) => void) {}

  update(chips: readonly AttachmentChip[]): void {
    this.element.hidden = chips.length === 0;
    this.element.replaceChildren(...chips.map((chip) => this.chip(chip)));
  }

  private chip(chip: AttachmentChip): HTMLElement {
    const el = h('span', {
      class: `attachment-chip${chip.suggested ? ' suggested' : ''}${chip.off ? ' off' : ''}`,
      'data-kind': chip.kind,
      'data-testid': chip.suggested ? 'suggested-attachment' : 'attachment',
      title: chip.suggested ? l10n.t('{0} (suggested: click to attach)', describe(chip)) : chip.off ? l10n.t('{0} (off: not sent)', describe(chip)) : describe(chip),
    });
    if (chip.suggested || chip.kind === 'instructions') {
      const label = chip.suggested ? l10n.t('Attach {0}', chip.name) : chip.off ? l10n.t('Send the instructions {0}', chip.name) : l10n.t('Do not send the instructions {0}', chip.name);
      const toggle = h('button', { type: 'button', class: 'attachment-toggle', 'aria-label': label, 'data-testid': 'attachment-toggle', 'aria-pressed': chip.kind === 'instructions' ? String(!chip.off) : undefined }, ...chipBody(chip));
      if (chip.suggested) toggle.prepend(icon('add'));
      toggle.addEventListener('click', () => this.post({ type: 'attach.toggle', id: chip.id }));
      el.append(toggle);
    } else el.append(...chipBody(chip));
    if (chip.kind !== 'instructions') {
      const label = chip.suggested ? l10n.t('Dismiss the suggestion {0}', chip.name) : l10n.t('Remove {0}', chip.name);
      el.append(iconButton({ icon: 'close', label, testId: 'attachment-remove', className: 'attachment-remove', onClick: () => this.post({ type: 'attach.remove', id: chip.id }) }));
    }
    return el;
  }
}
