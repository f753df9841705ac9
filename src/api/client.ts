// createClient(): the OpenAI-compatible client the extension uses for every provider.
import { createRedactor } from '../common/redact';
import { ApiError, type Redact } from './apiError';
import { completionEndpoints } from './completionStream';
import { Transport } from './http';
import { DEFAULT_JSON_TIMEOUT_MS, readJsonBody } from './jsonBody';
import { parseModel, parseModelList, parseServerProps } from './models';
import { resolveRetry } from './retry';
import { ChatRequestSchema, CompletionSchema, describeIssue, fieldIssue } from './schemas';
import { readChatStream } from './sse';
import { normalizeUsage } from './streamEvents';
import type { Attempt } from './attempt';
import { ToolCallAssembler } from './toolCalls';
import type {
  ChatMessage,
  ChatRequest,
  ChatResult,
  ClientOptions,
  ModelInfo,
  OpenAICompatibleClient,
  RequestOptions,
  ServerMemory,
  StreamEvent,
  ToolCallEvent,
} from './types';
import { baseKey, endpoint, modelPath, normalizeBaseUrl, serverRoot } from './urls';
import { l10n } from '../common/l10n';

/** The default ServerMemory: a set of base URLs whose server rejected `stream_options`. */
export function createServerMemory(): ServerMemory {
  const rejects = new Set<string>();
  return {
    rejectsStreamOptions: (key) => rejects.has(key),
    rememberRejectsStreamOptions: (key) => void rejects.add(key),
  };
}

/** The request as checked: zod's objects leave out every field the API does not define, down to the content parts. */
function validate(request: ChatRequest): ChatRequest {
  const result = ChatRequestSchema.safeParse(request, { error: fieldIssue });
  if (!result.success) throw new ApiError('config', 'invalid_request', describeIssue(result.error));
  return result.data as ChatRequest;
}

/**
 * An assistant message as sent: `content: null` when it only calls tools (what the API documents; some servers
 * reject ''), and the reasoning to send back only with tool calls (the servers that want it need it there, and
 * some reject it elsewhere).
 */
function wireMessage(m: ChatMessage): ChatMessage {
  if (m.role !== 'assistant') return m;
  const { reasoning_content, reasoning_details, ...message } = m;
  const hasText = m.content !== null && m.content !== undefined && m.content.length > 0;
  if (!m.tool_calls?.length) return { role: 'assistant', content: hasText ? m.content : '' };
  return { ...message, content: hasText ? m.content : null, ...(reasoning_content !== undefined ? { reasoning_content } : {}), ...(reasoning_details ? { reasoning_details } : {}) };
}

/** Fields the client sets itself: `extra` cannot replace them. */
const RESERVED_FIELDS = new Set(['model', 'messages', 'stream', 'stream_options', 'max_tokens', 'temperature', 'top_p', 'stop', 'tools', 'tool_choice']);

/** The body of a checked request: only the fields the API defines, so stray properties never reach the server. */
function wireBody(request: ChatRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  // Extra fields first, so the ones the API defines (and `stream`, set by the caller) always win.
  if (request.extra) for (const [key, value] of Object.entries(request.extra)) if (!RESERVED_FIELDS.has(key)) body[key] = value;
  const { model, messages, max_tokens, temperature, top_p, stop, tools, tool_choice } = request;
  Object.assign(body, { model, messages: messages.map(wireMessage), max_tokens, temperature, top_p, stop });
  if (tools?.length) Object.assign(body, { tools, tool_choice });
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}

function completionResult(json: unknown, host: string, redact: Redact): ChatResult {
  const parsed = CompletionSchema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError('server', 'invalid_response', l10n.t('{0} returned a completion in an unexpected shape: {1}', host, redact(describeIssue(parsed.error))));
  }
  const choice = parsed.data.choices[0]!;
  const message = choice.message;
  const result: ChatResult = { text: message?.content || message?.refusal || '', finishReason: choice.finish_reason ?? null, raw: json };
  const reasoning = message?.reasoning_content || message?.reasoning;
  if (reasoning) result.reasoning = reasoning;
  if (message?.tool_calls?.length || message?.reasoning_content || message?.reasoning_details != null) {
    const calls = new ToolCallAssembler(redact);
    if (message.reasoning_content) calls.addReasoningContent(message.reasoning_content);
    calls.addReasoningDetails(message.reasoning_details);
    calls.push((message.tool_calls ?? []).map((c, i) => ({ ...c, index: i })));
    const events: StreamEvent[] = [];
    calls.flush(events);
    const toolCalls = events.filter((e): e is ToolCallEvent => e.type === 'tool_call');
    if (toolCalls.length > 0) {
      result.toolCalls = toolCalls;
      const replay = calls.replay();
      if (replay) result.replay = replay;
    }
  }
  if (parsed.data.usage) result.usage = normalizeUsage(parsed.data.usage);
  return result;
}

/** A completion sent in answer to a stream request, as stream events. */
function completionEvents(result: ChatResult): StreamEvent[] {
  const events: StreamEvent[] = [];
  if (result.reasoning) events.push({ type: 'reasoning', text: result.reasoning });
  if (result.text) events.push({ type: 'text', text: result.text });
  if (result.replay) events.push({ type: 'reasoning_replay', ...result.replay });
  if (result.toolCalls) events.push(...result.toolCalls);
  if (result.finishReason) events.push({ type: 'finish', reason: result.finishReason });
  if (result.usage) events.push({ type: 'usage', usage: result.usage });
  return events;
}

