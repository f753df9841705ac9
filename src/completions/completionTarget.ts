// Where completions go: the provider and model of the completions settings (else the chat's), a connected client,
// and the endpoint `auto` resolves to for that server and model. Resolved once per settings change and cached:
// a keystroke costs no settings read, no key lookup and no probe. Detection asks only free questions (llama.cpp's
// GET /props); it never spends paid tokens.
import type { OpenAICompatibleClient } from '../api/types';
import { AppError } from '../common/appError';
import { l10n } from '../common/l10n';
import type { CompletionSettings } from '../config/core/completionSettings';
import type { ModelProfile } from '../models/modelProfile';
import { checkBaseUrl } from '../providers/core/urlPolicy';
import type { ModelService } from '../providers/core/providerService';
import { chooseEndpoint, EndpointMemory, type CompletionEndpoint, type EndpointFacts } from './core/endpointChoice';
import { fimFamilyOf, type FimFamily } from './core/fimTemplates';

export interface CompletionTarget {
  providerId: string;
  providerName: string;
  model: string;
  client: OpenAICompatibleClient;
  endpoint: CompletionEndpoint;
  /** Why this endpoint, in words (the log, the tooltip). */
  why: string;
  family: FimFamily | undefined;
  /** Not on this machine: every request may be billed. */
  priced: boolean;
  profile: ModelProfile;
  /** provider + model: what the endpoint memory is keyed by. */
  key: string;
}

export class CompletionTargets {
  private cached: Promise<CompletionTarget> | undefined;
  readonly memory = new EndpointMemory();
  /** The last target resolved (for the status bar's tooltip), until settings change. */
  lastResolved: CompletionTarget | undefined;

  constructor(
    private readonly models: Pick<ModelService, 'connect' | 'currentModel' | 'modelProfile'>,
    private readonly settings: () => CompletionSettings,
    /** Told once per resolution: which endpoint, and why (the log). */
    private readonly onResolved: (target: CompletionTarget) => void = () => undefined,
  ) {}

  /** Forget the resolved target (settings, provider, key or model changed). The endpoint memory stays. */
  invalidate(): void {
    this.cached = undefined;
    this.lastResolved = undefined;
  }

  /** The target for the next request; throws an AppError (with its action) when something must be fixed. */
  current(): Promise<CompletionTarget> {
    const pending = (this.cached ??= this.resolve());
    // A failure is not cached: the next keystroke after a fix tries again (the status bar shows the error once).
    pending.catch(() => {
      if (this.cached === pending) this.cached = undefined;
    });
    return pending;
  }

  /** The endpoint was refused by the server (endpoint_unsupported): remember it and resolve again. */
  markUnsupported(target: CompletionTarget, endpoint: CompletionEndpoint): void {
    this.memory.markUnsupported(target.key, endpoint);
    this.invalidate();
  }

  private async resolve(): Promise<CompletionTarget> {
    const wanted = this.settings();
    const connection = await this.models.connect(wanted.provider || undefined);
    const providerId = connection.provider.id;
    const model = wanted.model || this.models.currentModel(providerId) || connection.provider.defaultModel;
    if (!model) {
      throw new AppError('model', 'no_model', l10n.t('Choose a model for inline completions ({0} has none chosen).', connection.provider.name), { actions: ['pickModel'] });
    }
    const url = checkBaseUrl(connection.provider.baseUrl);
    const key = `${providerId}\u0000${model}`;
    let facts = this.memory.facts(key);
    if (!facts) {
      const props = await connection.client.serverProps().catch(() => undefined);
      facts = { llamaServer: props !== undefined, family: fimFamilyOf(model), unsupported: new Set() } satisfies EndpointFacts;
      this.memory.remember(key, facts);
    }
    const { endpoint, why } = chooseEndpoint(wanted.endpoint, facts);
    const target: CompletionTarget = {
      providerId,
      providerName: connection.provider.name,
      model,
      client: connection.client,
      endpoint,
      why,
      family: facts.family,
      priced: !(url.ok && url.loopback),
      profile: this.models.modelProfile(providerId, model),
      key,
    };
    this.lastResolved = target;
    this.onResolved(target);
    return target;
  }
}
