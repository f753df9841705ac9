// The one assistant reply that streams at a time: start it, stop it, end it cleanly on dispose.
//
// A reply is a message in the store from its first moment (status 'streaming'); every chunk goes into the
// store at once (an append change) and to the view through the DeltaCoalescer. When it ends, the message
// gets its final status, meta or error, and the conversation is saved. A failed reply's partial text is
// kept in the message (promptBuilder decides what is sent later).
import type { Logger } from '../common/logger';
import type { HostToWebview } from '../protocol';
import type { Usage } from '../api/types';
import { AppError } from '../common/appError';
import { replyCost } from '../models/cost';
import { replyReserve } from '../models/modelProfile';
import type { ChatTarget, TargetResolver } from '../providers/core/providerService';
import { indexOfMessage } from '../history/changes';
import { newId, type ReadonlyConversation, type StoredMessage } from '../history/conversation';
import type { ConversationStore } from '../history/conversationStore';
import { DeltaCoalescer } from './deltaCoalescer';
import { toErrorView } from './errorView';
import { planPrompt, type PromptPlan } from '../prompt/promptPlan';
import { ReplyMetrics } from './replyMetrics';
import { toMessageView } from './toView';
import { l10n } from '../common/l10n';

export interface ReplyStreamDeps {
  store: ConversationStore;
  targets: Pick<TargetResolver, 'resolve'>;
  post: (message: HostToWebview) => void;
  log: Logger;
  now: () => number;
  deltaIntervalMs?: number;
  /** Called after the final message and `busy: false` are posted, before the save. */
  onEnded?: (conversationId: string) => void;
  /** A notice for the user (a reply cut at the token limit). */
  notice: (level: 'info' | 'warning' | 'error', message: string) => void;
}

interface Current {
  conversationId: string;
  messageId: string;
  abort: AbortController;
  done: Promise<void>;
}

export class ReplyStream {
  private current: Current | undefined;
  private readonly deltas: DeltaCoalescer;
  private disposed = false;

