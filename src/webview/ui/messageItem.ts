// One message in the list. Rebuilds only its small chrome (chips, meta, error, actions) on update;
// the markdown body updates incrementally.
import type { MessageView, SelectionContext } from '../../protocol';
import type { ChatState } from '../store';
import { sentChips } from './attachmentChips';
import { sentWorkspacePrompts } from './workspacePromptBar';
import { h, icon, iconButton } from '../dom';
import { IncrementalMarkdown } from '../render/incremental';
import type { Sanitizer } from '../render/sanitize';
import { AssistantBody } from './assistantBody';
import { decorateCodeBlocks } from './codeBlock';
import { renderErrorBox } from './errorBox';
import { formatMeta } from './meta';
import { agentStopNote, checkpointBar } from './turnNotes';
import { ToolCards } from './toolCards';
import { l10n } from '../pageL10n';

export interface ItemFlags {
  isLastUser: boolean;
  isLastAssistant: boolean;
  busy: boolean;
}

/** Which message is the last user / assistant one; busy here or streaming in another window: no regenerate / edit & resend meanwhile. */
export function itemFlagsOf(state: ChatState): (message: MessageView) => ItemFlags {
  let lastUser: string | undefined;
  let lastAssistant: string | undefined;
  for (const m of state.conversation.messages) {
    if (m.role === 'user') lastUser = m.id;
    else lastAssistant = m.id;
  }
  const busy = state.busy || state.readOnly !== undefined;
  return (message) => ({ isLastUser: message.id === lastUser, isLastAssistant: message.id === lastAssistant, busy });
}

export interface ItemDeps {
  sanitizer: Sanitizer;
  highlight: boolean;
  /** Asks to edit & resend the last user message with this text. */
  onEditSave: (text: string) => void;
}

export class MessageItem {
  readonly element: HTMLElement;
  private readonly chrome: HTMLElement;
  private readonly assistant: AssistantBody | undefined;
  private readonly toolCards: ToolCards | undefined;
  private readonly userContent: HTMLElement | undefined;
  private readonly userMarkdown: IncrementalMarkdown | undefined;
  private editor: HTMLElement | undefined;
  private message: MessageView;
  private chromeKey = '';

  constructor(
    message: MessageView,
    private readonly deps: ItemDeps,
  ) {
    this.message = message;
    this.element = h('div', { class: `message message-${message.role}`, 'data-testid': 'message', 'data-id': message.id });
    const role = h(
      'div',
      { class: 'message-role' },
      icon(message.role === 'user' ? 'account' : 'sparkle'),
      h('span', {}, message.role === 'user' ? l10n.t('You') : l10n.t('Assistant')),
      message.mode === 'agent' ? h('span', { class: 'agent-badge', 'data-testid': 'agent-badge' }, l10n.t('Agent')) : null,
    );
    this.chrome = h('div', { class: 'message-chrome' });
    if (message.role === 'assistant') {
      this.assistant = new AssistantBody(deps.sanitizer, deps.highlight);
      this.toolCards = new ToolCards();
      this.element.append(role, this.assistant.element, this.toolCards.element, this.chrome);
    } else {
      this.userContent = h('div', { class: 'markdown user-content', 'data-testid': 'message-content' });
      this.userMarkdown = new IncrementalMarkdown(this.userContent, {
        sanitizer: deps.sanitizer,
        onBlockInserted: (nodes) => decorateCodeBlocks(nodes, true, undefined),
      });
      // Attachments show what was sent (a selection among them); without any, the command's selection chip.
      const chip = message.attachments?.length ? sentChips(message.attachments) : message.context ? selectionChip(message.context) : null;
      const steered = message.workspaceSettings?.length ? sentWorkspacePrompts(message.workspaceSettings) : '';
      this.element.append(role, steered, chip ?? '', this.userContent, this.chrome);
    }
  }

  get id(): string {
    return this.message.id;
  }

