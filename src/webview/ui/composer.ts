// The input at the bottom: a textarea that grows with its text, Enter to send, Shift+Enter for a newline,
// Send ↔ Stop while a reply streams, the model chip, and a debounced draft so nothing typed is lost.
// The draft lives in the host: a send leaves the text in the input until the host's `draft` answer
// (empty when it took the text, the text when it refused it), so a refused send never loses anything.
import type { AttachmentChip, BudgetView, ChatMode, ReadOnlyView, TargetView, WebviewToHost } from '../../protocol';
import { h, icon, iconButton } from '../dom';
import { l10n } from '../pageL10n';
import { AttachmentBar } from './attachmentChips';
import { WorkspacePromptBar } from './workspacePromptBar';
import { wireDropAndPaste } from './composerDrop';
import { SlashMenu } from './slashMenu';
import { composerIntent } from './composerKeys';
import { ContextMeter } from './contextMeter';
import { ModeSwitch } from './modeSwitch';

const DRAFT_DEBOUNCE_MS = 300;
const MAX_HEIGHT_FRACTION = 0.4;

export interface ComposerDeps {
  post: (message: WebviewToHost) => void;
  /** Every change of the text, for the local cache. */
  onDraft: (text: string) => void;
  /** A problem the view finds itself (an image too large to read). */
  warn: (text: string) => void;
}

export class Composer {
  readonly element: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly send: HTMLButtonElement;
  private readonly stop: HTMLButtonElement;
  private readonly modelChip: HTMLButtonElement;
  /** The reasoning effort of the model (only for models that take one). */
  private readonly effortChip: HTMLButtonElement;
  private readonly meter = new ContextMeter();
  private readonly attachments: AttachmentBar;
  private readonly workspacePrompts: WorkspacePromptBar;
  private readonly slash = new SlashMenu((text) => this.replaceText(text));
  /** Says why nothing can be sent here right now (a reply streams into this conversation in another window). */
  private readonly readOnlyNote: HTMLElement;
  /** Ask ↔ Agent (the host owns the mode). */
  private readonly mode: ModeSwitch;
  private busy = false;
  private readOnly = false;
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  /** The text of a send the host has not answered yet. */
  private pendingSend: string | undefined;

  constructor(private readonly deps: ComposerDeps) {
    this.input = h('textarea', {
      class: 'chat-input',
      'data-testid': 'chat-input',
      rows: 1,
      placeholder: l10n.t('Ask anything… (Shift+Enter for a new line)'),
      'aria-label': l10n.t('Message'),
    });
    this.send = iconButton({ icon: 'send', label: l10n.t('Send (Enter)'), testId: 'send', className: 'send-button', onClick: () => this.submit() });
    this.stop = iconButton({ icon: 'debug-stop', label: l10n.t('Stop (Escape)'), testId: 'stop', className: 'stop-button', onClick: () => deps.post({ type: 'stop' }) });
    this.stop.hidden = true;
    this.modelChip = h('button', { type: 'button', class: 'model-chip', 'data-testid': 'model-chip', title: l10n.t('Pick model') });
    this.modelChip.addEventListener('click', () => deps.post({ type: 'pickModel' }));
    this.effortChip = h('button', { type: 'button', class: 'model-chip effort-chip', 'data-testid': 'effort-chip', hidden: true });
    this.effortChip.addEventListener('click', () => deps.post({ type: 'pickReasoningEffort' }));
    this.attachments = new AttachmentBar(deps.post);
    this.workspacePrompts = new WorkspacePromptBar(deps.post);
    const attach = iconButton({ icon: 'attach', label: l10n.t('Attach files, problems, the terminal… (#)'), testId: 'attach', className: 'attach-button', onClick: () => deps.post({ type: 'attach.pick' }) });
    this.readOnlyNote = h('div', { class: 'composer-note', 'data-testid': 'composer-readonly', role: 'status', hidden: true });
    this.mode = new ModeSwitch(deps.post);
    this.element = h(
      'div',
      { class: 'composer' },
      this.readOnlyNote,
      this.mode.note,
      this.workspacePrompts.element,
      this.attachments.element,
      this.slash.element,
      h('div', { class: 'composer-box' }, this.input),
      h('div', { class: 'composer-toolbar' }, this.mode.button, this.mode.tools, attach, this.modelChip, this.effortChip, h('span', { class: 'spacer' }), this.meter.element, this.send, this.stop),
    );
    this.input.addEventListener('keydown', (event) => {
      if (this.slash.handleKey(event)) {
        event.preventDefault();
        return;
      }
      const intent = composerIntent(event, this.busy);
      if (intent === 'send') {
        event.preventDefault();
        this.submit();
      } else if (intent === 'stop') {
        event.preventDefault();
        deps.post({ type: 'stop' });
      }
    });
    this.input.addEventListener('input', (event) => {
      // `#` typed at the start or after a space opens the attach picker (and is not kept).
      const at = this.input.selectionStart - 1;
      if ((event as InputEvent).data === '#' && this.input.value[at] === '#' && (at === 0 || /\s/.test(this.input.value[at - 1]!))) {
        this.input.value = this.input.value.slice(0, at) + this.input.value.slice(at + 1);
        this.input.setSelectionRange(at, at);
        deps.post({ type: 'attach.pick' });
      }
      this.onInput();
      this.slash.update(this.input.value);
    });
    wireDropAndPaste(this.element, this.input, deps.post, deps.warn);
    // Leaving the input (or the view being hidden) sends the draft at once instead of after the debounce.
    this.input.addEventListener('blur', () => this.flushDraft());
    window.addEventListener('pagehide', () => this.flushDraft());
    window.addEventListener('resize', () => this.autoGrow());
    // Size to the placeholder once the element is laid out (a wrapped placeholder needs two lines in narrow views).
    requestAnimationFrame(() => this.autoGrow());
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    const stopHadFocus = document.activeElement === this.stop;
    this.send.hidden = busy;
    this.stop.hidden = !busy;
    if (stopHadFocus && !busy) this.input.focus();
  }

