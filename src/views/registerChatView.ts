// Registers the sidebar chat: the webview view, its commands, and the chat service other features use.
// The chat itself (store and controller, dist/chunks/chat.js) is loaded on first use, so activation does no I/O
// and loads none of it.
import * as vscode from 'vscode';
import type { ChatController } from '../chat/chatController';
import { CHAT_VIEW_ID, COMMANDS } from '../common/commands';
import { errorMessage } from '../common/appError';
import type { Logger } from '../common/logger';
import type { HostToWebview } from '../protocol';
import type { ChatDialogs, ChatService } from '../chat/chatService';
import type { TargetResolver } from '../providers/core/providerService';
import type { ApplyService } from '../apply/applyService';
import type * as ChatFeature from './chatFeature';
import type { ReadSettings } from '../config/settings';
import type { SelectionTemplates } from '../chat/slashCommands';
import { EditorContextSource } from '../context/editorContextSource';
import { registerAddToChat } from '../context/registerAddToChat';
import type { ReadGate } from '../context/readGate';
import type { AgentFeature } from '../agent/registerAgent';
import type { AgentHost } from '../chat/agentActions';
import { ChatViewProvider, showNoticeNotification } from './chatViewProvider';
import { confirmCredentialsModal } from './credentialDialog';
import { ReadOnlyTexts } from './readOnlyText';
import { NOTICE_GRACE_MS } from '../chat/noticeQueue';
import { workspacePrompts } from '../config/core/workspacePrompts';

/** The sidebar chat as the rest of the extension and the integration tests drive it. */
export interface SidebarChat extends ChatService {
  /** Feeds a raw message into the host exactly as if the webview had posted it. */
  handleWebviewMessage(raw: unknown): Promise<void>;
  /** Every message the host posts to the webview (also while no view is visible). */
  readonly onDidPostMessage: vscode.Event<HostToWebview>;
  /** Every message a live chat view was handed (notices held while no view was ready come after its state). */
  readonly onDidDeliverToView: vscode.Event<HostToWebview>;
  /** Answers the chat's dialogs instead of the user (the credential warning, notices no view took); returns the undo. */
  useDialogs(dialogs: Partial<ChatDialogs>): () => void;
}

function storageDir(context: vscode.ExtensionContext): string {
  const base = context.globalStorageUri.scheme === 'file' ? context.globalStorageUri.fsPath : context.globalStoragePath;
  return vscode.Uri.joinPath(vscode.Uri.file(base), 'conversations').fsPath;
}

