// The provider- and model-specific fields of a chat request: the reasoning effort in the form the server
// understands, the ask for the request's cost, and the user's extraBody. Pure.
import type { ModelProfile } from './modelProfile';

/** How a server takes a reasoning effort: OpenAI's `reasoning_effort`, or OpenRouter's `reasoning: {effort}`. */
export type ReasoningStyle = 'openai' | 'openrouter';

export interface ProviderTraits {
  /** Answers `usage: {include: true}` with the request's cost (Prime Intellect, OpenRouter). Sent to no one else. */
  acceptsUsageInclude: boolean;
  reasoningStyle: ReasoningStyle;
}

/** What a provider is known to accept, from its preset flags and its base URL's host. */
export function providerTraits(provider: { baseUrl: string; acceptsUsageInclude?: boolean }): ProviderTraits {
  let host = '';
  try {
    host = new URL(provider.baseUrl).hostname.toLowerCase();
  } catch {
    // an invalid base URL is reported elsewhere; it gets no special fields
  }
  const openRouter = host === 'openrouter.ai' || host.endsWith('.openrouter.ai');
  return { acceptsUsageInclude: provider.acceptsUsageInclude === true || openRouter, reasoningStyle: openRouter ? 'openrouter' : 'openai' };
}

/** The extra request fields for this model at this provider (empty when there are none). */
export function modelRequestFields(profile: Pick<ModelProfile, 'reasoningEffort' | 'extraBody'>, traits: ProviderTraits): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...(profile.extraBody ?? {}) };
  if (traits.acceptsUsageInclude) fields.usage = { include: true };
  if (profile.reasoningEffort) {
    if (traits.reasoningStyle === 'openrouter') fields.reasoning = { effort: profile.reasoningEffort };
    else fields.reasoning_effort = profile.reasoningEffort;
  }
  return fields;
}
