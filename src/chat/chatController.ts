// The sidebar chat's host-side logic, without `vscode`: it receives the webview's messages (validated
// here with zod) and turns them into store changes and replies. Its parts, one job each:
//   ConversationStore  the conversations and every change to them (shared with other windows)
//   ReplyStream        the one reply that streams at a time
//   AnswerAgain        regenerate, retry, edit & resend, drop the oldest turns
//   ChatView           what is posted to the webview (also when another window changed something)
//   HistoryActions     new chat, switch, rename, delete, export
//   AttachmentTray     what the next message carries (chips); the editor side is a ContextSource (src/context)
//   ChatHost           what needs VS Code (clipboard, editors, commands, links), in src/views
//
// Decisions worth knowing:
// - One reply streams at a time; sending while busy — or while a reply streams into this conversation in
//   another window — posts a notice, and the `draft` answer keeps the text in the input.
// - When no view is ready the posts simply reach nobody but `onDidPostMessage`, and the next `ready`
//   gets the full state.
// - Retry and Regenerate replace the previous reply at once (messagesTruncated, then a fresh streaming
//   message); a failed reply's partial text is not sent again (see promptBuilder for what is sent).
import { errorMessage, type ErrorAction } from '../common/appError';
import { l10n } from '../common/l10n';
import type { Logger } from '../common/logger';
import { type HostToWebview, type WebviewToHost, parseWebviewMessage } from '../protocol';
import type { TargetResolver } from '../providers/core/providerService';
import type { ExternalPrompt } from './chatService';
import type { ChatHost } from './chatHost';
import { isHostIntent, runHostIntent } from './hostIntents';
import type { Attachment, AttachResult } from '../prompt/attachments';
import { refuseImages, type SendOptions, userMessage } from './outgoing';
import { AttachmentTray, isAttachMessage } from './attachmentTray';
import { clearCredentials, type ConfirmCredentials } from './credentialCheck';
import { WorkspacePromptChips } from './workspacePromptChips';
import type { WorkspacePrompt } from '../config/core/workspacePrompts';
import type { ContextSource } from '../prompt/contextSource';
import { type SelectionTemplates, SlashRunner } from './slashCommands';
import { BudgetMeter } from './budgetMeter';
import { ChatView } from './chatView';
import { runErrorAction } from './errorActions';
import type { ConversationStore } from '../history/conversationStore';
import { HistoryActions } from './historyActions';
import { AnswerAgain } from './answerAgain';
import { ReplyStream } from './replyStream';
import { toMessageView } from './toView';
import { AgentActions, type AgentHost } from './agentActions';

export type { ChatHost } from './chatHost';

export interface ChatControllerDeps {
  store: ConversationStore;
  targets: Pick<TargetResolver, 'resolve' | 'describe'>;
  host: ChatHost;
  /** Every message for the webview goes through here (the view provider forwards it when a view is ready). */
  post: (message: HostToWebview) => void;
  log: Logger;
  /** The editor side of attachments (none in tests that do not attach). */
  context?: ContextSource;
  /** The selection commands' templates (inferenceChat.prompts.*), for /explain & co (default: the built-in ones). */
  templates?: () => SelectionTemplates;
  /** Asks (a modal of the host) before what looks like a credential is sent; none (tests): sent without asking. */
  confirmCredentials?: ConfirmCredentials;
  /** The user's stored API keys, looked for as credentials too (never logged). */
  knownSecrets?: () => Iterable<string>;
  /** The system prompt and templates a trusted workspace set, shown on the composer and the messages they steer. */
  workspacePrompts?: () => readonly WorkspacePrompt[];
  /** Agent mode's tools and settings (none: the chat offers Ask mode only). */
  agent?: AgentHost;
  now?: () => number;
  deltaIntervalMs?: number;
}

export class ChatController {
  private readonly replies: ReplyStream;
  private readonly view: ChatView;
  private readonly history: HistoryActions;
  private readonly again: AnswerAgain;
  private readonly now: () => number;
  private readonly storeEvents: { dispose(): void };
  private readonly meter: BudgetMeter;
  private readonly tray: AttachmentTray;
  private readonly slash: SlashRunner;
  private readonly workspace: WorkspacePromptChips;
  private readonly agent: AgentActions;
  private disposed = false;