  update(message: MessageView, flags: ItemFlags): void {
    this.message = message;
    if (this.element.dataset.status !== message.status) {
      // Only on change: attribute writes invalidate style for the whole message.
      this.element.dataset.role = message.role;
      this.element.dataset.status = message.status;
      this.element.setAttribute('aria-busy', String(message.status === 'streaming'));
    }
    if (this.assistant) this.assistant.update(message);
    this.toolCards?.update(message.toolCalls ?? []);
    if (!this.assistant) this.userMarkdown?.update(message.content, true);
    // The chrome changes rarely (status, meta, error, which message is last): rebuild it only then.
    const key = JSON.stringify([message.status, message.meta, message.error, message.agentStop, message.checkpoint, flags]);
    if (key !== this.chromeKey) {
      this.chromeKey = key;
      this.renderChrome(message, flags);
    }
  }

  /** The text "Copy message" copies. */
  copyText(): string {
    return this.message.role === 'assistant' ? AssistantBody.answerText(this.message) : this.message.content;
  }

  openEditor(): void {
    if (this.editor || !this.userContent) return;
    const input = h('textarea', { class: 'edit-input', 'data-testid': 'edit-input', 'aria-label': l10n.t('Edit message'), rows: 3 });
    input.value = this.message.content;
    const save = () => {
      const text = input.value.trim();
      if (text) this.deps.onEditSave(text);
      this.closeEditor();
    };
    const saveButton = h('button', { type: 'button', class: 'button primary', 'data-testid': 'edit-save' }, l10n.t('Save & resend'));
    const cancelButton = h('button', { type: 'button', class: 'button secondary', 'data-testid': 'edit-cancel' }, l10n.t('Cancel'));
    saveButton.addEventListener('click', save);
    cancelButton.addEventListener('click', () => this.closeEditor());
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing) {
        event.preventDefault();
        save();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        this.closeEditor();
      }
    });
    this.editor = h('div', { class: 'edit-box' }, input, h('div', { class: 'edit-actions' }, saveButton, cancelButton));
    this.userContent.hidden = true;
    this.userContent.after(this.editor);
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  private closeEditor(): void {
    this.editor?.remove();
    this.editor = undefined;
    if (this.userContent) this.userContent.hidden = false;
  }

  private renderChrome(message: MessageView, flags: ItemFlags): void {
    const parts: Node[] = [];
    if (message.status === 'stopped') {
      parts.push(h('div', { class: 'stopped-marker', 'data-testid': 'stopped-marker' }, icon('debug-stop'), h('span', {}, l10n.t('Stopped'))));
    }
    if (message.status === 'error' && message.error) parts.push(renderErrorBox(message.error));
    if (message.agentStop) parts.push(agentStopNote(message.agentStop));
    if (message.role === 'user' && message.checkpoint) parts.push(...checkpointBar(message.checkpoint, flags.busy));
    const actions: HTMLElement[] = [];
    if (message.role === 'assistant' && message.status !== 'streaming') {
      actions.push(iconButton({ icon: 'copy', label: l10n.t('Copy message'), testId: 'copy-message', action: 'copy-message' }));
      if (flags.isLastAssistant && !flags.busy) {
        actions.push(iconButton({ icon: 'refresh', label: l10n.t('Regenerate'), testId: 'regenerate', action: 'regenerate' }));
      }
    }
    if (message.role === 'user' && flags.isLastUser && !flags.busy) {
      actions.push(iconButton({ icon: 'edit', label: l10n.t('Edit & resend'), testId: 'edit-last', action: 'edit-last' }));
    }
    const meta = message.role === 'assistant' ? formatMeta(message.meta) : '';
    if (meta || actions.length) {
      parts.push(
        h(
          'div',
          { class: 'message-footer' },
          meta ? h('span', { class: 'message-meta', 'data-testid': 'message-meta' }, meta) : h('span', { class: 'message-meta-spacer' }),
          actions.length ? h('span', { class: 'message-actions' }, ...actions) : null,
        ),
      );
    }
    this.chrome.replaceChildren(...parts);
  }
}

function selectionChip(context: SelectionContext): HTMLElement {
  const range = context.startLine === context.endLine ? `${context.startLine}` : `${context.startLine}–${context.endLine}`;
  const text = `${context.fileName}:${range} (${context.languageId})${context.truncated ? ' · truncated' : ''}`;
  return h('div', { class: 'selection-chip', title: text, 'data-testid': 'selection-chip' }, icon('file-code'), h('span', {}, text));
}
