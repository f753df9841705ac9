// Public types of the two fill-in-the-middle endpoints (re-exported by types.ts): `POST /completions` with a raw
// prompt, and llama.cpp's `POST /infill`.
import type { Usage } from './usage';

/** `POST /v1/completions` with a raw prompt: fill in the middle with the model family's template (or `suffix`). */
export interface TextCompletionRequest {
  model: string;
  prompt: string;
  /** Only for servers that take it (Ollama, DeepSeek); vLLM rejects it, some llama.cpp builds ignore it. */
  suffix?: string;
  max_tokens?: number;
  temperature?: number;
  top_p?: number;
  stop?: string[];
}

/** llama.cpp's `POST /infill` (beside the API root, like /props: `http://host:port/infill`). */
export interface InfillRequest {
  input_prefix: string;
  input_suffix: string;
  /** Snippets from other files (llama.cpp puts them before the prefix with its FIM file separators). */
  input_extra?: Array<{ filename: string; text: string }>;
  /** The text of the current line before the cursor, when the prefix is cut before it (llama.vscode sends it). */
  prompt?: string;
  n_predict?: number;
  cache_prompt?: boolean;
  t_max_predict_ms?: number;
  temperature?: number;
  top_p?: number;
  stop?: string[];
  /** Some routers (llama-swap) pick the model by it; llama-server ignores it. */
  model?: string;
}

/** What a completion stream yields: text as it comes, then one `done`. */
export type CompletionEvent =
  | { type: 'text'; text: string }
  | { type: 'done'; finishReason?: string; usage?: Usage };
