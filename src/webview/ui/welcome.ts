// Shown in an empty conversation. Without a key it offers the walkthrough's steps, each with the button that does
// it (the host runs the command), so a new user need not find the walkthrough first.
import type { ErrorAction, TargetView } from '../../protocol';
import { h, icon } from '../dom';
import { l10n } from '../pageL10n';

function actionButton(action: ErrorAction, label: string, iconName: string, primary: boolean, testId: string): HTMLElement {
  return h(
    'button',
    {
      type: 'button',
      class: primary ? 'button primary' : 'button secondary',
      'data-testid': testId,
      'data-action': 'run-action',
      'data-error-action': action,
    },
    icon(iconName),
    h('span', {}, label),
  );
}

interface Step {
  title: string;
  text: string;
  button?: HTMLElement;
}

function step(n: number, s: Step): HTMLElement {
  return h(
    'li',
    { class: 'welcome-step', 'data-testid': `welcome-step-${n}` },
    h('div', { class: 'welcome-step-title' }, s.title),
    h('div', { class: 'welcome-step-text' }, s.text),
    s.button ?? null,
  );
}

/** The first steps for a provider without a key: the walkthrough's, in the same order. */
function gettingStarted(target: TargetView): HTMLElement {
  const steps: Step[] = [
    {
      title: l10n.t('Choose a provider'),
      text: l10n.t('{0} is selected. Prime Intellect, SolidRust or any OpenAI-compatible server (vLLM, Ollama, LM Studio, OpenRouter…).', target.providerName),
      button: actionButton('switchProvider', l10n.t('Switch provider…'), 'arrow-swap', false, 'welcome-switch-provider'),
    },
    {
      title: l10n.t('Set your API key'),
      text: l10n.t('Add an API key for {0} to start. It is checked first and kept only in VS Code\'s SecretStorage.', target.providerName),
      button: actionButton('setApiKey', l10n.t('Set API key'), 'key', true, 'welcome-set-key'),
    },
    {
      title: l10n.t('Pick a model'),
      text: target.model ? l10n.t('{0} is selected; the status bar shows it too.', target.model) : l10n.t('Choose one of the provider\'s models; the status bar shows it.'),
      button: actionButton('pickModel', l10n.t('Pick model'), 'symbol-misc', false, 'welcome-pick-model'),
    },
    { title: l10n.t('Ask here'), text: l10n.t('Type a question below and press Enter. The reply streams in as it is written.') },
    { title: l10n.t('Explain your code'), text: l10n.t('Select code in an editor, right-click and choose Explain Selection.') },
    { title: l10n.t('Use the models in VS Code\'s chat'), text: l10n.t('In VS Code\'s chat, open the model picker, Manage Models…, and choose Inference Chat.') },
  ];
  return h(
    'div',
    { class: 'welcome-start' },
    h('ol', { class: 'welcome-steps', 'data-testid': 'welcome-steps' }, ...steps.map((s, i) => step(i + 1, s))),
    actionButton('openWalkthrough', l10n.t('Open the walkthrough'), 'book', false, 'welcome-walkthrough'),
  );
}

export function renderWelcome(target: TargetView): HTMLElement {
  const intro = h(
    'p',
    {},
    target.model
      ? l10n.t('Chat with {0} on {1}. Replies stream in as they are written; code blocks can be copied, inserted at the cursor or opened in an editor.', target.model, target.providerName)
      : l10n.t('Chat with {0}. Replies stream in as they are written; code blocks can be copied, inserted at the cursor or opened in an editor.', target.providerName),
  );
  const header = [h('div', { class: 'welcome-icon' }, icon('comment-discussion')), h('h2', {}, 'Inference Chat'), intro];
  if (!target.hasKey) return h('div', { class: 'welcome', 'data-testid': 'welcome' }, ...header, gettingStarted(target));
  // A key is set, or a local server that may need none: offer the key (secondary) only for the latter.
  const optionalKey = target.keyOptional === true;
  return h(
    'div',
    { class: 'welcome', 'data-testid': 'welcome' },
    ...header,
    optionalKey ? h('p', { class: 'welcome-key' }, l10n.t('{0} runs on this machine and may need no key; set one if it asks for it.', target.providerName)) : null,
    optionalKey ? actionButton('setApiKey', l10n.t('Set API key'), 'key', false, 'welcome-set-key') : null,
    h(
      'p',
      { class: 'welcome-hint' },
      icon('lightbulb'),
      h('span', {}, ' ' + l10n.t('Tip: select code in an editor and run "Inference Chat: Explain Selection" from the context menu or the Command Palette.')),
    ),
  );
}
