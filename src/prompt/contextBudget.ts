// Fits a conversation into the model's window before anything is sent: the oldest turns are left out, whole
// (a turn starts at a user message), until the estimate fits the window minus the reply's reserve. The system
// prompt and the newest turn are never left out; when they alone do not fit, nothing is sent and the caller
// says so. Pure: the caller gives the estimates (src/models/tokenEstimate.ts).

export interface BudgetMessage {
  role: 'user' | 'assistant';
  /** Estimated tokens of this message, its template overhead included. */
  tokens: number;
}

export interface BudgetInput {
  /** The system prompt's estimate (0 when there is none). */
  systemTokens: number;
  /** The messages that would be sent, oldest first; the last user message and what follows it is the newest turn. */
  messages: readonly BudgetMessage[];
  /** Fixed cost of the request (the reply's priming). */
  requestTokens: number;
  /** The model's window. */
  contextWindow: number;
  /** Tokens kept free for the reply. */
  reserve: number;
}

export type BudgetPlan =
  | {
      fits: true;
      /** Index of the first message sent: messages before it are left out. */
      start: number;
      /** The estimate of what is sent. */
      tokens: number;
      /** The window minus the reserve. */
      budget: number;
    }
  | {
      fits: false;
      /** What the system prompt and the newest turn need on their own. */
      tokens: number;
      budget: number;
    };

export function planContext(input: BudgetInput): BudgetPlan {
  const budget = Math.max(0, input.contextWindow - input.reserve);
  const { messages } = input;
  let total = input.systemTokens + input.requestTokens;
  for (const m of messages) total += m.tokens;
  let newestTurn = messages.length;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.role === 'user') {
      newestTurn = i;
      break;
    }
  }
  let start = 0;
  while (total > budget && start < newestTurn) {
    // Leave out the oldest turn whole: its user message and every reply up to the next user message.
    let end = start + 1;
    while (end < newestTurn && messages[end]!.role !== 'user') end++;
    for (let i = start; i < end; i++) total -= messages[i]!.tokens;
    start = end;
  }
  if (total > budget) return { fits: false, tokens: total, budget };
  return { fits: true, start, tokens: total, budget };
}
