// The model lists of the providers, fetched from GET /models and kept for ten minutes (per provider, and
// only while its base URL is the one they came from), so the picker, the chat and the native-chat provider
// do not ask the server each time.
import type { ModelInfo, OpenAICompatibleClient } from '../api/types';

const MODELS_TTL_MS = 10 * 60 * 1000;

interface Entry {
  baseUrl: string;
  models: ModelInfo[];
  fetchedAt: number;
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
    const models = await client.listModels(options.signal ? { signal: options.signal } : {});
    models.sort((a, b) => a.id.localeCompare(b.id));
    this.entries.set(providerId, { baseUrl, models, fetchedAt: this.now() });
    return models;
  }

  /** Forgets one provider's list (its key changed), or all of them (Refresh). */
  invalidate(providerId?: string): void {
    if (providerId === undefined) this.entries.clear();
    else this.entries.delete(providerId);
  }
}
