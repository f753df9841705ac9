// What activate() returns: the handles the integration tests (run inside VS Code) use to drive the extension as
// the webview and the user would, and to observe what it posts, logs and asks.
import type { AgentFeature } from './agent/registerAgent';
import type { ApplyService } from './apply/applyService';
import type { ProposalStore } from './apply/proposals';
import type { Logger } from './common/logger';
import type { CompletionsApi } from './completions/registerCompletions';
import type { ReadGate } from './context/readGate';
import type { ProviderService } from './providers/core/providerService';
import type { SidebarChat } from './views/registerChatView';

/**
 * What activate() returns. Used by the integration tests (run inside VS Code) to drive the
 * extension as the webview would and to observe what it posts.
 */
export interface ExtensionApi {
  chat: SidebarChat;
  providers: ProviderService;
  /** Apply (code blocks as reviewed diffs): its pending proposals, and the dialogs the tests answer. */
  apply: Pick<ApplyService, 'accept' | 'reject' | 'useUi'> & { readonly proposals: Pick<ProposalStore, 'pending'> };
  /** The one read gate: what may be read for a message; its confirmation can be answered by the tests. */
  readGate: Pick<ReadGate, 'mayRead' | 'readText' | 'useConfirm'>;
  /** The extension's one log; `recentLines()` are its last lines, already redacted (tests check no key reaches it). */
  log: Logger & { recentLines(): readonly string[] };
  /** Inline completions: their state (the status bar's), the resolved target, and the local servers probed. */
  completions: CompletionsApi;
  /** Agent mode's tools: the toolbox the tests run calls through, its allow-list and checkpoints. */
  agent: AgentFeature;
}
