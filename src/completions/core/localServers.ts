// The inference servers people run on their own machine, at their default ports. Only these loopback addresses
// are ever probed, and only when the user opens the completion model picker.
export interface LocalServerKind {
  /** The custom provider id it is added under. */
  id: string;
  name: string;
  port: number;
}

export const LOCAL_SERVERS: readonly LocalServerKind[] = [
  { id: 'ollama', name: 'Ollama', port: 11434 },
  { id: 'lmstudio', name: 'LM Studio', port: 1234 },
  { id: 'llamacpp', name: 'llama.cpp', port: 8080 },
  { id: 'vllm', name: 'vLLM', port: 8000 },
];

export function localBaseUrl(server: LocalServerKind): string {
  return `http://127.0.0.1:${server.port}/v1`;
}

/** A provider id not yet taken (`ollama`, else `ollama-2`, …). */
export function freeProviderId(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
}