  /** While set, the text can be edited (it is kept as the draft) but not sent; the note says why. */
  setReadOnly(readOnly: ReadOnlyView | undefined): void {
    this.readOnly = readOnly !== undefined;
    this.readOnlyNote.hidden = !readOnly;
    this.readOnlyNote.replaceChildren(...(readOnly ? [icon('lock'), h('span', {}, readOnly.message)] : []));
    this.send.disabled = this.readOnly;
    this.element.classList.toggle('read-only', this.readOnly);
  }

  /** The conversation's mode, and why the agent may not act here (shown in Agent mode). */
  setMode(mode: ChatMode, agentRestricted: string | undefined): void {
    this.mode.set(mode, agentRestricted);
    this.element.classList.toggle('agent-mode', mode === 'agent');
  }

  setTarget(target: TargetView): void {
    const text = `${target.providerName} · ${target.model ?? l10n.t('no model selected')}`;
    this.modelChip.replaceChildren(icon('sparkle'), h('span', { class: 'model-chip-label' }, text), icon('chevron-down'));
    this.modelChip.setAttribute('aria-label', l10n.t('Model: {0}. Click to pick another model', text));
    this.modelChip.title = l10n.t('{0} — click to pick a model', text);
    this.effortChip.hidden = !target.reasoning && !target.reasoningEffort;
    const effort = target.reasoningEffort ?? l10n.t('default');
    this.effortChip.replaceChildren(icon('lightbulb'), h('span', { class: 'model-chip-label' }, l10n.t('effort: {0}', effort)));
    this.effortChip.title = l10n.t('Reasoning effort: {0} — click to change it', effort);
    this.effortChip.setAttribute('aria-label', this.effortChip.title);
  }

  setAttachments(chips: readonly AttachmentChip[]): void {
    this.attachments.update(chips);
  }

  /** The workspace's settings that steer the next message (its system prompt, templates). */
  setWorkspacePrompts(settings: readonly string[]): void {
    this.workspacePrompts.update(settings);
  }

  /** The window meter (undefined hides it: no provider or model yet). */
  setBudget(budget: BudgetView | undefined): void {
    this.meter.update(budget);
  }

  /** Restores a draft (the host's on ready). Never overwrites text the user typed since, nor a send in flight. */
  setDraft(text: string): void {
    if (this.pendingSend !== undefined) return; // the host's answer to the send decides
    if (this.draftTimer !== undefined) {
      // The user typed within the debounce window: their text is newer than the host's copy.
      this.flushDraft();
      return;
    }
    if (this.input.value === text) return;
    this.input.value = text;
    this.autoGrow();
  }

  /**
   * The host's draft for this conversation. After a send it is the answer: the sent text is replaced by
   * it ('' when taken, itself when refused); anything typed after the send stays.
   */
  answerDraft(text: string): void {
    const sent = this.pendingSend;
    if (sent === undefined) {
      this.setDraft(text);
      return;
    }
    this.pendingSend = undefined;
    const value = this.input.value;
    if (!value.startsWith(sent)) return; // edited since: the user's text wins (and is posted as the draft)
    const next = text + value.slice(sent.length);
    if (next === value) return;
    this.input.value = next;
    this.autoGrow();
    this.deps.onDraft(next);
    if (next !== text) this.deps.post({ type: 'draftChanged', text: next });
  }

  /** Forgets a send the host will not answer here (the view switched conversations). */
  cancelPendingSend(): void {
    this.pendingSend = undefined;
  }

  focus(): void {
    this.input.focus();
  }

  private submit(): void {
    const text = this.input.value;
    if (this.busy || this.readOnly || this.pendingSend !== undefined || !text.trim()) return;
    clearTimeout(this.draftTimer);
    this.draftTimer = undefined;
    this.pendingSend = text;
    this.deps.post({ type: 'send', text });
  }

  /** The slash menu completed a command. */
  private replaceText(text: string): void {
    this.input.value = text;
    this.input.setSelectionRange(text.length, text.length);
    this.onInput();
    this.input.focus();
  }

  private flushDraft(): void {
    if (this.draftTimer === undefined) return;
    clearTimeout(this.draftTimer);
    this.draftTimer = undefined;
    this.deps.post({ type: 'draftChanged', text: this.input.value });
  }

  private onInput(): void {
    this.autoGrow();
    const text = this.input.value;
    this.deps.onDraft(text);
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => {
      this.draftTimer = undefined;
      this.deps.post({ type: 'draftChanged', text });
    }, DRAFT_DEBOUNCE_MS);
  }

  private autoGrow(): void {
    const max = Math.max(80, Math.floor(window.innerHeight * MAX_HEIGHT_FRACTION));
    this.input.style.height = 'auto';
    const height = Math.min(this.input.scrollHeight, max);
    this.input.style.height = `${height}px`;
    this.input.style.overflowY = this.input.scrollHeight > max ? 'auto' : 'hidden';
  }
}
