// The only place that talks to VS Code: typed postMessage plus the webview's local state cache.
import type { WebviewToHost } from '../protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** A fast local cache; the host's `state.draft` wins on ready. */
export interface LocalState {
  draft: string;
  /** `fromBottom` (absent when saved by an older version) holds while older messages are still being added above. */
  scroll?: { conversationId: string; top: number; atBottom: boolean; fromBottom?: number };
}

export interface Host {
  post(message: WebviewToHost): void;
  readLocal(): LocalState | undefined;
  writeLocal(patch: Partial<LocalState>): void;
}

export function connectHost(api: VsCodeApi = acquireVsCodeApi()): Host {
  return {
    post: (message) => api.postMessage(message),
    readLocal: () => {
      const state = api.getState() as Partial<LocalState> | undefined;
      return state && typeof state.draft === 'string' ? (state as LocalState) : undefined;
    },
    writeLocal: (patch) => {
      const current = (api.getState() as Partial<LocalState> | undefined) ?? {};
      api.setState({ draft: '', ...current, ...patch });
    },
  };
}
