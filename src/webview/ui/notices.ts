// Host notices: info fades after a while; warnings and errors stay until closed.
import { h, icon, iconButton } from '../dom';
import { l10n } from '../pageL10n';

const INFO_DISMISS_MS = 6000;

export class Notices {
  readonly element = h('div', { class: 'notices' });

  show(level: 'info' | 'warning' | 'error', message: string): void {
    const notice = h(
      'div',
      { class: `notice notice-${level}`, 'data-testid': 'notice', 'data-level': level, role: level === 'info' ? 'status' : 'alert' },
      icon(level === 'info' ? 'info' : level),
      h('span', { class: 'notice-text' }, message),
    );
    const close = iconButton({ icon: 'close', label: l10n.t('Dismiss'), className: 'notice-close', onClick: () => notice.remove() });
    notice.append(close);
    this.element.append(notice);
    if (level === 'info') setTimeout(() => notice.remove(), INFO_DISMISS_MS);
    // Keep the stack short: the oldest go first.
    while (this.element.childElementCount > 3) this.element.firstElementChild?.remove();
  }
}

/** A visually hidden polite live region: announces when a reply starts and finishes, not every token. */
export class Announcer {
  readonly element = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true', 'data-testid': 'announcer' });

  say(text: string): void {
    // Clearing first makes screen readers repeat an identical message.
    this.element.textContent = '';
    requestAnimationFrame(() => (this.element.textContent = text));
  }
}
