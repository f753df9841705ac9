// One Agent turn beyond the model's replies: after each step the host runs the model's tool calls — asking on
// their cards where the toolbox says so — records every call and its result on the step's message (so each call
// id gets its answer, denied and failed ones too), and decides whether the turn goes on: not after Stop, not past
// the step, token or cost limit, not when the model repeats the very same call. Pure: the toolbox acts.
import type { ToolCallEvent } from '../api/types';
import { l10n } from '../common/l10n';
import type { ConversationStore } from '../history/conversationStore';
import type { StoredMessage } from '../history/conversation';
import type { AgentSettings } from '../config/core/agentSettings';
import type { AgentToolbox, ApprovalRequest, ToolOutcome, TurnCheckpoint } from './agentTools';
import { agentSystemPrompt } from './agentPrompt';
import type { Approvals } from './approvals';
import { messageOf, patch, type Outcome, type StepTools } from './replyStep';
import type { ChatTarget } from '../providers/core/providerService';
import { replyCost } from '../models/cost';

type ToolCallRecord = NonNullable<StoredMessage['toolCalls']>[number];
export type AgentStop = NonNullable<StoredMessage['agentStop']>;

/** How often one identical call (tool and arguments) may run in a turn before the turn is stopped. */
const SAME_CALL_LIMIT = 2;
/** What the model reads as a call's result (English, like every prompt text; the user sees the card). */
const MODEL_TEXT = {
  notRun: 'Not run: the user stopped the turn before this call.',
  stopped: 'Not finished: the user stopped the turn.',
  repeated: (name: string, times: number) => `Not run: ${name} was called ${times} times with the same arguments in this turn, so the turn was stopped. Do not repeat a call with the same arguments.`,
  failed: (message: string) => `The tool failed: ${message}`,
  badArguments: (message: string) => `Not run: ${message}. Call the tool again with its arguments as one JSON object.`,
};
/** Live command output reaches the view at most this often. */
const PROGRESS_INTERVAL_MS = 250;

export interface AgentTurnDeps {
  store: ConversationStore;
  toolbox: AgentToolbox;
  approvals: Approvals;
  settings: () => AgentSettings;
  /** Posts the message's new state to the view. */
  showMessage: (conversationId: string, messageId: string) => void;
  /** A running call's live output (shown, not stored: the final output is stored with the result). */
  showOutput: (conversationId: string, messageId: string, callId: string, output: string) => void;
  /** An approval waits: the host makes sure the user sees it (a notification when the chat is hidden). */
  announceApproval: (request: ApprovalRequest) => void;
  notice: (level: 'info' | 'warning', message: string) => void;
  now: () => number;
  /** The models (calibration keys) whose server refused `tools` this session: their turns start in the text format. */
  textToolModels: Set<string>;
}

export class AgentTurn {
  private steps = 0;
  private tokens = 0;
  private cost = 0;
  private asText: boolean | undefined;
  private readonly seen = new Map<string, number>();
  private readonly checkpoint: TurnCheckpoint;

  constructor(
    private readonly deps: AgentTurnDeps,
    private readonly conversationId: string,
    /** The user message that started the turn: it keeps the checkpoint. */
    private readonly userMessageId: string,
    private readonly lmTools: readonly string[],
  ) {
    // Another attempt at the same turn (retry, regenerate) keeps the first attempt's originals.
    this.checkpoint = deps.toolbox.beginCheckpoint(messageOf(deps.store, conversationId, userMessageId)?.checkpoint);
  }

  /** The tools of the next step: native calls unless the model has none or the server refused them. */
  toolsFor(target: ChatTarget): StepTools {
    this.asText ??= target.profile.toolCalling === false || this.deps.textToolModels.has(target.calibrationKey);
    const definitions = this.deps.toolbox.definitions(this.lmTools);
    return { definitions, asText: this.asText, systemPrompt: agentSystemPrompt(definitions, this.asText) };
  }

  /** The server answered `tools` with a 400 before anything streamed: the next try writes calls as text. */
  fallBackToText(outcome: Outcome): boolean {
    const failure = outcome.failure as { status?: unknown; message?: unknown } | undefined;
    const message = typeof failure?.message === 'string' ? failure.message : '';
    if (this.asText || failure?.status !== 400 || !/tool/i.test(message)) return false;
    this.asText = true;
    if (outcome.target) this.deps.textToolModels.add(outcome.target.calibrationKey);
    this.deps.notice('info', l10n.t('The server does not take tool definitions for this model: the agent describes its tools in the prompt and reads the calls from the text.'));
    return true;
  }

