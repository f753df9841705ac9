// What a reply cost: the provider's own figure (usage.cost) when it gives one, else the model's prices times
// the tokens used; nothing when neither is known (a guess would look like a bill). Pure.
import type { ModelPricing, Usage } from '../api/types';

export interface ReplyCost {
  usd: number;
  /** 'provider': the server said so; 'pricing': computed from the listed prices. */
  source: 'provider' | 'pricing';
}

export function replyCost(usage: Usage | undefined, pricing: ModelPricing | undefined): ReplyCost | undefined {
  if (!usage) return undefined;
  if (usage.cost !== undefined) return { usd: usage.cost, source: 'provider' };
  if (pricing?.inputPerMTok === undefined || pricing.outputPerMTok === undefined) return undefined;
  const usd = (usage.prompt_tokens * pricing.inputPerMTok + usage.completion_tokens * pricing.outputPerMTok) / 1_000_000;
  return { usd, source: 'pricing' };
}
