// Public types of the OpenAI-compatible client. No `vscode` import anywhere under src/api.
import type { CompletionEvent, InfillRequest, TextCompletionRequest } from './completionTypes';
import type { Usage } from './usage';

export type { CompletionEvent, InfillRequest, TextCompletionRequest } from './completionTypes';

export type Role = 'system' | 'user' | 'assistant' | 'tool';

/** A piece of text inside a message's content. */
export interface TextPart {
  type: 'text';
  text: string;
}

/** An image, as an `https:` URL or a `data:image/…;base64,…` URL. Only vision models take it. */
export interface ImagePart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}

export type ContentPart = TextPart | ImagePart;

/** A tool call of an assistant message, as the API spells it (`arguments` is the JSON text). */
export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
  /**
   * Provider data the server attached to this call and wants back on the next turn, sent back untouched:
   * Gemini's OpenAI-compatible API puts its thought signature here (`{google: {thought_signature}}`).
   */
  extra_content?: Record<string, unknown>;
}

/**
 * Reasoning a server wants back with an assistant message that called tools (see src/api/README.md). The client
 * sends these fields only on assistant messages that carry `tool_calls`, and drops them everywhere else.
 */
export interface ReasoningReplay {
  /** DeepSeek (thinking mode with tools), Moonshot Kimi K2 thinking, llama.cpp and vLLM chat templates. */
  reasoning_content?: string;
  /** OpenRouter: the reasoning blocks with their signatures / encrypted data (Anthropic, Gemini, OpenAI routes). */
  reasoning_details?: unknown[];
}

export interface SystemMessage {
  role: 'system';
  content: string | TextPart[];
}

export interface UserMessage {
  role: 'user';
  content: string | ContentPart[];
}

export interface AssistantMessage extends ReasoningReplay {
  role: 'assistant';
  /** May be null or empty when the message only calls tools. */
  content: string | ContentPart[] | null;
  tool_calls?: ToolCall[];
}

/** The result of one tool call, answering the assistant message's call with this id. */
export interface ToolMessage {
  role: 'tool';
  tool_call_id: string;
  content: string | TextPart[];
}

export type ChatMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

/** A function the model may call: JSON-schema parameters, as in the API. */
export interface ToolDefinition {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

/** A chat request in the wire names of the API (see the seeds). `stream` is set by the client. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  max_tokens?: number;
  /** 0–2 */
  temperature?: number;
  /** 0–1 */
  top_p?: number;
  stop?: string | string[];
  tools?: ToolDefinition[];
  tool_choice?: ToolChoice;
  /**
   * Provider-specific fields merged into the body as they are (`reasoning_effort`, OpenRouter's `reasoning`,
   * `usage: {include: true}`, a user's extraBody). They never replace the fields above, nor `stream`.
   */
  extra?: Record<string, unknown>;
}

export type { Usage } from './usage';

/** One event of a streamed reply. */
export type StreamEvent =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: string }
  | ToolCallEvent
  | ReasoningReplayEvent;

/**
 * A complete tool call, emitted when the stream says the calls are done (finish reason, or its end). `arguments`
 * is the parsed JSON object (`{}` when the server sent none). `id` is the server's, or one the client made up.
 */
export interface ToolCallEvent {
  type: 'tool_call';
  id: string;
  name: string;
  arguments: Record<string, unknown>;
  extra_content?: Record<string, unknown>;
  /**
   * The model's arguments could not be read as a JSON object (`arguments` is then {}): why, redacted and short. The
   * caller decides: the agent hands it back to the model as the call's result; VS Code's chat fails the reply.
   */
  argumentsError?: string;
}

/**
 * What to send back with the assistant message of these tool calls (emitted just before them, only when the
 * server sent `reasoning_content` or `reasoning_details`): put its fields on that AssistantMessage.
 */
export interface ReasoningReplayEvent extends ReasoningReplay {
  type: 'reasoning_replay';
}

export interface ChatResult {
  text: string;
  /** Reasoning the server returned beside the answer, if any. */
  reasoning?: string;
  /** The tool calls of the answer, with their arguments parsed. */
  toolCalls?: ToolCallEvent[];
  /** What to send back with this answer's assistant message when it called tools. */
  replay?: ReasoningReplay;
  finishReason: string | null;
  usage?: Usage;
  /** The parsed response body as the server sent it. */
  raw: unknown;
}

/** Prices in USD per million tokens, whichever unit the server used. */
export interface ModelPricing {
  inputPerMTok?: number;
  outputPerMTok?: number;
}

