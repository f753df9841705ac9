// The error shown in place of (below the partial text of) a failed reply, with one button per fix.
import type { ErrorAction, ErrorView } from '../../protocol';
import { h, icon } from '../dom';
import { l10n } from '../pageL10n';

/** The button of each fix (called when the box is built: the bundle is loaded by then). */
export function actionButton(action: ErrorAction): { label: string; icon: string } {
  switch (action) {
    case 'setApiKey': return { label: l10n.t('Set API key'), icon: 'key' };
    case 'pickModel': return { label: l10n.t('Pick model'), icon: 'symbol-misc' };
    case 'newChat': return { label: l10n.t('New chat'), icon: 'add' };
    case 'dropOldest': return { label: l10n.t('Drop oldest turns and resend'), icon: 'fold-up' };
    case 'retry': return { label: l10n.t('Retry'), icon: 'refresh' };
    case 'openSettings': return { label: l10n.t('Open settings'), icon: 'settings-gear' };
    case 'switchProvider': return { label: l10n.t('Switch provider'), icon: 'arrow-swap' };
    case 'openBilling': return { label: l10n.t('Add credits'), icon: 'credit-card' };
    case 'openWalkthrough': return { label: l10n.t('Open the walkthrough'), icon: 'book' };
  }
}

function title(kind: ErrorView['kind']): string {
  switch (kind) {
    case 'auth': return l10n.t('Authentication failed');
    case 'model': return l10n.t('Model not available');
    case 'context': return l10n.t('Conversation too long');
    case 'funds': return l10n.t('Out of credits');
    case 'rate': return l10n.t('Rate limited');
    case 'server': return l10n.t('Server error');
    case 'network': return l10n.t('Network error');
    case 'interrupted': return l10n.t('Reply interrupted');
    case 'cancelled': return l10n.t('Cancelled');
    case 'timeout': return l10n.t('Timed out');
    case 'config': return l10n.t('Configuration problem');
    case 'other': return l10n.t('Something went wrong');
  }
}

/** Buttons carry data-action="run-action" + data-error-action; the message list posts runAction. */
export function renderErrorBox(error: ErrorView): HTMLElement {
  const actions = error.actions.map((action, i) => {
    const { label, icon: iconName } = actionButton(action);
    return h(
      'button',
      {
        type: 'button',
        class: i === 0 ? 'button primary' : 'button secondary',
        'data-testid': `action-${action}`,
        'data-action': 'run-action',
        'data-error-action': action,
        title: label,
      },
      icon(iconName),
      h('span', {}, label),
    );
  });
  return h(
    'div',
    { class: `error-box error-${error.kind}`, role: 'alert', 'data-testid': 'error' },
    h('div', { class: 'error-title' }, icon('error'), h('strong', {}, title(error.kind))),
    h('div', { class: 'error-message' }, error.message),
    actions.length ? h('div', { class: 'error-actions' }, ...actions) : null,
  );
}
