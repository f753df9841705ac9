// The sidebar chat's host-side logic, without `vscode`: it receives the webview's messages (already
// validated here with zod), turns them into store changes, starts replies (ReplyStream) and posts what
// changed. Everything that needs VS Code (clipboard, editors, commands, links) goes through `ChatHost`.
//
// Decisions worth knowing:
// - One reply streams at a time; sending while busy posts a notice (nothing the user typed is dropped:
//   the webview keeps the draft).
// - When no view is ready the posts simply reach nobody but `onDidPostMessage`, and the next `ready`
//   gets the full state.
// - Retry and Regenerate replace the previous reply at once (messagesTruncated, then a fresh streaming
//   message); a failed reply's partial text is not sent again (see promptBuilder for what is sent).
import { errorMessage, type ErrorAction } from '../common/errors';
import type { Logger } from '../common/logger';
import type { HostToWebview, TargetView, WebviewToHost } from '../protocol';
import { parseWebviewMessage } from '../protocol';
import type { ExternalPrompt, TargetResolver } from '../services';
import {
  type StoredMessage,
  createConversation,
  isEmpty,
  lastUserIndex,
  newId,
} from './conversation';
import type { ConversationStore } from './conversationStore';
import { conversationToMarkdown, exportFileName } from './exportMarkdown';
import { oldestTurnsToDrop } from './promptBuilder';
import { ReplyStream } from './replyStream';
import { toConversationView, toMessageView, toSummary } from './toView';

/** The VS Code side effects the chat asks for (implemented in src/views/chatHost.ts). */
export interface ChatHost {
  copyText(text: string): Promise<void>;
  /** Inserts into the active editor; returns a message for the user when there is none. */
  insertCode(code: string, language?: string): Promise<string | undefined>;
  openInEditor(code: string, language?: string): Promise<void>;
  openExternal(href: string): Promise<void>;
  runCommand(action: Exclude<ErrorAction, 'retry' | 'dropOldest' | 'newChat'>): Promise<void>;
  showMarkdown(fileName: string, markdown: string): Promise<void>;
}

export interface ChatControllerDeps {
  store: ConversationStore;
  targets: Pick<TargetResolver, 'resolve' | 'describe'>;
  host: ChatHost;
  /** Every message for the webview goes through here (the view provider forwards it when a view is ready). */
  post: (message: HostToWebview) => void;
  log: Logger;
  now?: () => number;
  deltaIntervalMs?: number;
}

interface SendOptions {
  display?: string;
  context?: ExternalPrompt['context'];
  systemPrompt?: string;
}

const ALLOWED_LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

export class ChatController {
  private readonly replies: ReplyStream;
  private readonly now: () => number;
  private disposed = false;

  constructor(private readonly deps: ChatControllerDeps) {
    this.now = deps.now ?? Date.now;
    this.replies = new ReplyStream({
      store: deps.store,
      targets: deps.targets,
      post: deps.post,
      log: deps.log,
      now: this.now,
      ...(deps.deltaIntervalMs !== undefined ? { deltaIntervalMs: deps.deltaIntervalMs } : {}),
      onEnded: () => this.postConversations(),
      notice: (level, message) => this.notice(level, message),
    });
  }

  get busy(): boolean {
    return this.replies.busy;
  }

