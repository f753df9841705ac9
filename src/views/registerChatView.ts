// Registers the sidebar chat: the webview view, its commands, and the chat service other features use.
// The conversation store is loaded lazily on first use, so activation does no I/O.
import * as vscode from 'vscode';
import { CHAT_VIEW_ID, COMMANDS } from '../common/commands';
import { ChatController } from '../chat/chatController';
import { errorMessage } from '../common/errors';
import { ConversationStore } from '../chat/conversationStore';
import { nodeStoreFs } from '../chat/storeFs';
import type { Logger } from '../common/logger';
import type { HostToWebview } from '../protocol';
import type { ExtensionApi, TargetResolver } from '../services';
import type { ReadSettings } from '../config/settings';
import type { SelectionTemplates } from '../chat/slashCommands';
import { EditorContextSource } from '../context/editorContextSource';
import { registerAddToChat } from '../context/registerAddToChat';
import { createChatHost } from './chatHost';
import { ChatViewProvider } from './chatViewProvider';

function storageDir(context: vscode.ExtensionContext): string {
  const base = context.globalStorageUri.scheme === 'file' ? context.globalStorageUri.fsPath : context.globalStoragePath;
  return vscode.Uri.joinPath(vscode.Uri.file(base), 'conversations').fsPath;
}

export function registerChatView(
  context: vscode.ExtensionContext,
  deps: { targets: TargetResolver; log: Logger; settings: { current(): ReadSettings } },
): ExtensionApi['chat'] {
  const source = new EditorContextSource(() => deps.settings.current().settings.instructionsFiles);
  const templates = (): SelectionTemplates => {
    const { prompts, selectionMaxChars } = deps.settings.current().settings;
    return { prompts, maxChars: selectionMaxChars };
  };
  const posted = new vscode.EventEmitter<HostToWebview>();
  let controller: ChatController | undefined;
  let loading: Promise<ChatController> | undefined;

  const provider = new ChatViewProvider(
    context.extensionUri,
    async (raw) => (await getController()).handle(raw),
    deps.log,
  );

  const post = (message: HostToWebview): void => {
    posted.fire(message);
    provider.postToView(message);
  };

  function getController(): Promise<ChatController> {
    loading ??= ConversationStore.open(storageDir(context), nodeStoreFs, deps.log).then((store) => {
      controller = new ChatController({ store, targets: deps.targets, host: createChatHost(), post, log: deps.log, context: source, templates });
      return controller;
    });
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
  };
}
