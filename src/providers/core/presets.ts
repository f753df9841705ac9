// The built-in providers and the shape every provider (preset or custom) is resolved to.
import type { CustomProvider } from '../../config/core/parseSettings';
import { l10n } from '../../common/l10n';

export interface ProviderDefinition {
  id: string;
  name: string;
  baseUrl: string;
  /** Extra headers sent with every request (custom providers only). */
  headers?: Record<string, string>;
  defaultModel?: string;
  /** Prime Intellect: send the team id setting as X-Prime-Team-ID. */
  usesTeamId?: boolean;
  /** Where to get a key, shown in the key prompt. */
  keyHint?: string;
  /** Answers `usage: {include: true}` with each request's cost. */
  acceptsUsageInclude?: boolean;
  /** Where to add credits when the account runs out (a 402 / insufficient_funds links here). */
  billingUrl?: string;
  preset: boolean;
}

export const PRIME_INTELLECT: ProviderDefinition = {
  id: 'primeIntellect',
  name: 'Prime Intellect',
  baseUrl: 'https://api.pinference.ai/api/v1',
  usesTeamId: true,
  // A getter: read when shown, in the display language (the translator is installed at activation).
  get keyHint() {
    return l10n.t('Create a key at app.primeintellect.ai → Settings → API Keys');
  },
  acceptsUsageInclude: true,
  billingUrl: 'https://app.primeintellect.ai/dashboard/billing',
  preset: true,
};

export const SOLID_RUST: ProviderDefinition = {
  id: 'solidRust',
  name: 'SolidRust',
  baseUrl: 'https://api.solidrust.ai/v1',
  defaultModel: 'vllm-primary',
  preset: true,
};

export const PRESETS: readonly ProviderDefinition[] = [PRIME_INTELLECT, SOLID_RUST];

export function fromCustom(custom: CustomProvider): ProviderDefinition {
  return {
    id: custom.id,
    name: custom.name,
    baseUrl: custom.baseUrl,
    ...(custom.headers ? { headers: custom.headers } : {}),
    ...(custom.defaultModel ? { defaultModel: custom.defaultModel } : {}),
    preset: false,
  };
}

/** Presets first; a custom provider cannot shadow a preset id. */
export function allProviders(customs: readonly CustomProvider[]): ProviderDefinition[] {
  const presetIds = new Set(PRESETS.map((p) => p.id));
  return [...PRESETS, ...customs.filter((c) => !presetIds.has(c.id)).map(fromCustom)];
}

/** A short model name for the status bar: the part after the last slash. */
export function shortModelName(model: string): string {
  const last = model.split('/').pop() ?? model;
  return last.length > 40 ? `${last.slice(0, 39)}…` : last;
}
