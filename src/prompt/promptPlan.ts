// What one reply sends, decided before anything is sent: the system prompt and the newest turn always; the
// older turns from where "drop oldest turns" left the start, as many as fit the model's window minus the
// reply's reserve (contextBudget.ts). The plan says which message is the first one sent and how many
// earlier ones are left out, so the chat can show exactly what the model saw. An agent step counts with the answers
// to its calls as one unit (it is one stored message), so a `tool` message is never sent without the call it answers;
// before whole turns are left out, the bulky results of older steps are condensed (toolTurns.ts). Pure.
import type { ChatMessage } from '../api/types';
import { estimateTextTokens, MESSAGE_OVERHEAD_TOKENS, REPLY_PRIMING_TOKENS } from '../models/tokenEstimate';
import { planContext, type BudgetMessage, type BudgetPlan } from './contextBudget';
import type { ReadonlyConversation } from '../history/conversation';
import type { Attachment } from './attachments';
import { payloadTokens, userPayload } from './attachmentPrompt';
import { buildPrompt, contentToSend, contextStart, systemPromptFor } from './promptBuilder';
import { condensableSteps, isToolStep, stepMessages, stepTokens } from './toolTurns';

export interface PlanOptions {
  chatSystemPrompt: string;
  /** The last message answered (its index); default: the last message. */
  upTo?: number;
  /** Text not sent yet, counted as the newest turn (the composer's draft, for the meter). */
  draft?: string;
  /** What is attached to the draft (counted with it; an instructions file counts with the system prompt). */
  draftAttachments?: readonly Attachment[];
  /** The model takes images: image attachments are sent as parts (else a short note instead). */
  vision?: boolean;
  contextWindow: number;
  reserve: number;
  /** Scales a heuristic estimate by what the server taught about this model's tokenizer. */
  scale: (tokens: number) => number;
  /** Every agent step's calls go back as text (the server took no `tools`): toolTurns.ts. */
  textTools?: boolean;
}

export interface PromptPlan {
  fits: boolean;
  /** What is sent (empty when it does not fit). */
  messages: ChatMessage[];
  /** The first conversation message sent, when earlier sendable ones are left out. */
  sentFromId?: string;
  /** Earlier messages with something to send that are not sent (left out to fit, or dropped before). */
  notSent: number;
  /** The (scaled) estimate of what is sent, or of what the newest turn alone needs when it does not fit. */
  tokens: number;
  /** The window minus the reserve. */
  budget: number;
  /** The unscaled heuristic of what is sent: what usage.prompt_tokens is compared with to calibrate. */
  heuristic: number;
}

interface Candidate {
  index: number;
  role: 'user' | 'assistant';
  /** The heuristic estimate of what the message sends (a step: with the answers to its calls). */
  heuristic: number;
  /** The same with an older step's bulky results condensed. */
  condensed: number;
}

export function planPrompt(conversation: ReadonlyConversation, options: PlanOptions): PromptPlan {
  const upTo = options.upTo ?? conversation.messages.length - 1;
  const scale = options.scale;
  const vision = options.vision ?? false;
  const draft = options.draftAttachments?.length ? { role: 'user' as const, attachments: [...options.draftAttachments] } : undefined;
  const history = conversation.messages.slice(0, upTo + 1);
  // The meter counts the draft as the newest user message, so its instructions file replaces the last one's.
  const systemPrompt = systemPromptFor(draft ? [...history, { ...draft, id: '', content: '', status: 'done', createdAt: 0 }] : history, options.chatSystemPrompt);
  const systemHeuristic = systemPrompt.trim() ? estimateTextTokens(systemPrompt) + MESSAGE_OVERHEAD_TOKENS : 0;

  // Every message up to `upTo` that would be sent, oldest first (before the manual start too: they count as not sent).
  // `condensed`: an older step's estimate with its bulky results condensed (the same as `heuristic` for the rest).
  const textTools = options.textTools ?? false;
  const condensable = condensableSteps(conversation.messages, upTo);
  const candidates: Candidate[] = [];
  for (let i = 0; i <= upTo; i++) {
    const message = conversation.messages[i]!;
    if (isToolStep(message)) {
      const heuristic = stepTokens(stepMessages(message, { textTools }));
      const condensed = condensable.has(i) ? stepTokens(stepMessages(message, { textTools, condense: true })) : heuristic;
      candidates.push({ index: i, role: 'assistant', heuristic, condensed });
      continue;
    }
    const payload = contentToSend(message, vision);
    if (payload !== undefined) {
      const heuristic = payloadTokens(payload) + MESSAGE_OVERHEAD_TOKENS;
      candidates.push({ index: i, role: message.role, heuristic, condensed: heuristic });
    }
  }
  if (options.draft?.trim() || draft) {
    const payload = userPayload(draft ?? {}, options.draft ?? '', vision);
    const heuristic = payloadTokens(payload) + MESSAGE_OVERHEAD_TOKENS;
    candidates.push({ index: conversation.messages.length, role: 'user', heuristic, condensed: heuristic });
  }
  const manualStart = contextStart(conversation);
  const first = candidates.findIndex((c) => c.index >= manualStart);
  const considered = first === -1 ? [] : candidates.slice(first);
  const planWith = (tokensOf: (c: Candidate) => number): BudgetPlan => {
    const budgetMessages: BudgetMessage[] = considered.map((c) => ({ role: c.role, tokens: scale(tokensOf(c)) }));
    return planContext({
      systemTokens: scale(systemHeuristic),
      messages: budgetMessages,
      requestTokens: scale(REPLY_PRIMING_TOKENS),
      contextWindow: options.contextWindow,
      reserve: options.reserve,
    });
  };
  let plan = planWith((c) => c.heuristic);
  // Everything fits as it is: nothing condensed. Else condense older bulky results before a whole turn goes.
  const condense = (!plan.fits || plan.start > 0) && considered.some((c) => c.condensed < c.heuristic);
  if (condense) plan = planWith((c) => c.condensed);
  if (!plan.fits) return { fits: false, messages: [], notSent: 0, tokens: plan.tokens, budget: plan.budget, heuristic: 0 };

  const sent = considered.slice(plan.start);
  const condensed = condense ? new Set(sent.filter((c) => c.condensed < c.heuristic).map((c) => c.index)) : undefined;
  const notSent = candidates.length - sent.length;
  const firstSent = sent[0];
  const fromIndex = firstSent ? firstSent.index : upTo + 1;
  const result: PromptPlan = {
    fits: true,
    messages: buildPrompt(conversation, options.chatSystemPrompt, upTo, Math.min(fromIndex, upTo + 1), vision, { textTools, ...(condensed ? { condensed } : {}) }),
    notSent,
    tokens: plan.tokens,
    budget: plan.budget,
    heuristic: systemHeuristic + REPLY_PRIMING_TOKENS + sent.reduce((n, c) => n + (condense ? c.condensed : c.heuristic), 0),
  };
  const fromMessage = conversation.messages[fromIndex];
  if (notSent > 0 && fromMessage) result.sentFromId = fromMessage.id;
  return result;
}
