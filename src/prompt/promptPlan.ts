// What one reply sends, decided before anything is sent: the system prompt and the newest turn always; the
// older turns from where "drop oldest turns" left the start, as many as fit the model's window minus the
// reply's reserve (contextBudget.ts). The plan says which message is the first one sent and how many
// earlier ones are left out, so the chat can show exactly what the model saw. Pure.
import type { ChatMessage } from '../api/types';
import { estimateTextTokens, MESSAGE_OVERHEAD_TOKENS, REPLY_PRIMING_TOKENS } from '../models/tokenEstimate';
import { planContext, type BudgetMessage } from './contextBudget';
import type { ReadonlyConversation } from '../history/conversation';
import type { Attachment } from './attachments';
import { payloadTokens, userPayload } from './attachmentPrompt';
import { buildPrompt, contentToSend, contextStart, systemPromptFor } from './promptBuilder';

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
  const candidates: Array<{ index: number; role: 'user' | 'assistant'; heuristic: number }> = [];
  for (let i = 0; i <= upTo; i++) {
    const message = conversation.messages[i]!;
    const payload = contentToSend(message, vision);
    if (payload !== undefined) candidates.push({ index: i, role: message.role, heuristic: payloadTokens(payload) + MESSAGE_OVERHEAD_TOKENS });
  }
  if (options.draft?.trim() || draft) {
    const payload = userPayload(draft ?? {}, options.draft ?? '', vision);
    candidates.push({ index: conversation.messages.length, role: 'user', heuristic: payloadTokens(payload) + MESSAGE_OVERHEAD_TOKENS });
  }
  const manualStart = contextStart(conversation);
  const first = candidates.findIndex((c) => c.index >= manualStart);
  const considered = first === -1 ? [] : candidates.slice(first);
  const budgetMessages: BudgetMessage[] = considered.map((c) => ({ role: c.role, tokens: scale(c.heuristic) }));
  const plan = planContext({
    systemTokens: scale(systemHeuristic),
    messages: budgetMessages,
    requestTokens: scale(REPLY_PRIMING_TOKENS),
    contextWindow: options.contextWindow,
    reserve: options.reserve,
  });
  if (!plan.fits) return { fits: false, messages: [], notSent: 0, tokens: plan.tokens, budget: plan.budget, heuristic: 0 };

  const sent = considered.slice(plan.start);
  const notSent = candidates.length - sent.length;
  const firstSent = sent[0];
  const fromIndex = firstSent ? firstSent.index : upTo + 1;
  const result: PromptPlan = {
    fits: true,
    messages: buildPrompt(conversation, options.chatSystemPrompt, upTo, Math.min(fromIndex, upTo + 1), vision),
    notSent,
    tokens: plan.tokens,
    budget: plan.budget,
    heuristic: systemHeuristic + REPLY_PRIMING_TOKENS + sent.reduce((n, c) => n + c.heuristic, 0),
  };
  const fromMessage = conversation.messages[fromIndex];
  if (notSent > 0 && fromMessage) result.sentFromId = fromMessage.id;
  return result;
}
