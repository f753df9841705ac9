// One request to the model and its streamed answer into one assistant message: the chat's reply, or one step of
// an Agent turn (then the request offers tools and the answer's tool calls are collected, not shown as text).
// Every chunk goes into the store at once and to the view through the DeltaCoalescer.
import type { ReasoningReplay, ToolCallEvent, ToolDefinition, Usage } from '../api/types';
import { TextToolCallParser } from '../api/textToolCalls';
import type { StreamEvent } from '../api/types';
import { AppError } from '../common/appError';
import { l10n } from '../common/l10n';
import type { Logger } from '../common/logger';
import { indexOfMessage } from '../history/changes';
import type { ReadonlyConversation, StoredMessage } from '../history/conversation';
import type { ConversationStore } from '../history/conversationStore';
import { replyCost } from '../models/cost';
import { replyReserve } from '../models/modelProfile';
import { planPrompt, type PromptPlan } from '../prompt/promptPlan';
import type { ChatTarget } from '../providers/core/providerService';
import type { DeltaCoalescer } from './deltaCoalescer';
import { toErrorView } from './errorView';
import { ReplyMetrics } from './replyMetrics';

export interface StepTools {
  definitions: ToolDefinition[];
  /** The model writes its calls as text (`<tool_call>`): the tools are described in the system prompt instead. */
  asText: boolean;
  /** Added to the chat's system prompt (how to work as an agent; the text format when `asText`). */
  systemPrompt: string;
}

export interface Outcome {
  status: StoredMessage['status'];
  error?: StoredMessage['error'];
  /** The raw failure (to tell a refusal of `tools` from other errors). */
  failure?: unknown;
  metrics?: ReplyMetrics;
  finishReason?: string;
  target?: ChatTarget;
  plan?: PromptPlan;
  usage?: Usage;
  toolCalls: ToolCallEvent[];
  replay?: ReasoningReplay;
}

export interface StepContext {
  store: ConversationStore;
  log: Logger;
  now: () => number;
  deltas: DeltaCoalescer;
  notice: (level: 'info' | 'warning' | 'error', message: string) => void;
  /** Shows the cut (older messages not sent) while the reply streams. */
  showCut: (messageId: string) => void;
}

