// The tokens a request used, as the server counts them (chat and completion streams alike).
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** What the request cost in USD, when the provider says (Prime Intellect, OpenRouter with usage.include). */
  cost?: number;
}