export function registerChatView(
  context: vscode.ExtensionContext,
  deps: {
    targets: TargetResolver;
    log: Logger;
    apply: Pick<ApplyService, 'apply'>;
    settings: { current(): ReadSettings };
    /** The user's stored keys, looked for in what is about to be sent. */
    knownSecrets: () => Iterable<string>;
    gate: ReadGate;
    /** Agent mode's tools and the VS Code tools picker. */
    agent: AgentFeature;
    /** The chat's engine (dist/chunks/chat.js), loaded on first use. */
    loadFeature: () => typeof ChatFeature;
  },
): SidebarChat {
  const source = new EditorContextSource(deps.gate, () => deps.settings.current().settings.instructionsFiles);
  const templates = (): SelectionTemplates => {
    const { prompts, selectionMaxChars } = deps.settings.current().settings;
    return { prompts, maxChars: selectionMaxChars };
  };
  const posted = new vscode.EventEmitter<HostToWebview>();
  const readOnly = new ReadOnlyTexts();
  const delivered = new vscode.EventEmitter<HostToWebview>();
  // VS Code's own dialogs; the integration tests answer them instead (useDialogs).
  let dialogs: ChatDialogs = { confirmCredentials: confirmCredentialsModal, notify: showNoticeNotification, noticeGraceMs: NOTICE_GRACE_MS };
  let controller: ChatController | undefined;
  let loading: Promise<ChatController> | undefined;

  const provider = new ChatViewProvider(
    context.extensionUri,
    async (raw) => (await getController()).handle(raw),
    deps.log,
    { notify: (notice) => dialogs.notify(notice), delivered: (message) => delivered.fire(message), noticeGraceMs: () => dialogs.noticeGraceMs },
  );

  const post = (message: HostToWebview): void => {
    posted.fire(message);
    provider.postToView(message);
  };

  // The toolbox's chunk loads when the chat first needs it (the view's state asks whether the agent may act).
  const agentHost: AgentHost = {
    toolbox: {
      definitions: (lmTools) => deps.agent.toolbox().definitions(lmTools),
      run: (call, ctx) => deps.agent.toolbox().run(call, ctx),
      beginCheckpoint: (continuing) => deps.agent.toolbox().beginCheckpoint(continuing),
      undo: (checkpoint) => deps.agent.toolbox().undo(checkpoint),
      restricted: () => deps.agent.toolbox().restricted(),
    },
    settings: () => deps.settings.current().settings.agent,
    chooseTools: (current) => deps.agent.chooseTools(current),
    announceApproval: (request) => {
      if (provider.visible) return;
      // A question nobody sees would hold the turn forever: say so where the user is, with the way to it.
      const open = vscode.l10n.t('Open Chat');
      const text = vscode.l10n.t('The agent is waiting for your approval: {0}', request.title.length > 120 ? `${request.title.slice(0, 119)}…` : request.title);
      void vscode.window.showWarningMessage(text, open).then((pick) => (pick === open ? reveal() : undefined));
    },
  };

  function getController(): Promise<ChatController> {
    loading ??= deps.loadFeature()
      .openChat({
        storageDir: storageDir(context), targets: deps.targets, apply: deps.apply, context: source, templates, post, log: deps.log,
        confirmCredentials: (question) => dialogs.confirmCredentials(question), knownSecrets: deps.knownSecrets,
        workspacePrompts: () => {
          const read = deps.settings.current();
          return workspacePrompts(read.workspaceSettingsInUse, read.settings);
        },
        showReadOnly: (title, text) => readOnly.show(title, text),
        agent: agentHost,
      })
      .then((opened) => (controller = opened));
    return loading;
  }

  async function reveal(): Promise<void> {
    try {
      await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
    } catch (err) {
      deps.log.warn(`Could not reveal the chat view: ${errorMessage(err)}`);
    }
  }

  async function newChat(): Promise<void> {
    await reveal();
    await (await getController()).newChat();
  }

  registerAddToChat(context, {
    source,
    attach: async (results) => {
      await reveal();
      (await getController()).attach(results);
    },
  });

  context.subscriptions.push(
    source,
    posted,
    delivered,
    readOnly,
    provider,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, provider, { webviewOptions: { retainContextWhenHidden: false } }),
    vscode.commands.registerCommand(COMMANDS.focusChat, async () => {
      await reveal();
      post({ type: 'focusInput' });
    }),
    vscode.commands.registerCommand(COMMANDS.newChat, newChat),
    vscode.commands.registerCommand(COMMANDS.exportConversation, async () => (await getController()).exportConversation()),
    deps.targets.onDidChange(() => {
      void deps.targets.describe().then(
        (target) => post({ type: 'target', target }),
        () => undefined,
      );
      void controller?.targetChanged();
    }),
    // Stops a streaming reply and writes the chat history synchronously (dispose cannot await).
    { dispose: () => controller?.dispose() },
  );

  return {
    ask: async (prompt) => {
      await reveal();
      await (await getController()).ask(prompt);
    },
    reveal,
    newChat,
    handleWebviewMessage: async (raw) => (await getController()).handle(raw),
    onDidPostMessage: posted.event,
    onDidDeliverToView: delivered.event,
    useDialogs: (answers) => {
      const previous = dialogs;
      dialogs = { ...dialogs, ...answers };
      return () => (dialogs = previous);
    },
  };
}