  constructor(private readonly deps: ReplyStreamDeps) {
    this.deltas = new DeltaCoalescer((d) => deps.post(d), { intervalMs: deps.deltaIntervalMs ?? 24 });
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  /** The conversation the reply streams into, if one streams. */
  get conversationId(): string | undefined {
    return this.current?.conversationId;
  }

  /** Posts streamed text still waiting (before a message that must come after it). */
  flushDeltas(): void {
    this.deltas.flush();
  }

  /** Streams a new assistant reply to the conversation's messages so far; resolves when it ended. Never throws. */
  async run(conversationId: string): Promise<void> {
    const { store, post } = this.deps;
    const message: StoredMessage = { id: newId(), role: 'assistant', content: '', status: 'streaming', createdAt: this.deps.now() };
    if (this.current || !store.update(conversationId, { op: 'message', message })) return;
    const abort = new AbortController();
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    this.current = { conversationId, messageId: message.id, abort, done };
    store.beginStream(conversationId, message.id); // other windows show it streaming, read-only
    post({ type: 'messageAdded', conversationId, message: toMessageView(message) });
    post({ type: 'busy', busy: true });
    const outcome: Outcome = { status: 'error' };
    try {
      await this.stream(conversationId, message.id, abort.signal, outcome);
    } finally {
      this.deltas.flush();
      this.current = undefined;
      if (!this.disposed) await this.end(conversationId, message.id, outcome);
      finished();
    }
  }

  async stop(): Promise<void> {
    const current = this.current;
    if (!current) return;
    current.abort.abort();
    await current.done;
  }

  /** Keeps a streaming reply's text, marked stopped, and aborts it (the store writes it on its own dispose). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const current = this.current;
    if (current) {
      const message = this.messageOf(current.conversationId, current.messageId);
      if (message) this.deps.store.update(current.conversationId, { op: 'message', message: { ...message, status: 'stopped' } });
      current.abort.abort();
    }
    this.deltas.dispose();
  }

  private async stream(conversationId: string, messageId: string, signal: AbortSignal, outcome: Outcome): Promise<void> {
    const { store } = this.deps;
    let secrets: readonly string[] = [];
    let billing = false;
    try {
      const target = await this.deps.targets.resolve();
      secrets = target.secrets;
      billing = target.billingUrl !== undefined;
      if (signal.aborted) throw signal.reason;
      outcome.metrics = new ReplyMetrics(target.model, this.deps.now);
      this.patch(conversationId, messageId, { meta: { model: target.model } });
      const conversation = store.get(conversationId);
      if (!conversation) throw new Error(l10n.t('The conversation was deleted.'));
      const plan = planFor(target, conversation, indexOfMessage(conversation, messageId) - 1);
      if (!plan.fits) throw tooLarge(target, plan);
      outcome.plan = plan;
      outcome.target = target;
      if (plan.sentFromId) {
        // Show the cut while the reply streams, not only when it ends.
        this.patch(conversationId, messageId, { meta: { model: target.model, sentFromId: plan.sentFromId, notSentCount: plan.notSent } });
        const started = this.messageOf(conversationId, messageId);
        if (started) this.deps.post({ type: 'messageUpdated', conversationId, message: toMessageView(started) });
      }
      const stream = target.client.streamChat(
        { ...target.sampling, model: target.model, messages: plan.messages, ...(Object.keys(target.extra).length > 0 ? { extra: target.extra } : {}) },
        { signal },
      );
      for await (const event of stream) {
        switch (event.type) {
          case 'text':
          case 'reasoning':
            if (!event.text) break;
            outcome.metrics.token();
            store.update(conversationId, { op: 'append', id: messageId, field: event.type === 'text' ? 'content' : 'reasoning', text: event.text });
            this.deltas.push(conversationId, messageId, event.type, event.text);
            break;
          case 'usage':
            outcome.metrics.setUsage(event.usage);
            outcome.usage = event.usage;
            break;
          case 'finish':
            outcome.finishReason = event.reason;
            break;
          case 'tool_call': // the sidebar chat offers no tools
          case 'reasoning_replay':
            break;
        }
      }
      if (signal.aborted) throw signal.reason; // a client that ends quietly on abort
      outcome.status = 'done';
      if (outcome.finishReason === 'length') {
        this.deps.notice('warning', l10n.t('The reply was cut off at the maximum number of tokens. Raise the max tokens setting or ask to continue.'));
      }
    } catch (err) {
      if (signal.aborted) {
        outcome.status = 'stopped';
      } else {
        outcome.status = 'error';
        outcome.error = toErrorView(err, secrets, { billing });
        this.deps.log.warn(`Chat reply failed: ${outcome.error.kind}: ${outcome.error.message}`);
      }
    }
  }

  /**
   * The final state of the message: status, meta (with a finish reason other than 'stop'), error; then the save.
   * `busy: false` goes first: a view that shows the reply as finished must also take the next Enter (posted the
   * other way round, a send in between the two messages was ignored by the still-busy composer).
   */
  private async end(conversationId: string, messageId: string, outcome: Outcome): Promise<void> {
    this.deps.post({ type: 'busy', busy: false });
    const message = this.messageOf(conversationId, messageId);
    if (message) {
      const final: StoredMessage = { ...message, status: outcome.status };
      if (outcome.error) final.error = outcome.error;
      if (outcome.metrics) final.meta = { ...outcome.metrics.meta(), ...planMeta(outcome) };
      if (final.meta && outcome.finishReason && outcome.finishReason !== 'stop') final.meta.finishReason = outcome.finishReason;
      learnFromUsage(outcome);
      this.deps.store.update(conversationId, { op: 'message', message: final });
      this.deps.post({ type: 'messageUpdated', conversationId, message: toMessageView(final) });
    }
    this.deps.onEnded?.(conversationId);
    await this.deps.store.endStream(conversationId);
  }

  private messageOf(conversationId: string, messageId: string): StoredMessage | undefined {
    const conversation = this.deps.store.get(conversationId);
    return conversation?.messages[conversation ? indexOfMessage(conversation, messageId) : -1];
  }

  private patch(conversationId: string, messageId: string, fields: Partial<StoredMessage>): void {
    const message = this.messageOf(conversationId, messageId);
    if (message) this.deps.store.update(conversationId, { op: 'message', message: { ...message, ...fields } });
  }
}

interface Outcome {
  status: StoredMessage['status'];
  error?: StoredMessage['error'];
  metrics?: ReplyMetrics;
  finishReason?: string;
  target?: ChatTarget;
  plan?: PromptPlan;
  usage?: Usage;
}

/** What this reply sends: as much of the conversation as fits the model's window minus the reply's reserve. */
function planFor(target: ChatTarget, conversation: ReadonlyConversation, upTo: number): PromptPlan {
  return planPrompt(conversation, {
    chatSystemPrompt: target.systemPrompt,
    upTo,
    vision: target.profile.vision,
    contextWindow: target.profile.contextWindow,
    reserve: replyReserve(target.profile, target.sampling.max_tokens),
    scale: (tokens) => target.calibration.scale(target.calibrationKey, tokens),
  });
}

/** Nothing is sent when the newest message alone does not fit: the server would only refuse it. */
function tooLarge(target: ChatTarget, plan: PromptPlan): AppError {
  const n = (x: number): string => x.toLocaleString('en-US');
  const reserve = target.profile.contextWindow - plan.budget;
  return new AppError(
    'context',
    'message_too_large',
    l10n.t('This message needs about {0} tokens, but {1} has room for {2} (a window of {3} minus {4} kept for the reply). Shorten it, or pick a model with a larger context window. Nothing was sent.', n(plan.tokens), target.model, n(plan.budget), n(target.profile.contextWindow), n(reserve)),
    { actions: ['pickModel'] },
  );
}

/** The reply's cost and what it left out, for its meta line. */
function planMeta(outcome: Outcome): NonNullable<StoredMessage['meta']> {
  const meta: NonNullable<StoredMessage['meta']> = {};
  const cost = replyCost(outcome.usage, outcome.target?.profile.pricing);
  if (cost) {
    meta.costUsd = cost.usd;
    meta.costSource = cost.source;
  }
  if (outcome.plan?.sentFromId) {
    meta.sentFromId = outcome.plan.sentFromId;
    meta.notSentCount = outcome.plan.notSent;
  }
  return meta;
}

/** The server counted the prompt: teach the estimate what this model's tokenizer does. */
function learnFromUsage(outcome: Outcome): void {
  const { target, plan, usage } = outcome;
  if (target && plan && usage && usage.prompt_tokens > 0) target.calibration.observe(target.calibrationKey, plan.heuristic, usage.prompt_tokens);
}
