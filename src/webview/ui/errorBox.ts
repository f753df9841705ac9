// The error shown in place of (below the partial text of) a failed reply, with one button per fix.
import type { ErrorAction, ErrorView } from '../../protocol';
import { h, icon } from '../dom';

export const ACTION_LABELS: Record<ErrorAction, { label: string; icon: string }> = {
  setApiKey: { label: 'Set API key', icon: 'key' },
  pickModel: { label: 'Pick model', icon: 'symbol-misc' },
  newChat: { label: 'New chat', icon: 'add' },
  dropOldest: { label: 'Drop oldest turns and resend', icon: 'fold-up' },
  retry: { label: 'Retry', icon: 'refresh' },
  openSettings: { label: 'Open settings', icon: 'settings-gear' },
  switchProvider: { label: 'Switch provider', icon: 'arrow-swap' },
  openBilling: { label: 'Add credits', icon: 'credit-card' },
  openWalkthrough: { label: 'Open the walkthrough', icon: 'book' },
};

const TITLES: Record<ErrorView['kind'], string> = {
  auth: 'Authentication failed',
  model: 'Model not available',
  context: 'Conversation too long',
  funds: 'Out of credits',
  rate: 'Rate limited',
  server: 'Server error',
  network: 'Network error',
  interrupted: 'Reply interrupted',
  cancelled: 'Cancelled',
  timeout: 'Timed out',
  config: 'Configuration problem',
  other: 'Something went wrong',
};

/** Buttons carry data-action="run-action" + data-error-action; the message list posts runAction. */
export function renderErrorBox(error: ErrorView): HTMLElement {
  const actions = error.actions.map((action, i) => {
    const { label, icon: iconName } = ACTION_LABELS[action];
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
    h('div', { class: 'error-title' }, icon('error'), h('strong', {}, TITLES[error.kind])),
    h('div', { class: 'error-message' }, error.message),
    actions.length ? h('div', { class: 'error-actions' }, ...actions) : null,
  );
}