/** Streams the answer to the conversation's messages before `messageId` into that message; never throws. */
export async function streamStep(ctx: StepContext, target: ChatTarget, conversationId: string, messageId: string, signal: AbortSignal, tools?: StepTools): Promise<Outcome> {
  const { store } = ctx;
  const outcome: Outcome = { status: 'error', toolCalls: [] };
  const billing = target.billingUrl !== undefined;
  try {
    outcome.metrics = new ReplyMetrics(target.model, ctx.now);
    patch(store, conversationId, messageId, { meta: { model: target.model } });
    const conversation = store.get(conversationId);
    if (!conversation) throw new Error(l10n.t('The conversation was deleted.'));
    const systemPrompt = [target.systemPrompt, tools?.systemPrompt ?? ''].filter((p) => p.trim()).join('\n\n');
    const plan = planFor(target, conversation, indexOfMessage(conversation, messageId) - 1, systemPrompt, tools?.asText === true);
    if (!plan.fits) throw tooLarge(target, plan);
    outcome.plan = plan;
    outcome.target = target;
    if (plan.sentFromId) {
      patch(store, conversationId, messageId, { meta: { model: target.model, sentFromId: plan.sentFromId, notSentCount: plan.notSent } });
      ctx.showCut(messageId);
    }
    const native = tools && !tools.asText && tools.definitions.length > 0;
    const stream = target.client.streamChat(
      {
        ...target.sampling,
        model: target.model,
        messages: plan.messages,
        ...(native ? { tools: tools.definitions, tool_choice: 'auto' as const } : {}),
        ...(Object.keys(target.extra).length > 0 ? { extra: target.extra } : {}),
      },
      { signal },
    );
    const parser = tools?.asText ? new TextToolCallParser(new Set(tools.definitions.map((d) => d.function.name))) : undefined;
    const parsed: StreamEvent[] = [];
    const take = (event: StreamEvent): void => {
      switch (event.type) {
        case 'text':
        case 'reasoning':
          if (!event.text) break;
          outcome.metrics!.token();
          store.update(conversationId, { op: 'append', id: messageId, field: event.type === 'text' ? 'content' : 'reasoning', text: event.text });
          ctx.deltas.push(conversationId, messageId, event.type, event.text);
          break;
        case 'usage':
          outcome.metrics!.setUsage(event.usage);
          outcome.usage = event.usage;
          break;
        case 'finish':
          outcome.finishReason = event.reason;
          break;
        case 'tool_call':
          // A call when none was offered (the plain chat) is not acted on.
          if (tools) outcome.toolCalls.push(event);
          break;
        case 'reasoning_replay': {
          const { type: _type, ...replay } = event;
          outcome.replay = replay;
          break;
        }
      }
    };
    for await (const event of stream) {
      if (parser && event.type === 'text') {
        parser.push(event.text, parsed);
        for (const e of parsed.splice(0)) take(e);
      } else take(event);
    }
    if (parser) {
      parser.end(parsed);
      for (const e of parsed.splice(0)) take(e);
    }
    if (signal.aborted) throw signal.reason; // a client that ends quietly on abort
    outcome.status = 'done';
    if (outcome.finishReason === 'length') {
      ctx.notice('warning', l10n.t('The reply was cut off at the maximum number of tokens. Raise the max tokens setting or ask to continue.'));
    }
  } catch (err) {
    if (signal.aborted) {
      outcome.status = 'stopped';
    } else {
      outcome.status = 'error';
      outcome.failure = err;
      outcome.error = toErrorView(err, target.secrets, { billing });
      ctx.log.warn(`Chat reply failed: ${outcome.error.kind}: ${outcome.error.message}`);
    }
  }
  return outcome;
}

/** The message's final fields from its outcome: status, error, meta (timing, tokens, cost, what was left out). */
export function finalMessage(message: StoredMessage, outcome: Outcome): StoredMessage {
  const final: StoredMessage = { ...message, status: outcome.status };
  if (outcome.error) final.error = outcome.error;
  if (outcome.metrics) final.meta = { ...outcome.metrics.meta(), ...planMeta(outcome) };
  if (final.meta && outcome.finishReason && outcome.finishReason !== 'stop') final.meta.finishReason = outcome.finishReason;
  return final;
}

/** The server counted the prompt: teach the estimate what this model's tokenizer does. */
export function learnFromUsage(outcome: Outcome): void {
  const { target, plan, usage } = outcome;
  if (target && plan && usage && usage.prompt_tokens > 0) target.calibration.observe(target.calibrationKey, plan.heuristic, usage.prompt_tokens);
}

export function messageOf(store: ConversationStore, conversationId: string, messageId: string): StoredMessage | undefined {
  const conversation = store.get(conversationId);
  return conversation?.messages[conversation ? indexOfMessage(conversation, messageId) : -1];
}

export function patch(store: ConversationStore, conversationId: string, messageId: string, fields: Partial<StoredMessage>): void {
  const message = messageOf(store, conversationId, messageId);
  if (message) store.update(conversationId, { op: 'message', message: { ...message, ...fields } });
}

/** What this reply sends: as much of the conversation as fits the model's window minus the reply's reserve. */
function planFor(target: ChatTarget, conversation: ReadonlyConversation, upTo: number, systemPrompt: string, textTools: boolean): PromptPlan {
  return planPrompt(conversation, {
    chatSystemPrompt: systemPrompt,
    upTo,
    vision: target.profile.vision,
    contextWindow: target.profile.contextWindow,
    reserve: replyReserve(target.profile, target.sampling.max_tokens),
    scale: (tokens) => target.calibration.scale(target.calibrationKey, tokens),
    ...(textTools ? { textTools: true } : {}),
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