  /** Records a finished step's calls, runs them, and says whether the turn goes on (else why it stopped). */
  async runCalls(messageId: string, outcome: Outcome, signal: AbortSignal): Promise<AgentStop | undefined> {
    this.steps++;
    this.tokens += outcome.usage?.total_tokens ?? 0;
    this.cost += replyCost(outcome.usage, outcome.target?.profile.pricing)?.usd ?? 0;
    const calls: ToolCallRecord[] = outcome.toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: JSON.stringify(c.arguments), status: 'running' }));
    const fields: Partial<StoredMessage> = { toolCalls: calls };
    if (this.asText) fields.toolFormat = 'text';
    if (outcome.replay) fields.replay = outcome.replay;
    this.update(messageId, fields);
    let stop: AgentStop | undefined;
    for (const [index, call] of outcome.toolCalls.entries()) {
      if (signal.aborted || stop) {
        this.setCall(messageId, index, { status: 'cancelled', result: MODEL_TEXT.notRun, endedAt: this.deps.now() });
        continue;
      }
      if (call.argumentsError !== undefined) {
        this.setCall(messageId, index, { status: 'error', result: MODEL_TEXT.badArguments(call.argumentsError), summary: l10n.t('Arguments not readable'), endedAt: this.deps.now() });
        continue;
      }
      const key = `${call.name}\u0000${JSON.stringify(call.arguments)}`;
      const times = (this.seen.get(key) ?? 0) + 1;
      this.seen.set(key, times);
      if (times > SAME_CALL_LIMIT) {
        this.setCall(messageId, index, { status: 'cancelled', result: MODEL_TEXT.repeated(call.name, times), endedAt: this.deps.now() });
        stop = { reason: 'repeat', message: l10n.t('The model made the same call ({0}) {1} times with the same arguments; the turn was stopped.', call.name, times) };
        continue;
      }
      await this.runOne(messageId, index, call, signal);
    }
    // Written when the step changed it (not every step: each write is a journal line and a post).
    const record = this.checkpoint.record();
    const kept = messageOf(this.deps.store, this.conversationId, this.userMessageId)?.checkpoint;
    if (record && JSON.stringify(record) !== JSON.stringify(kept)) this.update(this.userMessageId, { checkpoint: record });
    if (signal.aborted) return { reason: 'stopped', message: l10n.t('Stopped by you.') };
    return stop ?? this.limitReached();
  }

  private limitReached(): AgentStop | undefined {
    const limits = this.deps.settings();
    if (this.steps >= limits.maxSteps) {
      return { reason: 'steps', message: l10n.t('Stopped after {0} steps (inferenceChat.agent.maxSteps). Send a message to let it go on.', limits.maxSteps) };
    }
    if (limits.maxTokensPerTurn > 0 && this.tokens >= limits.maxTokensPerTurn) {
      return { reason: 'tokens', message: l10n.t('Stopped after {0} tokens in this turn (inferenceChat.agent.maxTokensPerTurn). Send a message to let it go on.', this.tokens.toLocaleString('en-US')) };
    }
    if (limits.maxCostPerTurn > 0 && this.cost >= limits.maxCostPerTurn) {
      return { reason: 'cost', message: l10n.t('Stopped at ${0} in this turn (inferenceChat.agent.maxCostPerTurn). Send a message to let it go on.', this.cost.toFixed(4)) };
    }
    return undefined;
  }

  private async runOne(messageId: string, index: number, call: ToolCallEvent, signal: AbortSignal): Promise<void> {
    const startedAt = this.deps.now();
    this.setCall(messageId, index, { status: 'running', startedAt });
    let lastProgress = 0;
    let outcome: ToolOutcome;
    try {
      outcome = await this.deps.toolbox.run(
        { id: call.id, name: call.name, arguments: call.arguments },
        {
          signal,
          checkpoint: this.checkpoint,
          approve: async (request) => {
            this.setCall(messageId, index, { status: 'awaiting-approval', approval: request });
            this.deps.announceApproval(request);
            const decision = await this.deps.approvals.wait(call.id, signal);
            if (!signal.aborted) this.setCall(messageId, index, { status: decision === 'deny' ? 'denied' : 'running', approval: undefined });
            return decision;
          },
          progress: (output) => {
            const now = this.deps.now();
            if (now - lastProgress < PROGRESS_INTERVAL_MS) return;
            lastProgress = now;
            this.deps.showOutput(this.conversationId, messageId, call.id, output);
          },
        },
      );
    } catch (err) {
      // The toolbox answers failures as outcomes; anything thrown is still answered, never left open.
      outcome = { status: 'error', result: MODEL_TEXT.failed(err instanceof Error ? err.message : String(err)) };
    }
    // Stopped while it waited or ran: what the model learns is that the user stopped it, not that it was denied.
    if (signal.aborted) outcome = { ...outcome, status: 'cancelled', result: MODEL_TEXT.stopped };
    const fields: Partial<ToolCallRecord> = { status: outcome.status, result: outcome.result, endedAt: this.deps.now(), approval: undefined };
    if (outcome.summary !== undefined) fields.summary = outcome.summary;
    if (outcome.output !== undefined) fields.output = outcome.output;
    this.setCall(messageId, index, fields);
  }

  private setCall(messageId: string, index: number, fields: Partial<ToolCallRecord>): void {
    const message = messageOf(this.deps.store, this.conversationId, messageId);
    const calls = message?.toolCalls;
    if (!calls?.[index]) return;
    const next = { ...calls[index], ...fields };
    if ('approval' in fields && fields.approval === undefined) delete next.approval;
    this.update(messageId, { toolCalls: calls.map((c, i) => (i === index ? next : c)) });
  }

  private update(messageId: string, fields: Partial<StoredMessage>): void {
    patch(this.deps.store, this.conversationId, messageId, fields);
    this.deps.showMessage(this.conversationId, messageId);
  }
}
