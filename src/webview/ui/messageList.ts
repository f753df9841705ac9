// The scrolling message list: one MessageItem per message, one DOM update per animation frame, auto-scroll
// only while the user is at the bottom, and one delegated click handler for every button and link inside.
import type { ErrorAction, MessageView, WebviewToHost } from '../../protocol';
import { h } from '../dom';
import type { Sanitizer } from '../render/sanitize';
import type { ChatState } from '../store';
import { blockIndexOf, codeOf } from './codeBlock';
import { MessageItem } from './messageItem';
import { latestCut, NotSentMarker } from './notSentMarker';
import { renderWelcome } from './welcome';
import { l10n } from '../pageL10n';

const BOTTOM_SLACK_PX = 40;
/** Render time per frame that streamed text may take outside the frame callback (a quarter of a 60 Hz frame). */
const EARLY_BUDGET_MS = 4;

export interface MessageListDeps {
  sanitizer: Sanitizer;
  highlight: boolean;
  post: (message: WebviewToHost) => void;
  state: () => ChatState | undefined;
  onScroll?: (top: number, atBottom: boolean) => void;
}

export class MessageList {
  readonly element: HTMLElement;
  private readonly items = new Map<string, MessageItem>();
  private readonly dirty = new Set<string>();
  private frame: number | undefined;
  /** Time spent since the last frame rendering streamed text outside a frame callback (see `streamed`). */
  private earlyMs = 0;
  private earlyQueued = false;
  private structureChanged = false;
  private atBottom = true;
  private welcome: HTMLElement | undefined;
  /** Kept last: CSS scroll anchoring pins it (and so the newest text) in view while the user is at the bottom. */
  private readonly anchor = h('div', { class: 'scroll-anchor', 'aria-hidden': 'true' });
  /** Above the first message the latest reply sent, when older ones were left out to fit. */
  private readonly notSent = new NotSentMarker((expanded) => this.element.classList.toggle('show-not-sent', expanded));

  constructor(private readonly deps: MessageListDeps) {
    // role=log for navigation; the polite announcements come from the separate live region, not per token.
    this.element = h('div', { class: 'messages', role: 'log', 'aria-live': 'off', 'aria-label': l10n.t('Conversation'), tabindex: 0 });
    this.element.addEventListener('click', (event) => this.onClick(event));
    this.element.addEventListener('auxclick', (event) => {
      if ((event.target as Element).closest('a')) event.preventDefault();
    });
    this.element.addEventListener('scroll', () => {
      const el = this.element;
      this.atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK_PX;
      deps.onScroll?.(el.scrollTop, this.atBottom);
    });
  }

  /** Rebuilds everything from a fresh state (after ready, switching conversations). */
  reset(scroll?: { top: number; atBottom: boolean }): void {
    this.cancelFrame();
    this.items.clear();
    this.dirty.clear();
    this.element.replaceChildren(this.anchor);
    this.welcome = undefined;
    this.render(true);
    if (scroll && !scroll.atBottom) {
      this.element.scrollTop = scroll.top;
      this.atBottom = false;
    } else this.scrollToBottom();
  }

  /** Marks one message as changed; the DOM catches up on the next animation frame. */
  invalidate(id: string): void {
    this.dirty.add(id);
    this.schedule();
  }

  /**
   * Streamed text for one message: rendered at the end of the task that brought it (a microtask: the deltas of one
   * task render together), not one frame later, while such renders took less than EARLY_BUDGET_MS since the last
   * frame; past that budget it waits for the next frame, so expensive text costs one render per frame.
   */
  streamed(id: string): void {
    this.dirty.add(id);
    if (!this.earlyQueued && this.earlyMs < EARLY_BUDGET_MS) {
      this.earlyQueued = true;
      queueMicrotask(() => {
        this.earlyQueued = false;
        if (this.dirty.size === 0 && !this.structureChanged) return;
        const start = performance.now();
        this.render(false);
        this.earlyMs += performance.now() - start;
      });
    }
    this.schedule(); // its frame renews the budget (and renders what waited)
  }

  /** Messages were added/removed or flags (busy, last) changed: re-check every item. */
  invalidateAll(): void {
    this.structureChanged = true;
    this.schedule();
  }

  /** Renders pending changes now (tests, and before the host's state replaces everything). */
  flush(): void {
    this.cancelFrame();
    this.render(false);
  }

  scrollToBottom(): void {
    this.element.scrollTop = this.element.scrollHeight;
    this.atBottom = true;
  }