  /** Validates a raw message from the webview and handles it; resolves when it is done (a send: when the reply ended). */
  async handle(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      // Log the shape, never the content (it may be anything the user typed).
      const type = typeof raw === 'object' && raw !== null ? String((raw as { type?: unknown }).type).slice(0, 40) : typeof raw;
      this.deps.log.warn(`Ignored a malformed message from the chat view (type: ${type}).`);
      return;
    }
    try {
      await this.dispatch(parsed.message);
    } catch (err) {
      this.deps.log.error(`Chat: handling "${parsed.message.type}" failed`, err);
      this.notice('error', `Something went wrong: ${errorMessage(err)}`);
    }
  }

  private async dispatch(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.postState();
      case 'send':
        return this.send(message.text);
      case 'stop':
        return this.stop();
      case 'regenerate':
        return this.regenerate();
      case 'editLast':
        return this.editLast(message.text);
      case 'runAction':
        return this.runAction(message.action, message.messageId);
      case 'newChat':
        return this.newChat();
      case 'switchConversation':
        return this.switchConversation(message.id);
      case 'renameConversation':
        return this.rename(message.id, message.title);
      case 'deleteConversation':
        return this.deleteConversation(message.id);
      case 'exportConversation':
        return this.exportConversation(message.id);
      case 'copyText':
        return this.deps.host.copyText(message.text);
      case 'insertCode': {
        const problem = await this.deps.host.insertCode(message.code, message.language);
        if (problem) this.notice('warning', problem);
        return;
      }
      case 'openInEditor':
        return this.deps.host.openInEditor(message.code, message.language);
      case 'openLink':
        return this.openLink(message.href);
      case 'draftChanged':
        return this.setDraft(message.text);
      case 'pickModel':
        return this.deps.host.runCommand('pickModel');
      default: {
        const unreachable: never = message;
        void unreachable;
      }
    }
  }

  // ---------- state ----------

  /** Posts the whole state (after `ready`, after switching conversations). Pending deltas go out first. */
  async postState(): Promise<void> {
    const target = await this.describeTarget();
    this.replies.flushDeltas();
    const conversation = this.deps.store.active();
    this.deps.post({
      type: 'state',
      conversation: toConversationView(conversation),
      conversations: this.deps.store.list().map(toSummary),
      target,
      draft: conversation.draft,
      busy: this.busy,
    });
  }

  private async describeTarget(): Promise<TargetView> {
    try {
      return await this.deps.targets.describe();
    } catch {
      return { providerName: 'Unknown provider', hasKey: false };
    }
  }

  private postConversations(): void {
    this.deps.post({ type: 'conversations', conversations: this.deps.store.list().map(toSummary), activeId: this.deps.store.active().id });
  }

  private postDraft(conversationId: string): void {
    this.deps.post({ type: 'draft', conversationId, text: this.deps.store.get(conversationId)?.draft ?? '' });
  }

  private notice(level: 'info' | 'warning' | 'error', message: string): void {
    this.deps.post({ type: 'notice', level, message });
  }

  private setDraft(text: string): void {
    const conversation = this.deps.store.active();
    if (conversation.draft === text) return;
    this.deps.store.update(conversation.id, { op: 'draft', text });
  }

  // ---------- sending ----------

  /** A prompt from outside the view (Explain selection…): shown as `display`, sent as `content`. */
  async ask(prompt: ExternalPrompt): Promise<void> {
    await this.send(prompt.content, { display: prompt.display, context: prompt.context, systemPrompt: prompt.systemPrompt });
  }

  async send(text: string, opts: SendOptions = {}): Promise<void> {
    // From the view (no `display`): the view keeps its input until the `draft` answer says what to show.
    const fromView = opts.display === undefined;
    const conversation = this.deps.store.active();
    if (this.refuseWhileBusy()) {
      if (fromView) {
        this.setDraft(text);
        this.postDraft(conversation.id);
      }
      return;
    }
    const display = opts.display ?? text;
    const user: StoredMessage = {
      id: newId(),
      role: 'user',
      content: display,
      status: 'done',
      createdAt: this.now(),
    };
    if (display !== text) user.sendContent = text;
    if (opts.systemPrompt !== undefined) user.systemPrompt = opts.systemPrompt;
    if (opts.context) user.context = opts.context;
    // A prompt from outside (Explain selection…) leaves what the user was typing alone.
    this.deps.store.update(conversation.id, fromView ? [{ op: 'message', message: user }, { op: 'draft', text: '' }] : { op: 'message', message: user });
    this.deps.post({ type: 'messageAdded', conversationId: conversation.id, message: toMessageView(user) });
    if (fromView) this.postDraft(conversation.id);
    this.postConversations();
    await this.replies.run(conversation.id);
  }

  private refuseWhileBusy(): boolean {
    if (!this.replies.busy) return false;
    this.notice('info', 'A reply is still streaming. Stop it or wait for it to finish, then send again.');
    return true;
  }

  async stop(): Promise<void> {
    await this.replies.stop();
  }

  // ---------- regenerate / edit / retry ----------

  private regenerate(): Promise<void> {
    return this.replyAgain('There is no message to answer yet.');
  }

  /** Replaces the last reply (normally a failed one) with a fresh attempt. */
  private retry(messageId?: string): Promise<void> {
    return this.replyAgain('There is nothing to retry.', messageId);
  }

  /** Drops everything after the last user message and answers it again; `messageId` (if given) must be that reply. */
  private async replyAgain(nothingToAnswer: string, messageId?: string): Promise<void> {
    if (this.refuseWhileBusy()) return;
    const conversation = this.deps.store.active();
    const last = lastUserIndex(conversation);
    if (last < 0) {
      this.notice('info', nothingToAnswer);
      return;
    }
    if (messageId) {
      const index = conversation.messages.findIndex((m) => m.id === messageId);
      if (index >= 0 && index < last) {
        this.notice('info', 'Only the last reply can be retried.');
        return;
      }
    }
    this.truncate(conversation.id, last + 1);
    await this.replies.run(conversation.id);
  }

  private async editLast(text: string): Promise<void> {
    if (this.refuseWhileBusy()) return;
    const conversation = this.deps.store.active();
    const last = lastUserIndex(conversation);
    const user = conversation.messages[last];
    if (!user) {
      await this.send(text);
      return;
    }
    // The edited text is what is sent now; the selection chip no longer describes it.
    const { sendContent: _sent, context: _context, ...rest } = user;
    const edited: StoredMessage = { ...rest, content: text, createdAt: this.now() };
    this.deps.store.update(conversation.id, { op: 'message', message: edited });
    this.truncate(conversation.id, last + 1);
    this.deps.post({ type: 'messageUpdated', conversationId: conversation.id, message: toMessageView(edited) });
    await this.replies.run(conversation.id);
  }

  /** Removes messages from `index` on and tells the view. */
  private truncate(conversationId: string, index: number): void {
    const messages = this.deps.store.get(conversationId)?.messages ?? [];
    const first = messages[index];
    if (!first) return;
    this.deps.store.update(conversationId, { op: 'remove', ids: messages.slice(index).map((m) => m.id) });
    this.deps.post({ type: 'messagesTruncated', conversationId, fromMessageId: first.id });
  }

  private async runAction(action: ErrorAction, messageId?: string): Promise<void> {
    switch (action) {
      case 'retry':
        return this.retry(messageId);
      case 'dropOldest': {
        if (this.refuseWhileBusy()) return;
        const conversation = this.deps.store.active();
        const { dropped, contextFromId } = oldestTurnsToDrop(conversation);
        if (dropped === 0) {
          this.notice('warning', "Only the last message is left and it is still too long for the model's context window. Shorten it or pick a model with a larger context.");
          return;
        }
        this.deps.store.update(conversation.id, { op: 'set', contextFromId: contextFromId ?? null });
        this.notice('info', `Left out the ${dropped === 1 ? 'oldest turn' : `${dropped} oldest turns`} from what is sent to the model (they stay visible here).`);
        return this.retry(messageId);
      }
      case 'newChat': {
        // From a context-length error: start fresh but keep what the user asked, ready to send.
        const previous = this.deps.store.active();
        const lastUser = previous.messages[lastUserIndex(previous)];
        await this.newChat();
        if (lastUser) {
          this.setDraft(lastUser.sendContent ?? lastUser.content);
          await this.postState();
        }
        return;
      }
      case 'setApiKey':
      case 'pickModel':
      case 'openSettings':
      case 'switchProvider':
        return this.deps.host.runCommand(action);
      default: {
        const unreachable: never = action;
        void unreachable;
      }
    }
  }

  // ---------- conversations ----------

  async newChat(): Promise<void> {
    const active = this.deps.store.active();
    if (!isEmpty(active)) {
      const fresh = createConversation(this.now());
      this.deps.store.add(fresh);
      this.deps.store.setActive(fresh.id);
    }
    await this.postState();
    this.deps.post({ type: 'focusInput' });
  }

  private async switchConversation(id: string): Promise<void> {
    if (!this.deps.store.setActive(id)) {
      this.notice('warning', 'That conversation no longer exists.');
      this.postConversations();
      return;
    }
    await this.postState();
  }

  private rename(id: string, title: string): void {
    const clean = title.replace(/\s+/g, ' ').trim();
    if (!clean || !this.deps.store.update(id, { op: 'set', title: clean, customTitle: true })) return;
    this.postConversations();
  }

  private async deleteConversation(id: string): Promise<void> {
    if (this.replies.conversationId === id) await this.stop();
    const wasActive = this.deps.store.active().id === id;
    await this.deps.store.remove(id);
    if (wasActive) await this.postState();
    else this.postConversations();
  }

  async exportConversation(id?: string): Promise<void> {
    const conversation = id ? this.deps.store.get(id) : this.deps.store.active();
    if (!conversation || isEmpty(conversation)) {
      this.notice('info', 'Nothing to export yet.');
      return;
    }
    await this.deps.host.showMarkdown(exportFileName(conversation), conversationToMarkdown(conversation));
  }

  // ---------- links ----------

  private async openLink(href: string): Promise<void> {
    let url: URL | undefined;
    try {
      url = new URL(href);
    } catch {
      url = undefined;
    }
    if (!url || !ALLOWED_LINK_PROTOCOLS.has(url.protocol)) {
      const shown = href.length > 80 ? `${href.slice(0, 79)}…` : href;
      this.notice('warning', `Not opened: only http, https and mailto links can be opened from the chat (${shown}).`);
      return;
    }
    await this.deps.host.openExternal(url.toString());
  }

  // ---------- lifecycle ----------

  /** Stops a streaming reply (its text is kept, marked stopped) and writes everything synchronously. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.replies.dispose();
    this.deps.store.dispose();
  }
}

