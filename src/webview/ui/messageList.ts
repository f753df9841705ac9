// The scrolling message list: one MessageItem per message, one DOM update per animation frame, auto-scroll
// only while the user is at the bottom, and one delegated click handler for every button and link inside.
// A long conversation opens with its newest messages; the older ones are added above them in idle slices
// (lazyMessages.ts) while the text in view stays where it is. The messages live in a page inside the scrolling
// element: switching conversations hides the old page at once and takes it down in idle slices (leavingPages.ts).
import type { MessageView, WebviewToHost } from '../../protocol';
import { h } from '../dom';
import { stopWatching } from '../render/nearView';
import type { Sanitizer } from '../render/sanitize';
import type { ChatState } from '../store';
import { firstPaintStart, FIRST_PAINT_MESSAGES, IdleSlices, messageChars, SLICE_CHARS } from './lazyMessages';
import { LeavingPages } from './leavingPages';
import { onListClick } from './messageClicks';
import { itemFlagsOf, MessageItem } from './messageItem';
import { latestCut, NotSentMarker } from './notSentMarker';
import { renderWelcome } from './welcome';
import { l10n } from '../pageL10n';

const BOTTOM_SLACK_PX = 40;
/** A page of more messages than this is taken down in idle slices when the user switches away; fewer go at once. */
const SLICED_TEARDOWN_OVER = 50;
/** Render time per frame that streamed text may take outside the frame callback (a quarter of a 60 Hz frame). */
const EARLY_BUDGET_MS = 4;

export interface MessageListDeps {
  sanitizer: Sanitizer;
  highlight: boolean;
  post: (message: WebviewToHost) => void;
  state: () => ChatState | undefined;
  /** `fromBottom`: the distance from the bottom, which older messages added above do not change. */
  onScroll?: (top: number, atBottom: boolean, fromBottom: number) => void;
}

/** A scroll position to restore; one saved without `fromBottom` needs the whole conversation rendered. */
export interface SavedScroll {
  top: number;
  atBottom: boolean;
  fromBottom?: number;
}

export class MessageList {
  /** The scrolling element: the current page, then the scroll anchor (and pages being taken down, hidden). */
  readonly element: HTMLElement;
  /** The messages of the conversation shown (and the not-sent marker, the welcome). */
  private page = newPage();
  private readonly leaving = new LeavingPages();
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
  /** messages[0, unrendered) are not in the DOM yet: the oldest ones, while a long conversation opens. */
  private unrendered = 0;
  private readonly older = new IdleSlices((timeLeft) => {
    let chars = 0;
    this.addOlder((added) => (chars += messageChars(added)) < SLICE_CHARS && timeLeft() > 0);
    return this.unrendered > 0;
  });

  constructor(private readonly deps: MessageListDeps) {
    // role=log for navigation; the polite announcements come from the separate live region, not per token.
    this.element = h('div', { class: 'messages', role: 'log', 'aria-live': 'off', 'aria-label': l10n.t('Conversation'), tabindex: 0 }, this.page, this.anchor);
    this.element.addEventListener('click', (event) => onListClick(event, this.element, (id) => this.items.get(id), deps.post));
    this.element.addEventListener('auxclick', (event) => {
      if ((event.target as Element).closest('a')) event.preventDefault();
    });
    this.element.addEventListener('scroll', () => {
      const el = this.element;
      const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
      this.setAtBottom(fromBottom < BOTTOM_SLACK_PX);
      deps.onScroll?.(el.scrollTop, this.atBottom, fromBottom);
      // Close to what is not rendered yet: one more slice before the next frame, not only in idle time.
      if (this.unrendered > 0 && el.scrollTop < el.clientHeight * 2) this.older.hurry();
    });
  }

  /** Rebuilds everything from a fresh state (after ready, switching conversations): the newest messages now, the older ones soon. */
  reset(scroll?: SavedScroll): void {
    this.cancelFrame();
    this.older.cancel();
    stopWatching(this.element);
    this.items.clear();
    this.dirty.clear();
    if (this.page.childElementCount > SLICED_TEARDOWN_OVER) {
      this.leaving.add(this.page);
      this.page = newPage();
      this.element.insertBefore(this.page, this.anchor);
    } else this.page.replaceChildren();
    this.welcome = undefined;
    const restore = scroll && !scroll.atBottom ? scroll : undefined;
    // A position saved from the top (by an older version) only means something with every message rendered.
    this.unrendered = restore && restore.fromBottom === undefined ? 0 : firstPaintStart(this.deps.state()?.conversation.messages ?? []);
    this.render(true);
    const el = this.element;
    // Enough rendered to fill the view above the bottom (or above the position to restore).
    while (this.unrendered > 0 && el.scrollHeight < el.clientHeight * 2 + (restore?.fromBottom ?? 0)) this.renderOlder(FIRST_PAINT_MESSAGES);
    if (restore) {
      el.scrollTop = restore.fromBottom !== undefined ? el.scrollHeight - el.clientHeight - restore.fromBottom : restore.top;
      this.setAtBottom(false);
    } else this.scrollToBottom();
    if (this.unrendered > 0) this.older.start();
  }