  private schedule(): void {
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      this.earlyMs = 0;
      if (this.dirty.size > 0 || this.structureChanged) this.render(false);
    });
  }

  private cancelFrame(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }

  private render(all: boolean): void {
    const state = this.deps.state();
    if (!state) return;
    const messages = state.conversation.messages;
    const structural = all || this.structureChanged;
    this.structureChanged = false;
    const stick = this.atBottom;
    let lastUser: string | undefined;
    let lastAssistant: string | undefined;
    for (const m of messages) {
      if (m.role === 'user') lastUser = m.id;
      else lastAssistant = m.id;
    }
    if (structural) {
      const ids = new Set(messages.map((m) => m.id));
      for (const [id, item] of this.items) {
        if (!ids.has(id)) {
          item.element.remove();
          this.items.delete(id);
        }
      }
    }
    let previous: Element | null = null;
    let statusChanged = false;
    for (const message of messages) {
      let item = this.items.get(message.id);
      const isNew = !item;
      if (!item) {
        item = new MessageItem(message, {
          sanitizer: this.deps.sanitizer,
          highlight: this.deps.highlight,
          onEditSave: (text) => this.deps.post({ type: 'editLast', text }),
        });
        this.items.set(message.id, item);
      }
      if (structural || isNew || this.dirty.has(message.id)) {
        statusChanged ||= item.element.dataset.status !== message.status;
        // Busy here or streaming in another window: no regenerate / edit & resend meanwhile.
        item.update(message, { isLastUser: message.id === lastUser, isLastAssistant: message.id === lastAssistant, busy: state.busy || state.readOnly !== undefined });
      }
      if (structural || isNew) {
        // Keep DOM order equal to the state's order.
        let expectedNext: Element | null = previous ? previous.nextElementSibling : this.element.firstElementChild;
        if (expectedNext === this.notSent.element) expectedNext = expectedNext.nextElementSibling; // placed after this loop
        if (expectedNext !== item.element) this.element.insertBefore(item.element, expectedNext);
      }
      previous = item.element;
    }
    this.dirty.clear();
    if (structural) {
      this.renderWelcome(state, messages.length === 0);
      this.placeNotSentMarker(messages);
    }
    // Streamed text keeps the view at the bottom through scroll anchoring (no forced layout per frame);
    // new messages and status changes also scroll explicitly.
    if (stick && (structural || statusChanged)) this.scrollToBottom();
  }

  /** Marks the messages the latest reply did not send and puts the marker at the cut (or removes it). */
  private placeNotSentMarker(messages: readonly MessageView[]): void {
    const cut = latestCut(messages);
    let before = cut !== undefined;
    for (const m of messages) {
      if (cut && m.id === cut.fromId) before = false;
      this.items.get(m.id)?.element.classList.toggle('not-sent', before && cut !== undefined);
    }
    const first = cut ? this.items.get(cut.fromId)?.element : undefined;
    if (!cut || !first) {
      this.notSent.element.remove();
      return;
    }
    this.notSent.setCount(cut.count);
    if (first.previousElementSibling !== this.notSent.element) this.element.insertBefore(this.notSent.element, first);
  }

  private renderWelcome(state: ChatState, empty: boolean): void {
    this.welcome?.remove();
    this.welcome = empty ? renderWelcome(state.target) : undefined;
    if (this.welcome) this.element.insertBefore(this.welcome, this.anchor);
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as Element;
    const link = target.closest('a');
    if (link && this.element.contains(link)) {
      // No navigation inside the webview: the host validates the scheme and opens it externally. VS Code's
      // webview host also listens for clicks on links (on the window, ignoring preventDefault) and opens http,
      // https and mailto links itself — a second open that skips the host's checks (and would open a relative
      // link resolved against the webview's own URL): the click must not bubble up to it.
      event.preventDefault();
      event.stopPropagation();
      const href = link.getAttribute('href');
      if (href && !href.startsWith('#')) this.deps.post({ type: 'openLink', href });
      return;
    }
    const button = target.closest<HTMLElement>('[data-action]');
    if (!button) return;
    const messageEl = button.closest<HTMLElement>('[data-testid="message"]');
    const item = messageEl?.dataset.id ? this.items.get(messageEl.dataset.id) : undefined;
    switch (button.dataset.action) {
      case 'copy-code': {
        const code = codeOf(button);
        if (code) {
          this.deps.post({ type: 'copyText', text: code.code });
          flashCopied(button);
        }
        break;
      }
      case 'insert-code': {
        const code = codeOf(button);
        if (code) this.deps.post({ type: 'insertCode', ...code });
        break;
      }
      case 'apply-code': {
        const blockIndex = blockIndexOf(button);
        if (item && blockIndex !== undefined) this.deps.post({ type: 'applyCode', messageId: item.id, blockIndex });
        break;
      }
      case 'open-code': {
        const code = codeOf(button);
        if (code) this.deps.post({ type: 'openInEditor', ...code });
        break;
      }
      case 'copy-message':
        if (item) {
          this.deps.post({ type: 'copyText', text: item.copyText() });
          flashCopied(button);
        }
        break;
      case 'regenerate':
        this.deps.post({ type: 'regenerate' });
        break;
      case 'edit-last':
        item?.openEditor();
        break;
      case 'open-workspace-setting': {
        const setting = button.dataset.setting;
        if (item && setting) this.deps.post({ type: 'openWorkspaceSetting', setting, messageId: item.id });
        break;
      }
      case 'run-action': {
        const action = button.dataset.errorAction as ErrorAction | undefined;
        if (action) this.deps.post({ type: 'runAction', action, ...(item ? { messageId: item.id } : {}) });
        break;
      }
      case 'tool-decision': {
        const { callId, decision } = button.dataset;
        if (callId && (decision === 'once' || decision === 'always' || decision === 'deny')) this.deps.post({ type: 'toolDecision', callId, decision });
        break;
      }
      case 'undo-turn':
        if (item) this.deps.post({ type: 'undoTurn', messageId: item.id });
        break;
      case undefined: // not reachable (the button was found by [data-action]); listed so the switch is exhaustive
        break;
    }
  }
}

function flashCopied(button: HTMLElement): void {
  const iconEl = button.querySelector('.codicon');
  iconEl?.classList.replace('codicon-copy', 'codicon-check');
  setTimeout(() => iconEl?.classList.replace('codicon-check', 'codicon-copy'), 1500);
}
