// Shown in an empty conversation.
import type { TargetView } from '../../protocol';
import { h, icon } from '../dom';
import { l10n } from '../l10n';

export function renderWelcome(target: TargetView): HTMLElement {
  // Required when the provider has no key; offered (secondary) for a local server that may need none.
  const keyNeeded = !target.hasKey;
  const showKey = keyNeeded || target.keyOptional === true;
  const setKey = showKey
    ? h(
        'button',
        {
          type: 'button',
          class: keyNeeded ? 'button primary' : 'button secondary',
          'data-testid': 'welcome-set-key',
          'data-action': 'run-action',
          'data-error-action': 'setApiKey',
        },
        icon('key'),
        h('span', {}, l10n.t('Set API key')),
      )
    : null;
  const keyText = keyNeeded
    ? l10n.t('Add an API key for {0} to start.', target.providerName)
    : l10n.t('{0} runs on this machine and may need no key; set one if it asks for it.', target.providerName);
  return h(
    'div',
    { class: 'welcome', 'data-testid': 'welcome' },
    h('div', { class: 'welcome-icon' }, icon('comment-discussion')),
    h('h2', {}, 'Inference Chat'),
    h(
      'p',
      {},
      target.model
        ? l10n.t('Chat with {0} on {1}. Replies stream in as they are written; code blocks can be copied, inserted at the cursor or opened in an editor.', target.model, target.providerName)
        : l10n.t('Chat with {0}. Replies stream in as they are written; code blocks can be copied, inserted at the cursor or opened in an editor.', target.providerName),
    ),
    setKey ? h('p', { class: 'welcome-key' }, keyText) : null,
    setKey,
    h(
      'p',
      { class: 'welcome-hint' },
      icon('lightbulb'),
      h('span', {}, ' ', l10n.t('Tip: select code in an editor and run "Inference Chat: Explain Selection" from the context menu or the Command Palette.')),
    ),
  );
}
