// The sidebar chat's engine: the conversation store and the controller. Bundled on its own (dist/chunks/chat.js)
// and loaded when the chat is first used (the view opens, a selection command asks), so activating the extension
// for VS Code's chat or the status bar does not load it (see registerChatView.ts).
import { ChatController } from '../chat/chatController';
import { ConversationStore } from '../history/conversationStore';
import { nodeStoreFs } from '../history/storeFs';
import type { ApplyService } from '../apply/applyService';
import type { ContextSource } from '../prompt/contextSource';
import type { ConfirmCredentials } from '../chat/credentialCheck';
import type { WorkspacePrompt } from '../config/core/workspacePrompts';
import type { SelectionTemplates } from '../chat/slashCommands';
import type { Logger } from '../common/logger';
import type { HostToWebview } from '../protocol';
import type { TargetResolver } from '../providers/core/providerService';
import { createChatHost } from './editorChatHost';
import type { AgentHost } from '../chat/agentActions';

export interface ChatFeatureDeps {
  /** The folder of the chat history (shared by every window). */
  storageDir: string;
  targets: TargetResolver;
  /** Apply's diffs and edits (the host's; the chat hands it the code of a block). */
  apply: Pick<ApplyService, 'apply'>;
  /** Attachments from the editor, the workspace and the terminal (created at activation: it follows the terminal). */
  context: ContextSource;
  /** The selection commands' templates, for the slash commands. */
  templates: () => SelectionTemplates;
  post: (message: HostToWebview) => void;
  log: Logger;
  /** The credential warning before a send (a modal of VS Code). */
  confirmCredentials: ConfirmCredentials;
  /** The user's stored keys, looked for in what is about to be sent. */
  knownSecrets: () => Iterable<string>;
  /** The system prompt and templates a trusted workspace set. */
  workspacePrompts: () => readonly WorkspacePrompt[];
  /** Opens a text read-only (readOnlyText.ts, registered at activation). */
  showReadOnly: (title: string, text: string) => Promise<void>;
  /** Agent mode's tools, settings and questions. */
  agent: AgentHost;
}

export async function openChat(deps: ChatFeatureDeps): Promise<ChatController> {
  const store = await ConversationStore.open(deps.storageDir, nodeStoreFs, deps.log);
  return new ChatController({
    store, targets: deps.targets, host: createChatHost(deps.apply, deps.showReadOnly), post: deps.post, log: deps.log, context: deps.context, templates: deps.templates,
    confirmCredentials: deps.confirmCredentials, knownSecrets: deps.knownSecrets, workspacePrompts: deps.workspacePrompts, agent: deps.agent,
  });
}