/** What a model can do, as far as the server says (undefined: it did not say). */
export interface ModelCapabilities {
  /** Takes images as input (content parts of type image_url). */
  vision?: boolean;
  /** Takes `tools` and answers with tool calls. */
  tools?: boolean;
  /** Takes a reasoning effort (`reasoning_effort` or OpenRouter's `reasoning`). */
  reasoning?: boolean;
}

export interface ModelInfo {
  id: string;
  owned_by?: string;
  created?: number;
  /** Context window in tokens, from whichever field the server uses (context_length, max_model_len, meta.n_ctx, ...). */
  contextLength?: number;
  /** The most tokens one reply may have, when the server says (OpenRouter's top_provider.max_completion_tokens, ...). */
  maxOutputTokens?: number;
  pricing?: ModelPricing;
  capabilities: ModelCapabilities;
  /** Everything the server sent for this model. */
  raw: Record<string, unknown>;
}

export interface RequestOptions {
  /** Aborting stops the request and the iteration promptly; the failure is an ApiError with kind 'cancelled'. */
  signal?: AbortSignal;
}

export interface RetryOptions {
  /** Retries after the first attempt (429, 502, 503, 504, network errors before the first byte). Default 3. */
  maxRetries?: number;
  /** First backoff delay in ms; doubles each retry, with jitter. Default 500. */
  baseDelayMs?: number;
  /** Upper bound on one wait (also caps Retry-After). Default 20 000. */
  maxDelayMs?: number;
  /** Upper bound on the total time spent waiting between attempts. Default 60 000. */
  maxTotalWaitMs?: number;
}

export interface ClientOptions {
  /** e.g. https://api.pinference.ai/api/v1, with or without a trailing slash. */
  baseUrl: string;
  apiKey?: string;
  /** Sent as X-Prime-Team-ID only when set. */
  teamId?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Time allowed until the response headers (and, for streams, the first byte) arrive. Default 60 000 ms. */
  connectTimeoutMs?: number;
  /** Longest silence allowed between two chunks of a stream. Default 120 000 ms. */
  idleTimeoutMs?: number;
  /**
   * Longest time to read a whole JSON body (model lists, error bodies) once its headers arrived, however steadily
   * it trickles in. Default 30 000 ms; a completion's JSON gets at least `idleTimeoutMs`.
   */
  jsonTimeoutMs?: number;
  retry?: RetryOptions;
  /** Injectable for tests; defaults to the global fetch (which honours VS Code's proxy settings in the host). */
  fetch?: typeof fetch;
  /** Called after every HTTP attempt, for logging. Never receives the key. */
  onRequest?: (info: RequestLogInfo) => void;
  /**
   * What was learned about servers (e.g. "rejects stream_options"), shared by the clients of one provider so a
   * fallback is not paid again on every request. Default: a fresh memory for this client.
   */
  memory?: ServerMemory;
}

/** Per-server facts the client learns while talking to it, keyed by normalized base URL. */
export interface ServerMemory {
  rejectsStreamOptions(baseKey: string): boolean;
  rememberRejectsStreamOptions(baseKey: string): void;
}

export interface RequestLogInfo {
  method: string;
  /** Path and query only, relative to the origin (no key, no host). */
  path: string;
  status?: number;
  durationMs: number;
  attempt: number;
  error?: string;
}

/** What llama.cpp's `GET /props` says about the running server (other servers have no such endpoint). */
export interface ServerProps {
  /** The context window of one slot, in tokens (the real limit, unlike the model's training context). */
  contextLength?: number;
  vision?: boolean;
}

export interface OpenAICompatibleClient {
  readonly baseUrl: string;
  listModels(opts?: RequestOptions): Promise<ModelInfo[]>;
  /** llama.cpp's `GET /props` beside the API root; undefined when the server has none (404 and the like). */
  serverProps(opts?: RequestOptions): Promise<ServerProps | undefined>;
  getModel(id: string, opts?: RequestOptions): Promise<ModelInfo>;
  chat(request: ChatRequest, opts?: RequestOptions): Promise<ChatResult>;
  streamChat(request: ChatRequest, opts?: RequestOptions): AsyncIterable<StreamEvent>;
  /** `POST /completions` (stream: true; a server that answers with JSON instead is read as one text event). */
  streamCompletion(request: TextCompletionRequest, opts?: RequestOptions): AsyncIterable<CompletionEvent>;
  /** llama.cpp's `POST /infill` (stream: true: `data: {"content", "stop"}` lines, no [DONE]). */
  streamInfill(request: InfillRequest, opts?: RequestOptions): AsyncIterable<CompletionEvent>;
}
