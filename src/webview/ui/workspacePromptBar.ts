// Chips for the settings of a trusted workspace that steer the model (its system prompt, a command's template):
// on the composer while they apply to the next message, and above each user message sent with them. A click
// asks the host to show the text read-only. Like the instructions chip: what steers the model is visible.
import type { WebviewToHost } from '../../protocol';
import { h, icon } from '../dom';
import { l10n } from '../pageL10n';

/** "System prompt from workspace settings", "explain template from workspace settings". */
export function workspacePromptLabel(setting: string): string {
  if (setting.endsWith('.systemPrompt')) return l10n.t('System prompt from workspace settings');
  const kind = /\.prompts\.(\w+)$/.exec(setting)?.[1] ?? setting;
  return l10n.t('/{0} template from workspace settings', kind === 'document' ? 'doc' : kind);
}

function chip(setting: string, testId: string, title: string): HTMLButtonElement {
  return h(
    'button',
    { type: 'button', class: 'attachment-chip workspace-prompt-chip', 'data-testid': testId, 'data-setting': setting, title, 'aria-label': title },
    icon('settings-gear'),
    h('span', { class: 'attachment-name' }, workspacePromptLabel(setting)),
  );
}

/** The chips above a sent user message; the message list turns a click into `openWorkspaceSetting` for this message. */
export function sentWorkspacePrompts(settings: readonly string[]): HTMLElement {
  return h(
    'div',
    { class: 'attachment-chips sent', 'data-testid': 'sent-workspace-prompts' },
    ...settings.map((setting) => {
      const el = chip(setting, 'sent-workspace-prompt', l10n.t('{0} ({1}) was sent with this message: click to read it', workspacePromptLabel(setting), setting));
      el.dataset.action = 'open-workspace-setting';
      return el;
    }),
  );
}

/** The composer's row: what the workspace sets for the next message. */
export class WorkspacePromptBar {
  readonly element = h('div', { class: 'attachment-chips', 'data-testid': 'workspace-prompts', hidden: true });

  constructor(private readonly post: (message: WebviewToHost) => void) {}

  update(settings: readonly string[]): void {
    this.element.hidden = settings.length === 0;
    this.element.replaceChildren(
      ...settings.map((setting) => {
        const el = chip(setting, 'workspace-prompt', l10n.t("{0} ({1}) steers what is sent: this workspace's .vscode/settings.json sets it. Click to read it", workspacePromptLabel(setting), setting));
        el.addEventListener('click', () => this.post({ type: 'openWorkspaceSetting', setting }));
        return el;
      }),
    );
  }
}
