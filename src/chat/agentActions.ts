// What the chat does for Agent mode beyond sending: the conversation's mode (Ask | Agent), the user's answers on
// tool cards, "Undo this turn's changes", the VS Code tools chosen for the conversation, and the AgentTurn for a
// message sent in Agent mode. Without a toolbox (tests, or a host that offers none) the chat stays in Ask mode.
import { l10n } from '../common/l10n';
import type { AgentSettings } from '../config/core/agentSettings';
import type { ConversationStore } from '../history/conversationStore';
import type { ReadonlyConversation } from '../history/conversation';
import type { HostToWebview } from '../protocol';
import type { AgentToolbox, ApprovalDecision, ApprovalRequest } from './agentTools';
import { AgentTurn } from './agentTurn';
import { Approvals } from './approvals';
import type { ReplyStream } from './replyStream';
import { messageOf, patch } from './replyStep';
import { toToolCallView } from './toAgentView';

import type { ChatMode } from '../protocol';

export interface AgentHost {
  toolbox: AgentToolbox;
  settings: () => AgentSettings;
  /** An approval waits: make sure the user sees it (a notification that opens the chat when it is hidden). */
  announceApproval: (request: ApprovalRequest) => void;
  /** The VS Code tools to offer in this conversation (a picker); undefined: cancelled. */
  chooseTools: (current: readonly string[]) => Promise<string[] | undefined>;
}

export interface AgentActionsDeps {
  agent?: AgentHost;
  store: ConversationStore;
  replies: ReplyStream;
  post: (message: HostToWebview) => void;
  notice: (level: 'info' | 'warning' | 'error', message: string) => void;
  now: () => number;
}

export class AgentActions {
  private readonly approvals = new Approvals();
  /** Models whose server refused `tools` in this session (asked once, then the text format from the start). */
  private readonly textToolModels = new Set<string>();

  constructor(private readonly deps: AgentActionsDeps) {}

  /** The conversation's mode as the view shows it, and why the agent may not act here. */
  modeOf(conversation: ReadonlyConversation): { mode: ChatMode; agentRestricted?: string } {
    if (!this.deps.agent) return { mode: 'ask' };
    const restricted = this.deps.agent.toolbox.restricted();
    return { mode: conversation.mode === 'agent' ? 'agent' : 'ask', ...(restricted ? { agentRestricted: restricted } : {}) };
  }

  setMode(mode: ChatMode): void {
    const conversation = this.deps.store.active();
    if (!this.deps.agent && mode === 'agent') {
      this.deps.notice('info', l10n.t('Agent mode is not available here.'));
      return;
    }
    if ((conversation.mode ?? 'ask') !== mode) this.deps.store.update(conversation.id, { op: 'set', mode });
    this.deps.post({ type: 'mode', conversationId: conversation.id, ...this.modeOf(this.deps.store.active()) });
  }

  /** Whether a message sent now in this conversation starts an Agent turn. */
  isAgent(conversation: ReadonlyConversation): boolean {
    return this.deps.agent !== undefined && conversation.mode === 'agent';
  }

  /** The turn for the user message just sent in Agent mode. */
  turnFor(conversationId: string, userMessageId: string): AgentTurn | undefined {
    const agent = this.deps.agent;
    const conversation = this.deps.store.get(conversationId);
    if (!agent || !conversation) return undefined;
    return new AgentTurn(
      {
        store: this.deps.store,
        toolbox: agent.toolbox,
        approvals: this.approvals,
        settings: agent.settings,
        showMessage: (conversation, message) => this.deps.replies.show(conversation, message),
        showOutput: (conversationId, messageId, callId, output) => {
          const call = messageOf(this.deps.store, conversationId, messageId)?.toolCalls?.find((c) => c.id === callId);
          if (call) this.deps.post({ type: 'toolCallUpdated', conversationId, messageId, call: toToolCallView({ ...call, output }, false) });
        },
        announceApproval: agent.announceApproval,
        notice: this.deps.notice,
        now: this.deps.now,
        textToolModels: this.textToolModels,
      },
      conversationId,
      userMessageId,
      conversation.lmTools ?? [],
    );
  }

  /** The user's answer on a card; only the call that waits takes it. */
  decide(callId: string, decision: ApprovalDecision): void {
    if (!this.approvals.decide(callId, decision)) this.deps.notice('info', l10n.t('That request is no longer waiting for an answer.'));
  }

  async undoTurn(messageId: string): Promise<void> {
    const { store, agent } = this.deps;
    const conversation = store.active();
    const checkpoint = messageOf(store, conversation.id, messageId)?.checkpoint;
    if (!agent || !checkpoint || checkpoint.undoneAt !== undefined) {
      this.deps.notice('info', l10n.t('There is nothing to undo for that message.'));
      return;
    }
    if (this.deps.replies.busy) {
      this.deps.notice('info', l10n.t('Stop the running turn before undoing its changes.'));
      return;
    }
    const result = await agent.toolbox.undo(checkpoint);
    if (!result.ok) {
      this.deps.notice('warning', result.message);
      return;
    }
    patch(store, conversation.id, messageId, { checkpoint: { ...checkpoint, undoneAt: this.deps.now() } });
    this.deps.replies.show(conversation.id, messageId);
    await store.saveNow(conversation.id);
    this.deps.notice('info', l10n.t('Undone: {0} files restored, {1} created files removed.', result.restored, result.removed));
  }

  async chooseTools(): Promise<void> {
    const { store, agent } = this.deps;
    if (!agent) return;
    const conversation = store.active();
    const chosen = await agent.chooseTools(conversation.lmTools ?? []);
    if (chosen) store.update(conversation.id, { op: 'set', lmTools: chosen });
  }
}