function failingIterator(err: unknown): AsyncIterator<StreamEvent> {
  return {
    next: () => Promise.reject(err),
    return: () => Promise.resolve({ done: true, value: undefined }),
  };
}

/** Values of extra headers that carry credentials (Azure's api-key, x-api-key, …): redacted like the key. */
const CREDENTIAL_HEADER = /key|token|secret|auth|passw/i;

/** The client's redactor: its key (in every echoed form), credential-like extra headers, and every common key shape. */
function clientRedactor(options: ClientOptions): Redact {
  const secrets: string[] = [];
  if (options.apiKey) secrets.push(options.apiKey);
  for (const [name, value] of Object.entries(options.headers ?? {})) if (CREDENTIAL_HEADER.test(name) && typeof value === 'string') secrets.push(value);
  return createRedactor(secrets);
}

export function createClient(options: ClientOptions): OpenAICompatibleClient {
  const base = normalizeBaseUrl(options.baseUrl);
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  // Every message, log record and error the client builds from a server's words goes through this first.
  const redact = clientRedactor(options);
  const connectTimeoutMs = options.connectTimeoutMs ?? 60_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? 120_000;
  const jsonTimeoutMs = options.jsonTimeoutMs ?? DEFAULT_JSON_TIMEOUT_MS;
  const transport = new Transport({
    redact,
    base,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.teamId ? { teamId: options.teamId } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    fetch: fetchImpl,
    connectTimeoutMs,
    idleTimeoutMs,
    jsonTimeoutMs,
    retry: resolveRetry(options.retry),
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
  });
  const host = transport.host;
  const readJson = (response: Response, attempt: Attempt, timeoutMs = jsonTimeoutMs): Promise<unknown> => readJsonBody(response, attempt, host, redact, timeoutMs);
  // A completion's JSON may take as long as a stream may stay silent: some servers send the headers first and the
  // body only when the model is done.
  const completionTimeoutMs = Math.max(jsonTimeoutMs, idleTimeoutMs);
  const key = baseKey(base);
  const memory = options.memory ?? createServerMemory();
  const replayCompletion = async (response: Response, attempt: Attempt): Promise<StreamEvent[]> =>
    completionEvents(completionResult(await readJson(response, attempt, completionTimeoutMs), host, redact));
  const signalOf = (opts?: RequestOptions): { signal?: AbortSignal } => (opts?.signal ? { signal: opts.signal } : {});

  async function getJson(path: string, opts?: RequestOptions): Promise<unknown> {
    const { response, attempt } = await transport.send({ method: 'GET', url: endpoint(base, path), ...signalOf(opts) });
    return readJson(response, attempt);
  }

  /** Opens the stream, falling back once (and remembering it) when the server rejects stream_options. */
  async function openStream(request: ChatRequest, opts?: RequestOptions) {
    const url = endpoint(base, 'chat/completions');
    const body = { ...wireBody(request), stream: true };
    const send = (withUsage: boolean) =>
      transport.send({
        method: 'POST',
        url,
        body: withUsage ? { ...body, stream_options: { include_usage: true } } : body,
        accept: 'text/event-stream',
        ...signalOf(opts),
      });
    if (memory.rejectsStreamOptions(key)) return send(false);
    try {
      return await send(true);
    } catch (err) {
      const rejected =
        err instanceof ApiError &&
        err.reason === 'http_status' &&
        (err.status === 400 || err.status === 422) &&
        err.kind !== 'model' &&
        err.kind !== 'context';
      if (!rejected) throw err;
      const sent = await send(false); // if this fails too, its error is the real one
      memory.rememberRejectsStreamOptions(key);
      return sent;
    }
  }

  const completions = completionEndpoints({ transport, base, redact, memory, readJson: (response, attempt) => readJson(response, attempt, completionTimeoutMs) });

  return {
    baseUrl: base.href,
    streamCompletion: (request, opts) => completions.streamCompletion(request, opts),
    streamInfill: (request, opts) => completions.streamInfill(request, opts),

    async listModels(opts) {
      return parseModelList(await getJson('models', opts), host);
    },

    async serverProps(opts) {
      try {
        const { response, attempt } = await transport.send({ method: 'GET', url: endpoint(serverRoot(base), 'props'), ...signalOf(opts) });
        return parseServerProps(await readJson(response, attempt));
      } catch (err) {
        // Only llama.cpp has /props: anything but a cancellation means "this server has none".
        if (err instanceof ApiError && err.kind === 'cancelled') throw err;
        return undefined;
      }
    },

    async getModel(id, opts) {
      if (typeof id !== 'string' || id.trim() === '') throw new ApiError('config', 'invalid_request', l10n.t('model id must not be empty'));
      return parseModel(await getJson(modelPath(id), opts), host);
    },

    async chat(request, opts) {
      const checked = validate(request);
      const { response, attempt } = await transport.send({
        method: 'POST',
        url: endpoint(base, 'chat/completions'),
        body: { ...wireBody(checked), stream: false },
        ...signalOf(opts),
      });
      return completionResult(await readJson(response, attempt, completionTimeoutMs), host, redact);
    },

    streamChat(request, opts): AsyncIterable<StreamEvent> {
      return {
        [Symbol.asyncIterator]: () => {
          // Validation runs before anything is sent; the error surfaces on the first next().
          let checked: ChatRequest;
          try {
            checked = validate(request);
          } catch (err) {
            return failingIterator(err);
          }
          return readChatStream(() => openStream(checked, opts), replayCompletion, redact);
        },
      };
    },
  };
}

export type { ModelInfo };
