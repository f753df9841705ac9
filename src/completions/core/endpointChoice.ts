// Which endpoint a completion goes to. `auto` takes the best the server and model allow: llama.cpp's /infill (the
// server lays out the model's own FIM tokens and reuses its cache), else /completions with the family's template,
// else the chat hole filler (slower, any chat model). What it learns (a 404/501 `endpoint_unsupported`) is kept per
// provider and model for the session, so a failed endpoint is not tried again per keystroke, and no probe spends
// paid tokens.
import { l10n } from '../../common/l10n';
import { FAMILY_NAMES, type FimFamily } from './fimTemplates';

export type EndpointSetting = 'auto' | 'infill' | 'completions' | 'chat';
export type CompletionEndpoint = 'infill' | 'completions' | 'chat';

export interface EndpointFacts {
  /** The server answered llama.cpp's /props. */
  llamaServer: boolean;
  family: FimFamily | undefined;
  /** Learned: this endpoint answered `endpoint_unsupported` for this provider+model. */
  unsupported: ReadonlySet<CompletionEndpoint>;
}

/** What `auto` (or the user's choice) resolves to, and the words that say why (for the log and the tooltip). */
export function chooseEndpoint(setting: EndpointSetting, facts: EndpointFacts): { endpoint: CompletionEndpoint; why: string } {
  if (setting !== 'auto') {
    const why = facts.unsupported.has(setting)
      ? l10n.t('{0}: chosen in the settings (the server answered that it does not support it)', setting)
      : l10n.t('{0}: chosen in the settings', setting);
    return { endpoint: setting, why };
  }
  if (facts.llamaServer && !facts.unsupported.has('infill')) {
    return { endpoint: 'infill', why: l10n.t('infill: the server is llama.cpp\'s llama-server, which fills in the middle with the model\'s own tokens') };
  }
  const family = facts.family;
  if (family !== undefined && !facts.unsupported.has('completions')) {
    return {
      endpoint: 'completions',
      why: l10n.t('completions: a fill-in-the-middle prompt in the {0} format', FAMILY_NAMES[family]),
    };
  }
  let reason: string;
  if (family === undefined) reason = l10n.t('no fill-in-the-middle format is known for this model');
  else reason = l10n.t('the server does not take raw completions for this model');
  return { endpoint: 'chat', why: l10n.t('chat (slower): {0}, so the chat model is asked to fill the hole', reason) };
}

/** The key of a provider and model in EndpointMemory. */
export function endpointKey(providerId: string, modelId: string): string {
  return `${providerId}\u0000${modelId}`;
}

/** Per provider+model: what was learned (kept for the session). */
export class EndpointMemory {
  private readonly known = new Map<string, Omit<EndpointFacts, 'unsupported'>>();
  /** Kept apart from the facts: an endpoint can fail before the facts are complete, and a new look keeps it. */
  private readonly refused = new Map<string, Set<CompletionEndpoint>>();

  facts(key: string): EndpointFacts | undefined {
    const facts = this.known.get(key);
    if (facts === undefined) return undefined;
    return { ...facts, unsupported: new Set(this.refused.get(key) ?? []) };
  }

  /** Records the facts; the endpoints they mark unsupported are added to what was learned before. */
  remember(key: string, facts: EndpointFacts): void {
    this.known.set(key, { llamaServer: facts.llamaServer, family: facts.family });
    for (const endpoint of facts.unsupported) this.markUnsupported(key, endpoint);
  }

  markUnsupported(key: string, endpoint: CompletionEndpoint): void {
    const set = this.refused.get(key) ?? new Set<CompletionEndpoint>();
    set.add(endpoint);
    this.refused.set(key, set);
  }
}
