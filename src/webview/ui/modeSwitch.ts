// The composer's mode switch: Ask (the model answers) ↔ Agent (it reads, edits and runs, with the user's approval).
// One toggle button; the host owns the mode, so a click asks for the other one and the button shows whatever the
// host answers (`state`, `mode`). In Agent mode a "Tools…" button picks the VS Code tools offered, and a note says
// when the agent may not act here (Restricted Mode).
import type { ChatMode, WebviewToHost } from '../../protocol';
import { h, icon, iconButton } from '../dom';
import { l10n } from '../pageL10n';

export class ModeSwitch {
  readonly button: HTMLButtonElement;
  readonly tools: HTMLButtonElement;
  /** Why the agent may not act here; placed above the input by the composer. */
  readonly note: HTMLElement;
  private mode: ChatMode = 'ask';

  constructor(post: (message: WebviewToHost) => void) {
    this.button = h('button', { type: 'button', class: 'model-chip mode-switch', 'data-testid': 'mode-switch' });
    this.button.addEventListener('click', () => post({ type: 'setMode', mode: this.mode === 'agent' ? 'ask' : 'agent' }));
    this.tools = iconButton({
      icon: 'tools',
      label: l10n.t('Choose the VS Code tools the agent may use'),
      text: l10n.t('Tools…'),
      testId: 'agent-tools',
      className: 'agent-tools',
      onClick: () => post({ type: 'chooseAgentTools' }),
    });
    this.note = h('div', { class: 'composer-note agent-restricted', 'data-testid': 'agent-restricted', role: 'status', hidden: true });
    this.set('ask', undefined);
  }

  set(mode: ChatMode, restricted: string | undefined): void {
    const agent = mode === 'agent'; // anything else (a host before agent mode sent none) is Ask
    this.mode = agent ? 'agent' : 'ask';
    this.button.dataset.mode = this.mode;
    this.button.classList.toggle('active', agent);
    this.button.replaceChildren(icon(agent ? 'robot' : 'comment-discussion'), h('span', { class: 'model-chip-label' }, agent ? l10n.t('Agent') : l10n.t('Ask')));
    const tip = agent
      ? l10n.t('Agent mode: the model reads, edits files and runs commands, each edit and command with your approval. Click for Ask mode.')
      : l10n.t('Ask mode: the model answers. Click for Agent mode, where it reads, edits files and runs commands with your approval.');
    this.button.title = tip;
    this.button.setAttribute('aria-label', tip);
    this.tools.hidden = !agent;
    const note = agent ? restricted : undefined;
    this.note.hidden = !note;
    this.note.replaceChildren(...(note ? [icon('shield'), h('span', {}, note)] : []));
  }
}
