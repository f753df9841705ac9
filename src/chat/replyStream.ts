// The one assistant reply that streams at a time: start it, stop it, end it cleanly on dispose. In Agent mode the
// reply is a turn of several steps — one assistant message per request to the model, the host running the
// model's tool calls between them (AgentTurn) — and the chat stays busy until the turn ends.
//
// A reply is a message in the store from its first moment (status 'streaming'); every chunk goes into the store at
// once (replyStep.ts). When it ends, the message gets its final status, meta or error, and the conversation is
// saved. A failed reply's partial text is kept in the message (promptBuilder decides what is sent later).
import type { Logger } from '../common/logger';
import type { HostToWebview } from '../protocol';
import type { TargetResolver } from '../providers/core/providerService';
import { newId, type StoredMessage } from '../history/conversation';
import type { ConversationStore } from '../history/conversationStore';
import { DeltaCoalescer } from './deltaCoalescer';
import { toErrorView } from './errorView';
import { toMessageView } from './toView';
import type { AgentTurn } from './agentTurn';
import { finalMessage, learnFromUsage, messageOf, patch, type Outcome, type StepContext, streamStep } from './replyStep';

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
  private readonly step: StepContext;
  private disposed = false;

  constructor(private readonly deps: ReplyStreamDeps) {
    this.deltas = new DeltaCoalescer((d) => deps.post(d), deps.deltaIntervalMs !== undefined ? { intervalMs: deps.deltaIntervalMs } : {});
    this.step = {
      store: deps.store,
      log: deps.log,
      now: deps.now,
      deltas: this.deltas,
      notice: deps.notice,
      showCut: (messageId) => this.show(this.current?.conversationId ?? '', messageId),
    };
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

  /** Posts a message's current state (a tool call changed). */
  show(conversationId: string, messageId: string): void {
    const message = messageOf(this.deps.store, conversationId, messageId);
    if (!message) return;
    this.deltas.flush();
    this.deps.post({ type: 'messageUpdated', conversationId, message: toMessageView(message) });
  }

  /** Streams a new assistant reply (an Agent turn: replies and tool calls) to the conversation; resolves when it ended. Never throws. */
  async run(conversationId: string, agent?: AgentTurn): Promise<void> {
    if (this.current || !this.deps.store.get(conversationId)) return;
    const abort = new AbortController();
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const current: Current = { conversationId, messageId: '', abort, done };
    this.current = current;
    this.deps.post({ type: 'busy', busy: true });
    try {
      for (;;) {
        const messageId = this.begin(conversationId);
        if (!messageId) {
          this.deps.post({ type: 'busy', busy: false }); // the conversation is gone
          break;
        }
        current.messageId = messageId;
        const outcome = await this.oneStep(conversationId, messageId, abort.signal, agent);
        this.deltas.flush();
        if (this.disposed) break;
        // A step's message streams (holds its lease) until its calls have run: a reload meanwhile shows them interrupted.
        const calls = agent !== undefined && outcome.status === 'done' && outcome.toolCalls.length > 0;
        const stop = calls ? await agent.runCalls(messageId, outcome, abort.signal) : undefined;
        if (this.disposed) break;
        if (stop) patch(this.deps.store, conversationId, messageId, { agentStop: stop });
        const last = !calls || stop !== undefined;
        await this.end(conversationId, messageId, outcome, last);
        if (stop && stop.reason !== 'stopped') this.deps.notice('info', stop.message);
        if (last) break;
      }
    } finally {
      // end() may have let go already, and a new reply may have started since: only this run's own is cleared.
      if (this.current === current) this.current = undefined;
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
      const message = messageOf(this.deps.store, current.conversationId, current.messageId);
      if (message?.status === 'streaming') this.deps.store.update(current.conversationId, { op: 'message', message: { ...message, status: 'stopped' } });
      current.abort.abort();
    }
    this.deltas.dispose();
  }

  /** A new streaming assistant message at the end of the conversation; undefined when it is gone. */
  private begin(conversationId: string): string | undefined {
    const message: StoredMessage = { id: newId(), role: 'assistant', content: '', status: 'streaming', createdAt: this.deps.now() };
    if (!this.deps.store.update(conversationId, { op: 'message', message })) return undefined;
    this.deps.store.beginStream(conversationId, message.id); // other windows show it streaming, read-only
    this.deps.post({ type: 'messageAdded', conversationId, message: toMessageView(message) });
    return message.id;
  }

  /** One request and its answer; a server that refuses `tools` gets the step again with the calls as text. */
  private async oneStep(conversationId: string, messageId: string, signal: AbortSignal, agent: AgentTurn | undefined): Promise<Outcome> {
    let target;
    try {
      target = await this.deps.targets.resolve();
      if (signal.aborted) throw signal.reason;
    } catch (err) {
      if (signal.aborted) return { status: 'stopped', toolCalls: [] };
      const error = toErrorView(err, [], {});
      this.deps.log.warn(`Chat reply failed: ${error.kind}: ${error.message}`);
      return { status: 'error', error, toolCalls: [] };
    }
    const outcome = await streamStep(this.step, target, conversationId, messageId, signal, agent?.toolsFor(target));
    const untouched = !messageOf(this.deps.store, conversationId, messageId)?.content;
    if (agent && outcome.status === 'error' && untouched && agent.fallBackToText(outcome)) {
      return streamStep(this.step, target, conversationId, messageId, signal, agent.toolsFor(target));
    }
    return outcome;
  }

  /**
   * The final state of the message: status, meta (with a finish reason other than 'stop'), error; then the save.
   * `busy: false` goes first when the turn ends: a view that shows the reply as finished must also take the next
   * Enter (posted the other way round, a send in between the two messages was ignored by the still-busy composer).
   */
  private async end(conversationId: string, messageId: string, outcome: Outcome, last: boolean): Promise<void> {
    if (last) {
      // Not busy from here: a state posted while the save below runs (a new chat clicked now) must say so too.
      this.current = undefined;
      this.deps.post({ type: 'busy', busy: false });
    }
    const message = messageOf(this.deps.store, conversationId, messageId);
    if (message) {
      const final = finalMessage(message, outcome);
      learnFromUsage(outcome);
      this.deps.store.update(conversationId, { op: 'message', message: final });
      this.deps.post({ type: 'messageUpdated', conversationId, message: toMessageView(final) });
    }
    if (last) this.deps.onEnded?.(conversationId);
    await this.deps.store.endStream(conversationId);
  }
}
