// The model lists of the providers, fetched from GET /models and kept for ten minutes (per provider, and
// only while its base URL is the one they came from), so the picker, the chat and the native-chat provider
// do not ask the server each time.
import type { ModelInfo, OpenAICompatibleClient, ServerProps } from '../../api/types';

const MODELS_TTL_MS = 10 * 60 * 1000;

interface Entry {
  baseUrl: string;
  models: ModelInfo[];
  /** llama.cpp's /props, asked only when the list looks like llama.cpp's. */
  props?: ServerProps;
  fetchedAt: number;
}

/** llama-server lists its models with owned_by "llamacpp" and a `meta` block. */
function looksLikeLlamaCpp(models: readonly ModelInfo[]): boolean {
  return models.some((m) => m.owned_by === 'llamacpp' || (typeof m.raw.meta === 'object' && m.raw.meta !== null && 'n_ctx_train' in m.raw.meta));
}

export class ModelCatalog {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The provider's models, sorted by id: from the cache unless stale, for another base URL, or `force`d. */
  async list(
    providerId: string,
    baseUrl: string,
    client: OpenAICompatibleClient,
    options: { force?: boolean; signal?: AbortSignal } = {},
  ): Promise<ModelInfo[]> {
    const cached = this.entries.get(providerId);
    if (!options.force && cached && cached.baseUrl === baseUrl && this.now() - cached.fetchedAt < MODELS_TTL_MS) return cached.models;
    const signal = options.signal ? { signal: options.signal } : {};
    const models = await client.listModels(signal);
    models.sort((a, b) => a.id.localeCompare(b.id));
    const props = looksLikeLlamaCpp(models) ? await client.serverProps(signal) : undefined;
    this.entries.set(providerId, { baseUrl, models, ...(props ? { props } : {}), fetchedAt: this.now() });
    return models;
  }

  /** What the server itself said about its limits, from the last listing (llama.cpp only). */
  serverProps(providerId: string): ServerProps | undefined {
    return this.entries.get(providerId)?.props;
  }

  /** The model's entry from the last listing, if the server listed it. */
  find(providerId: string, modelId: string): ModelInfo | undefined {
    return this.entries.get(providerId)?.models.find((m) => m.id === modelId);
  }

  /** Forgets one provider's list (its key changed), or all of them (Refresh). */
  invalidate(providerId?: string): void {
    if (providerId === undefined) this.entries.clear();
    else this.entries.delete(providerId);
  }
}