  /** How many of the oldest messages are not rendered yet. */
  get pendingOlder(): number {
    return this.unrendered;
  }

  /** Renders up to `count` (at least one) of the older messages not rendered yet, now; idle slices do the rest. */
  renderOlder(count = Infinity): void {
    let n = 1;
    this.addOlder(() => n++ < count);
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
    this.setAtBottom(true);
  }

  /** Scrolled up, every message may anchor scrolling; at the bottom only the scroll anchor (stick to the bottom). */
  private setAtBottom(atBottom: boolean): void {
    if (atBottom === this.atBottom) return;
    this.atBottom = atBottom;
    this.element.classList.toggle('scrolled-up', !atBottom);
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

  /** Adds older messages above the rendered ones, newest first, while `more()` (at least one). */
  private addOlder(more: (added: MessageView) => boolean): void {
    const state = this.deps.state();
    const messages = state?.conversation.messages ?? [];
    this.unrendered = Math.min(this.unrendered, messages.length);
    if (!state || this.unrendered === 0) return;
    const flags = itemFlagsOf(state);
    const added: HTMLElement[] = [];
    for (;;) {
      const message = messages[--this.unrendered]!;
      const item = this.createItem(message);
      item.update(message, flags(message));
      added.push(item.element);
      if (this.unrendered === 0 || !more(message)) break;
    }
    added.reverse();
    // What is in view stays put through CSS scroll anchoring (layout.css), at the bottom or scrolled up, with no
    // layout here; except at the very top, where browsers do not anchor: there the view moves down by what was added.
    const el = this.element;
    const top = !this.atBottom && el.scrollTop === 0 ? this.page.firstElementChild : null;
    const before = top?.getBoundingClientRect().top;
    this.page.prepend(...added);
    if (top && before !== undefined) el.scrollTop += top.getBoundingClientRect().top - before;
    this.placeNotSentMarker(messages);
  }

  private createItem(message: MessageView): MessageItem {
    const item = new MessageItem(message, {
      sanitizer: this.deps.sanitizer,
      highlight: this.deps.highlight,
      onEditSave: (text) => this.deps.post({ type: 'editLast', text }),
    });
    this.items.set(message.id, item);
    return item;
  }

  private render(all: boolean): void {
    const state = this.deps.state();
    if (!state) return;
    const messages = state.conversation.messages;
    this.unrendered = Math.min(this.unrendered, messages.length);
    const structural = all || this.structureChanged;
    this.structureChanged = false;
    const stick = this.atBottom;
    const flags = itemFlagsOf(state);
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
    for (let i = this.unrendered; i < messages.length; i++) {
      const message = messages[i]!;
      const existing = this.items.get(message.id);
      const item = existing ?? this.createItem(message);
      const isNew = !existing;
      if (structural || isNew || this.dirty.has(message.id)) {
        statusChanged ||= item.element.dataset.status !== message.status;
        item.update(message, flags(message));
      }
      if (structural || isNew) {
        // Keep DOM order equal to the state's order.
        let expectedNext: Element | null = previous ? previous.nextElementSibling : this.page.firstElementChild;
        if (expectedNext === this.notSent.element) expectedNext = expectedNext.nextElementSibling; // placed after this loop
        if (expectedNext !== item.element) this.page.insertBefore(item.element, expectedNext);
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
    if (first.previousElementSibling !== this.notSent.element) this.page.insertBefore(this.notSent.element, first);
  }

  private renderWelcome(state: ChatState, empty: boolean): void {
    this.welcome?.remove();
    this.welcome = empty ? renderWelcome(state.target) : undefined;
    if (this.welcome) this.page.append(this.welcome);
  }
}

function newPage(): HTMLElement {
  return h('div', { class: 'message-page' });
}
