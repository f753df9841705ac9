// Finds the local servers of core/localServers.ts that answer /v1/models right now: one short GET per port on
// 127.0.0.1, in parallel, no retries, no key. Nothing else is contacted.
import { createClient } from '../api/client';
import type { ModelInfo } from '../api/types';
import { LOCAL_SERVERS, localBaseUrl, type LocalServerKind } from './core/localServers';

const PROBE_TIMEOUT_MS = 1_500;

export interface FoundServer {
  kind: LocalServerKind;
  baseUrl: string;
  models: ModelInfo[];
}

export async function findLocalServers(signal?: AbortSignal, kinds: readonly LocalServerKind[] = LOCAL_SERVERS): Promise<FoundServer[]> {
  const found = await Promise.all(
    kinds.map(async (kind): Promise<FoundServer | undefined> => {
      const baseUrl = localBaseUrl(kind);
      const client = createClient({ baseUrl, connectTimeoutMs: PROBE_TIMEOUT_MS, jsonTimeoutMs: PROBE_TIMEOUT_MS, retry: { maxRetries: 0 } });
      const deadline = AbortSignal.timeout(PROBE_TIMEOUT_MS);
      try {
        const models = await client.listModels({ signal: signal ? AbortSignal.any([signal, deadline]) : deadline });
        return { kind, baseUrl, models };
      } catch {
        return undefined; // nothing there (refused, not OpenAI-compatible, too slow)
      }
    }),
  );
  return found.filter((f): f is FoundServer => f !== undefined);
}
