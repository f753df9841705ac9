// The sidebar chat's host-side logic, without `vscode`: it receives the webview's messages (already
// validated here with zod), changes the conversation store, streams replies and posts what changed.
// Everything that needs VS Code (clipboard, editors, commands, links) goes through `ChatHost`.
//
// Decisions worth knowing:
// - One reply streams at a time; sending while busy posts a notice (nothing the user typed is dropped:
//   the webview keeps the draft).
// - The store is updated with every chunk; posting is coalesced (DeltaCoalescer). When no view is
//   ready the posts simply reach nobody but `onDidPostMessage`, and the next `ready` gets the full state.
// - Retry and Regenerate replace the previous reply at once (messagesTruncated, then a fresh streaming
//   message); a failed reply's partial text is not kept (see promptBuilder for what is sent).
import { errorMessage, type ErrorAction } from '../common/errors';
import type { Logger } from '../common/logger';
import type { HostToWebview, TargetView, WebviewToHost } from '../protocol';
import { parseWebviewMessage } from '../protocol';
import type { ExternalPrompt, TargetResolver } from '../services';
import {
  type Conversation,
  type StoredMessage,
  createConversation,
  isEmpty,
  lastUserIndex,
  newId,
  refreshTitle,
  toConversationView,
  toMessageView,
} from './conversation';
import type { ConversationStore } from './conversationStore';
import { DeltaCoalescer } from './deltaCoalescer';
import { toErrorView } from './errorView';
import { conversationToMarkdown, exportFileName } from './exportMarkdown';
import { buildPrompt, dropOldestTurns } from './promptBuilder';
import { ReplyMetrics } from './replyMetrics';

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

interface Streaming {
  conversation: Conversation;
  message: StoredMessage;
  abort: AbortController;
  done: Promise<void>;
}

const ALLOWED_LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

export class ChatController {
  private streaming: Streaming | undefined;
  private readonly deltas: DeltaCoalescer;
  private readonly now: () => number;
  private disposed = false;
  /** Set while a refused send's text is being put back into the draft. */
  private restoringDraft = false;

  constructor(private readonly deps: ChatControllerDeps) {
    this.now = deps.now ?? Date.now;
    this.deltas = new DeltaCoalescer((d) => deps.post(d), { intervalMs: deps.deltaIntervalMs ?? 24 });
  }