  constructor(private readonly deps: ChatControllerDeps) {
    this.now = deps.now ?? Date.now;
    const { store, post } = deps;
    this.meter = new BudgetMeter({ store, targets: deps.targets, post, attachments: (id) => this.tray.forSend(id, true) });
    this.tray = new AttachmentTray({ source: deps.context, post, notice: (level, text) => this.view.notice(level, text), activeId: () => store.active().id, changed: () => void this.meter.refresh() });
    this.view = new ChatView({ store, targets: deps.targets, post, busy: () => this.busy, flushDeltas: () => this.replies.flushDeltas(), meter: this.meter, agentState: (c) => this.agent.modeOf(c), onState: () => (this.tray.stateSent(), this.workspace.postChips(true)) });
    this.workspace = new WorkspacePromptChips({ prompts: deps.workspacePrompts, post, store, host: deps.host, notice: (m) => this.view.notice('info', m) });
    this.replies = new ReplyStream({
      store,
      targets: deps.targets,
      post,
      log: deps.log,
      now: this.now,
      ...(deps.deltaIntervalMs !== undefined ? { deltaIntervalMs: deps.deltaIntervalMs } : {}),
      onEnded: () => {
        this.view.postConversations();
        void this.meter.refresh();
      },
      notice: (level, message) => this.view.notice(level, message),
    });
    this.agent = new AgentActions({ agent: deps.agent, store, replies: this.replies, post, notice: (level, text) => this.view.notice(level, text), now: this.now });
    const keep = (text: string): void => this.keepDraft(store.active().id, text);
    this.slash = new SlashRunner({ tray: this.tray, targets: deps.targets, templates: deps.templates, send: (p) => this.send(p.content, { ...p, fromView: true }),
      newChat: async () => { keep(''); await this.newChat(); }, refuse: (m, text) => { this.view.notice('info', m); keep(text); } });
    this.history = new HistoryActions({ store, view: this.view, replies: this.replies, host: deps.host, now: this.now });
    this.again = new AnswerAgain({ store, view: this.view, replies: this.replies, post, now: this.now, mayReply: () => !this.refuseNow(), send: async (text) => void (await this.send(text)),
      turnFor: (conversationId, userMessageId) => this.agent.turnFor(conversationId, userMessageId) });
    this.storeEvents = store.onDidChange((event) => {
      // Deleted in another window while this one streams into it: the reply has nowhere to go.
      if (event.type === 'removed' && this.replies.conversationId === event.id) void this.replies.stop();
      this.view.onStoreEvent(event);
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
      this.view.notice('error', l10n.t('Something went wrong: {0}', errorMessage(err)));
    }
  }

  private async dispatch(message: WebviewToHost): Promise<void> {
    const host = this.deps.host;
    if (isAttachMessage(message)) return this.tray.handle(message);
    if (isHostIntent(message)) return runHostIntent(message, { host, store: this.deps.store, log: this.deps.log, warn: (text) => this.view.notice('warning', text) });
    switch (message.type) {
      case 'ready':
        await this.view.postState();
        return this.tray.refresh();
      case 'send':
        return void (await this.send(message.text));
      case 'stop':
        return this.stop();
      case 'regenerate':
        return this.again.regenerate();
      case 'editLast':
        return this.again.editLast(message.text);
      case 'runAction':
        return this.runAction(message.action, message.messageId);
      case 'newChat':
        return this.newChat();
      case 'switchConversation':
        return this.history.switchTo(message.id);
      case 'renameConversation':
        return this.history.rename(message.id, message.title);
      case 'deleteConversation':
        return this.history.remove(message.id);
      case 'exportConversation':
        return this.history.exportMarkdown(message.id);
      case 'draftChanged':
        return this.setDraft(message.text);
      case 'openWorkspaceSetting':
        return this.workspace.open(message.setting, message.messageId);
      case 'setMode':
        return this.agent.setMode(message.mode);
      case 'toolDecision':
        return this.agent.decide(message.callId, message.decision);
      case 'undoTurn':
        return this.agent.undoTurn(message.messageId);
      case 'chooseAgentTools':
        return this.agent.chooseTools();
      default: {
        const unreachable: never = message;
        void unreachable;
      }
    }
  }

  postState = (): Promise<void> => this.view.postState();

  private setDraft(text: string): void {
    const conversation = this.deps.store.active();
    if (conversation.draft === text) return;
    this.deps.store.update(conversation.id, { op: 'draft', text });
    void this.meter.refresh();
  }

  /** The provider, model or settings changed: the window and the estimate may have too. */
  targetChanged(): Promise<void> {
    this.workspace.postChips();
    return this.meter.refresh();
  }

  // ---------- sending ----------

  /** Attaches to the next message of the active conversation ("Add to Chat"); refusals become notices. */
  attach(results: readonly AttachResult[]): void {
    this.tray.add(results);
  }

  /** A prompt from outside the view (Explain selection…): shown as `display`, sent as `content`. */
  async ask(prompt: ExternalPrompt): Promise<void> {
    await this.send(prompt.content, { display: prompt.display, context: prompt.context, systemPrompt: prompt.systemPrompt, template: prompt.template });
  }

  /** Sends and waits for the reply; false when nothing was sent (refused, or cancelled at the credential warning). */
  async send(text: string, opts: SendOptions = {}): Promise<boolean> {
    // From the view (no `display`): the view keeps its input until the `draft` answer says what to show.
    const fromView = opts.fromView ?? opts.display === undefined;
    if (opts.display === undefined && (await this.slash.run(text))) return true;
    const conversation = this.deps.store.active();
    const forSend = (): Attachment[] => this.tray.forSend(conversation.id, fromView);
    const refused = (): false => {
      if (fromView) this.keepDraft(conversation.id, opts.typed ?? text);
      return false;
    };
    // Refused: nothing is sent and nothing is lost (the text stays in the input, the attachments stay attached).
    if (this.refuseNow() || (await refuseImages(forSend(), this.deps.targets, (m) => this.view.notice('warning', m)))) return refused();
    // A command's text carries the selected code: it is checked too (typed text is the user's own).
    const command = opts.display !== undefined ? { source: opts.context?.fileName ?? l10n.t('the selection'), text } : undefined;
    const gate = { confirm: this.deps.confirmCredentials, knownSecrets: this.deps.knownSecrets ?? (() => []), remove: (ids: ReadonlySet<string>) => this.tray.drop(conversation.id, ids) };
    const attachments = await clearCredentials(gate, forSend(), command, forSend);
    if (!attachments) return refused();
    const agent = this.agent.isAgent(conversation);
    const user = userMessage({ ...opts, text, attachments, workspaceSettings: this.workspace.forMessage(opts.template), createdAt: this.now() });
    if (agent) user.mode = 'agent';
    // A prompt from outside (Explain selection…) leaves what the user was typing alone.
    this.deps.store.update(conversation.id, fromView ? [{ op: 'message', message: user }, { op: 'draft', text: '' }] : { op: 'message', message: user });
    this.deps.post({ type: 'messageAdded', conversationId: conversation.id, message: toMessageView(user) });
    if (fromView) {
      this.view.postDraft(conversation.id);
      this.tray.clear(conversation.id);
    }
    this.view.postConversations();
    await this.replies.run(conversation.id, agent ? this.agent.turnFor(conversation.id, user.id) : undefined);
    return true;
  }

  private keepDraft(conversationId: string, text: string): void {
    this.setDraft(text);
    this.view.postDraft(conversationId);
  }

  /** True (and a notice says why) when no reply may start now in the active conversation. */
  private refuseNow(): boolean {
    if (this.replies.busy) {
      this.view.notice('info', l10n.t('A reply is still streaming. Stop it or wait for it to finish, then send again.'));
      return true;
    }
    if (this.deps.store.isStreamingElsewhere(this.deps.store.active().id)) {
      this.view.notice('info', l10n.t('A reply is streaming into this conversation in another window. Wait for it to finish, then send again.'));
      return true;
    }
    return false;
  }

  stop(): Promise<void> {
    return this.replies.stop();
  }

  async newChat(): Promise<void> {
    const mode = this.deps.store.active().mode;
    await this.history.newChat();
    if (mode === 'agent') this.agent.setMode('agent'); // a new chat keeps the mode the user works in
    this.deps.post({ type: 'focusInput' });
  }

  exportConversation = (id?: string): Promise<void> => this.history.exportMarkdown(id);

  private runAction(action: ErrorAction, messageId?: string): Promise<void> {
    const { store, targets, host, log } = this.deps;
    const notice = (level: 'info' | 'warning', message: string): void => this.view.notice(level, message);
    const showDraft = async (text: string): Promise<void> => {
      this.setDraft(text);
      await this.view.postState();
    };
    return runErrorAction({ again: this.again, store, targets, host, log, newChat: () => this.newChat(), showDraft, notice }, action, messageId);
  }

  // ---------- lifecycle ----------

  /** Stops a streaming reply (its text is kept, marked stopped) and writes everything synchronously. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.storeEvents.dispose();
    this.tray.dispose();
    this.replies.dispose();
    this.deps.store.dispose();
  }
}
