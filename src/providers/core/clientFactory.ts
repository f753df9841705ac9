// Builds the API client for a provider: its base URL, key, team id, headers and timeouts from the settings,
// one log line per HTTP attempt, and one ServerMemory shared by all clients (so a server that rejects
// stream_options is remembered across requests).
import { createClient, createServerMemory } from '../../api/index';
import type { OpenAICompatibleClient, RequestLogInfo } from '../../api/types';
import type { RedactingLogger } from '../../common/logger';
import type { Settings } from '../../config/core/parseSettings';
import type { ProviderDefinition } from './presets';

/** The idle timeout never drops below this: models may think for a while between two chunks. */
const MIN_IDLE_TIMEOUT_MS = 120_000;

export class ClientFactory {
  private readonly memory = createServerMemory();

  constructor(private readonly log: RedactingLogger) {}

  clientFor(provider: ProviderDefinition, key: string | undefined, settings: Settings): OpenAICompatibleClient {
    const timeoutMs = settings.requestTimeoutSeconds * 1000;
    const teamId = provider.usesTeamId && settings.teamId ? settings.teamId : undefined;
    return createClient({
      baseUrl: provider.baseUrl,
      ...(key ? { apiKey: key } : {}),
      ...(teamId ? { teamId } : {}),
      ...(provider.headers ? { headers: provider.headers } : {}),
      connectTimeoutMs: timeoutMs,
      idleTimeoutMs: Math.max(timeoutMs, MIN_IDLE_TIMEOUT_MS),
      onRequest: (info: RequestLogInfo) => this.log.request(provider.id, info),
      memory: this.memory,
    });
  }
}
