// createClient(): the OpenAI-compatible client the extension uses for every provider.
import { ApiError, truncate } from './errors';
import { Transport } from './http';
import { parseModel, parseModelList, parseServerProps } from './models';
import { resolveRetry } from './retry';
import { ChatRequestSchema, CompletionSchema, describeIssue } from './schemas';
import { readChatStream } from './sse';
import { normalizeUsage } from './streamEvents';
import type { Attempt } from './attempt';
import { ToolCallAssembler } from './toolCalls';
import type {
  ChatMessage,
  ChatRequest,
  ChatResult,
  ClientOptions,
  ContentPart,
  ModelInfo,
  OpenAICompatibleClient,
  RequestOptions,
  ServerMemory,
  StreamEvent,
  ToolCallEvent,
} from './types';
import { baseKey, endpoint, modelPath, normalizeBaseUrl, serverRoot } from './urls';

/** The default ServerMemory: a set of base URLs whose server rejected `stream_options`. */
export function createServerMemory(): ServerMemory {
  const rejects = new Set<string>();
  return {
    rejectsStreamOptions: (key) => rejects.has(key),
    rememberRejectsStreamOptions: (key) => void rejects.add(key),
  };
}

function validate(request: ChatRequest): void {
  const result = ChatRequestSchema.safeParse(request);
  if (!result.success) throw new ApiError('config', 'invalid_request', describeIssue(result.error));
}

const wirePart = (p: ContentPart): ContentPart =>
  p.type === 'text'
    ? { type: 'text', text: p.text }
    : { type: 'image_url', image_url: p.image_url.detail ? { url: p.image_url.url, detail: p.image_url.detail } : { url: p.image_url.url } };

const wireContent = <T extends ContentPart>(content: string | T[]): string | ContentPart[] => (typeof content === 'string' ? content : content.map(wirePart));

/** One message with only the fields the API defines for its role. */
function wireMessage(m: ChatMessage): Record<string, unknown> {
  switch (m.role) {
    case 'tool':
      return { role: 'tool', tool_call_id: m.tool_call_id, content: wireContent(m.content) };
    case 'assistant': {
      const calls = m.tool_calls ?? [];
      const hasText = m.content !== null && m.content !== undefined && m.content.length > 0;
      // With tool calls and no text, `content: null` is what the API documents (some servers reject '').
      const out: Record<string, unknown> = { role: 'assistant', content: hasText ? wireContent(m.content!) : calls.length > 0 ? null : '' };
      if (calls.length > 0) {
        out.tool_calls = calls.map((c) => ({
          id: c.id,
          type: 'function',
          function: { name: c.function.name, arguments: c.function.arguments },
          ...(c.extra_content ? { extra_content: c.extra_content } : {}),
        }));
        // Reasoning goes back only with tool calls: the servers that want it need it there, and some reject it elsewhere.
        if (m.reasoning_content !== undefined) out.reasoning_content = m.reasoning_content;
        if (m.reasoning_details !== undefined) out.reasoning_details = m.reasoning_details;
      }
      return out;
    }
    default:
      return { role: m.role, content: wireContent(m.content) };
  }
}

/** Only the fields the API defines, so stray properties on the caller's object never reach the server. */
function wireBody(request: ChatRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model, messages: request.messages.map(wireMessage) };
  if (request.max_tokens !== undefined) body.max_tokens = request.max_tokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.top_p !== undefined) body.top_p = request.top_p;
  if (request.stop !== undefined) body.stop = request.stop;
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map(({ function: f }) => ({
      type: 'function',
      function: {
        name: f.name,
        ...(f.description !== undefined ? { description: f.description } : {}),
        ...(f.parameters !== undefined ? { parameters: f.parameters } : {}),
      },
    }));
  }
  if (request.tool_choice !== undefined) body.tool_choice = request.tool_choice;
  return body;
}

/** Reads a whole JSON body under the attempt's timers. */
async function readJson(response: Response, attempt: Attempt, host: string): Promise<unknown> {
  attempt.startIdle();
  let text: string;
  try {
    text = await response.text();
  } catch (err) {
    throw attempt.classify(err, true);
  } finally {
    attempt.dispose();
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('server', 'invalid_response', `${host} answered with something that is not JSON: ${truncate(text.replace(/<[^>]*>/g, ' '), 120)}`);
  }
}

function completionResult(json: unknown, host: string): ChatResult {
  const parsed = CompletionSchema.safeParse(json);
  if (!parsed.success) throw new ApiError('server', 'invalid_response', `${host} returned a completion in an unexpected shape: ${describeIssue(parsed.error)}`);
  const choice = parsed.data.choices[0]!;
  const message = choice.message;
  const result: ChatResult = { text: message?.content || message?.refusal || '', finishReason: choice.finish_reason ?? null, raw: json };
  const reasoning = message?.reasoning_content || message?.reasoning;
  if (reasoning) result.reasoning = reasoning;
  if (message?.tool_calls?.length || message?.reasoning_content || message?.reasoning_details != null) {
    const calls = new ToolCallAssembler();
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

export function createClient(options: ClientOptions): OpenAICompatibleClient {
  const base = normalizeBaseUrl(options.baseUrl);
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const transport = new Transport({
    base,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.teamId ? { teamId: options.teamId } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    fetch: fetchImpl,
    connectTimeoutMs: options.connectTimeoutMs ?? 60_000,
    idleTimeoutMs: options.idleTimeoutMs ?? 120_000,
    retry: resolveRetry(options.retry),
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
  });
  const host = transport.host;
  const key = baseKey(base);
  const memory = options.memory ?? createServerMemory();
  const replayCompletion = async (response: Response, attempt: Attempt): Promise<StreamEvent[]> =>
    completionEvents(completionResult(await readJson(response, attempt, host), host));
  const signalOf = (opts?: RequestOptions): { signal?: AbortSignal } => (opts?.signal ? { signal: opts.signal } : {});

  async function getJson(path: string, opts?: RequestOptions): Promise<unknown> {
    const { response, attempt } = await transport.send({ method: 'GET', url: endpoint(base, path), ...signalOf(opts) });
    return readJson(response, attempt, host);
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

  return {
    baseUrl: base.href,

    async listModels(opts) {
      return parseModelList(await getJson('models', opts), host);
    },

    async serverProps(opts) {
      try {
        const { response, attempt } = await transport.send({ method: 'GET', url: endpoint(serverRoot(base), 'props'), ...signalOf(opts) });
        return parseServerProps(await readJson(response, attempt, host));
      } catch (err) {
        // Only llama.cpp has /props: anything but a cancellation means "this server has none".
        if (err instanceof ApiError && err.kind === 'cancelled') throw err;
        return undefined;
      }
    },

    async getModel(id, opts) {
      if (typeof id !== 'string' || id.trim() === '') throw new ApiError('config', 'invalid_request', 'model id must not be empty');
      return parseModel(await getJson(modelPath(id), opts), host);
    },

    async chat(request, opts) {
      validate(request);
      const { response, attempt } = await transport.send({
        method: 'POST',
        url: endpoint(base, 'chat/completions'),
        body: { ...wireBody(request), stream: false },
        ...signalOf(opts),
      });
      return completionResult(await readJson(response, attempt, host), host);
    },

    streamChat(request, opts): AsyncIterable<StreamEvent> {
      return {
        [Symbol.asyncIterator]: () => {
          // Validation runs before anything is sent; the error surfaces on the first next().
          try {
            validate(request);
          } catch (err) {
            return failingIterator(err);
          }
          return readChatStream(() => openStream(request, opts), replayCompletion);
        },
      };
    },
  };
}

export type { ModelInfo };