  get busy(): boolean {
    return this.streaming !== undefined;
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
    this.deltas.flush();
    const conversation = this.deps.store.active();
    this.deps.post({
      type: 'state',
      conversation: toConversationView(conversation),
      conversations: this.deps.store.list(),
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
    this.deps.post({ type: 'conversations', conversations: this.deps.store.list(), activeId: this.deps.store.active().id });
  }

  private notice(level: 'info' | 'warning' | 'error', message: string): void {
    this.deps.post({ type: 'notice', level, message });
  }

  private setDraft(text: string): void {
    if (this.restoringDraft) {
      this.restoringDraft = false;
      if (text === '') return; // the view's "input cleared" right after a refused send
    }
    const conversation = this.deps.store.active();
    if (conversation.draft === text) return;
    conversation.draft = text;
    this.deps.store.markDirty(conversation.id);
  }

  // ---------- sending ----------

  /** A prompt from outside the view (Explain selection…): shown as `display`, sent as `content`. */
  async ask(prompt: ExternalPrompt): Promise<void> {
    await this.send(prompt.content, { display: prompt.display, context: prompt.context, systemPrompt: prompt.systemPrompt });
  }

  async send(text: string, opts: SendOptions = {}): Promise<void> {
    if (this.refuseWhileBusy()) {
      // The view cleared its input when it sent (and posts an empty draft next): put the text back.
      if (opts.display === undefined) {
        this.setDraft(text);
        this.restoringDraft = true;
        await this.postState();
      }
      return;
    }
    const conversation = this.deps.store.active();
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
    conversation.messages.push(user);
    conversation.draft = '';
    refreshTitle(conversation);
    this.touch(conversation);
    this.deps.post({ type: 'messageAdded', conversationId: conversation.id, message: toMessageView(user) });
    this.postConversations();
    await this.reply(conversation);
  }

  private refuseWhileBusy(): boolean {
    if (!this.streaming) return false;
    this.notice('info', 'A reply is still streaming. Stop it or wait for it to finish, then send again.');
    return true;
  }

  /** Streams a new assistant reply to the conversation's messages so far. Never throws. */
  private async reply(conversation: Conversation): Promise<void> {
    const message: StoredMessage = { id: newId(), role: 'assistant', content: '', status: 'streaming', createdAt: this.now() };
    conversation.messages.push(message);
    const abort = new AbortController();
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    this.streaming = { conversation, message, abort, done };
    this.touch(conversation);
    this.deps.post({ type: 'messageAdded', conversationId: conversation.id, message: toMessageView(message) });
    this.deps.post({ type: 'busy', busy: true });

    let metrics: ReplyMetrics | undefined;
    let finishReason: string | undefined;
    let secrets: readonly string[] = [];
    try {
      const target = await this.deps.targets.resolve();
      secrets = target.secrets;
      if (abort.signal.aborted) throw abort.signal.reason;
      metrics = new ReplyMetrics(target.model, this.now);
      message.meta = { model: target.model };
      const messages = buildPrompt(conversation, target.systemPrompt, conversation.messages.indexOf(message) - 1);
      const stream = target.client.streamChat({ ...target.sampling, model: target.model, messages }, { signal: abort.signal });
      for await (const event of stream) {
        switch (event.type) {
          case 'text':
          case 'reasoning':
            if (!event.text) break;
            metrics.token();
            if (event.type === 'text') message.content += event.text;
            else message.reasoning = (message.reasoning ?? '') + event.text;
            this.deltas.push(conversation.id, message.id, event.type, event.text);
            this.deps.store.markDirty(conversation.id);
            break;
          case 'usage':
            metrics.setUsage(event.usage);
            break;
          case 'finish':
            finishReason = event.reason;
            break;
          case 'tool_call': // the sidebar chat offers no tools
          case 'reasoning_replay':
            break;
        }
      }
      if (abort.signal.aborted) throw abort.signal.reason; // a client that ends quietly on abort
      message.status = 'done';
      if (finishReason === 'length') {
        this.notice('warning', 'The reply was cut off at the maximum number of tokens. Raise the max tokens setting or ask to continue.');
      }
    } catch (err) {
      if (abort.signal.aborted) {
        message.status = 'stopped';
      } else {
        message.status = 'error';
        message.error = toErrorView(err, secrets);
        this.deps.log.warn(`Chat reply failed: ${message.error.kind}: ${message.error.message}`);
      }
    } finally {
      if (metrics) message.meta = metrics.meta();
      if (message.meta && finishReason && finishReason !== 'stop') message.meta.finishReason = finishReason;
      this.deltas.flush();
      conversation.updatedAt = this.now();
      this.streaming = undefined;
      if (!this.disposed) {
        this.deps.post({ type: 'messageUpdated', conversationId: conversation.id, message: toMessageView(message) });
        this.deps.post({ type: 'busy', busy: false });
        this.postConversations();
        await this.deps.store.saveNow(conversation.id);
      }
      finished();
    }
  }

  async stop(): Promise<void> {
    const current = this.streaming;
    if (!current) return;
    current.abort.abort();
    await current.done;
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
    this.truncate(conversation, last + 1);
    await this.reply(conversation);
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
    user.content = text;
    delete user.sendContent;
    delete user.context;
    user.createdAt = this.now();
    refreshTitle(conversation);
    this.truncate(conversation, last + 1);
    this.deps.post({ type: 'messageUpdated', conversationId: conversation.id, message: toMessageView(user) });
    await this.reply(conversation);
  }

  /** Removes messages from `index` on and tells the view. */
  private truncate(conversation: Conversation, index: number): void {
    const first = conversation.messages[index];
    if (!first) return;
    conversation.messages.splice(index);
    if (conversation.contextFromId && !conversation.messages.some((m) => m.id === conversation.contextFromId)) {
      delete conversation.contextFromId;
    }
    this.touch(conversation);
    this.deps.post({ type: 'messagesTruncated', conversationId: conversation.id, fromMessageId: first.id });
  }

  private async runAction(action: ErrorAction, messageId?: string): Promise<void> {
    switch (action) {
      case 'retry':
        return this.retry(messageId);
      case 'dropOldest': {
        if (this.refuseWhileBusy()) return;
        const conversation = this.deps.store.active();
        const dropped = dropOldestTurns(conversation);
        if (dropped === 0) {
          this.notice('warning', "Only the last message is left and it is still too long for the model's context window. Shorten it or pick a model with a larger context.");
          return;
        }
        this.deps.store.markDirty(conversation.id);
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
    const conversation = this.deps.store.get(id);
    if (!conversation) return;
    const clean = title.replace(/\s+/g, ' ').trim();
    if (!clean) return;
    conversation.title = clean;
    conversation.customTitle = true;
    this.touch(conversation);
    this.postConversations();
  }

  private async deleteConversation(id: string): Promise<void> {
    if (this.streaming?.conversation.id === id) await this.stop();
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
    if (url.protocol === 'mailto:') {
      // Only the address: a reply could otherwise prefill a body, add cc/bcc recipients or ask to attach files.
      url.search = '';
      url.hash = '';
      if (!url.pathname) {
        this.notice('warning', 'Not opened: the mail link has no address.');
        return;
      }
    }
    // Scheme and host only: a path or query may carry a token.
    this.deps.log.info(`Chat: opening a ${url.protocol.slice(0, -1)} link externally${url.host ? ` (${url.host})` : ''}.`);
    await this.deps.host.openExternal(url.toString());
  }

  // ---------- lifecycle ----------

  private touch(conversation: Conversation): void {
    conversation.updatedAt = this.now();
    this.deps.store.markDirty(conversation.id);
  }

  /** Stops a streaming reply (its text is kept, marked stopped) and writes everything synchronously. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const current = this.streaming;
    if (current) {
      current.message.status = 'stopped';
      this.deps.store.markDirty(current.conversation.id);
      current.abort.abort();
    }
    this.deltas.dispose();
    this.deps.store.dispose();
  }
}

