// The two fill-in-the-middle endpoints of the client: `POST {base}/completions` (a raw prompt) and llama.cpp's
// `POST {serverRoot}/infill`. Same transport as the chat (key, team header, headers, redaction, timers, abort), but
// never retried: a suggestion that comes late is stale, and the caller backs off on 429/402 itself. A server without
// the endpoint, or a model that cannot do it, is `endpoint_unsupported`, so the caller can fall back without reading
// message text.
import type { Attempt } from './attempt';
import { ApiError, errorFromJson, saysNoSuchEndpoint, streamError, type Redact } from './apiError';
import { InfillPieceSchema, InfillRequestSchema, TextCompletionRequestSchema, TextPieceSchema } from './completionSchemas';
import { readCompletionStream, type PieceReader, type PieceState } from './completionSse';
import type { CompletionEvent, InfillRequest, TextCompletionRequest } from './completionTypes';
import type { Transport } from './http';
import { describeIssue, fieldIssue } from './schemas';
import { normalizeUsage } from './streamEvents';
import type { RequestOptions, ServerMemory } from './types';
import { baseKey, endpoint, serverRoot } from './urls';
import { l10n } from '../common/l10n';
import type * as z from '../common/zodMini';

export interface CompletionDeps {
  transport: Transport;
  base: URL;
  redact: Redact;
  memory: ServerMemory;
  /** Reads a whole JSON body under the attempt (bounded in size and time). */
  readJson(response: Response, attempt: Attempt): Promise<unknown>;
}

/** Statuses that say "no such endpoint here" (or, 501, "not for this model"). */
const UNSUPPORTED_STATUSES = new Set([404, 405, 501]);

/**
 * `endpoint_unsupported` for a server without the endpoint, or a model that cannot do it (llama.cpp's 501
 * `not_supported_error` for a model without FIM tokens). A 404 that names an unknown model stays a model error, and
 * everything else (401, 402, 429, 5xx) keeps its kind.
 */
export function asUnsupported(err: unknown, host: string, what: string): unknown {
  if (!(err instanceof ApiError) || err.reason !== 'http_status') return err;
  const unsupported = err.type === 'not_supported_error' || UNSUPPORTED_STATUSES.has(err.status ?? 0);
  if (!unsupported || err.kind === 'model' || err.kind === 'auth' || err.kind === 'funds' || err.kind === 'rate') return err;
  return unsupportedError(host, what, err);
}

function unsupportedError(host: string, what: string, err: ApiError): ApiError {
  const message = l10n.t('{0} cannot serve {1} for this model or server: {2}', host, what, err.message);
  return new ApiError('config', 'endpoint_unsupported', message, {
    ...(err.status !== undefined ? { status: err.status } : {}),
    ...(err.code !== undefined ? { code: err.code } : {}),
    ...(err.type !== undefined ? { type: err.type } : {}),
    cause: err,
  });
}

/**
 * The error of a 200 JSON answer carrying `{"error": …}`: `endpoint_unsupported` when its words say there is no such
 * endpoint (LM Studio answers every path it does not serve that way), else a `stream_error`.
 */
function errorAnswer(json: object, host: string, what: string, redact: Redact): ApiError {
  const err = streamError(json, redact);
  return saysNoSuchEndpoint(errorFromJson(json)?.message ?? '') ? unsupportedError(host, what, err) : err;
}

function check<T>(schema: z.ZodMiniType<T>, request: unknown): T {
  const result = schema.safeParse(request, { error: fieldIssue });
  if (!result.success) throw new ApiError('config', 'invalid_request', describeIssue(result.error));
  return result.data;
}

/** The body: only the fields the endpoint defines (zod's objects leave out the rest), none undefined. */
function wire(checked: object): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(checked)) if (value !== undefined) body[key] = value;
  return body;
}

function badPiece(redact: Redact, issue: string): ApiError {
  return new ApiError('server', 'invalid_response', l10n.t('The server sent a stream chunk with an unexpected shape: {0}', redact(issue)));
}

/** A `/completions` piece: `choices[0].text`, the first finish reason, the last usage. */
function textPieceReader(redact: Redact): PieceReader {
  return (json, state, out) => {
    const parsed = TextPieceSchema.safeParse(json);
    if (!parsed.success) throw badPiece(redact, describeIssue(parsed.error));
    const choice = parsed.data.choices?.[0];
    if (choice?.text) out.push({ type: 'text', text: choice.text });
    if (choice?.finish_reason && !state.finished) {
      state.finished = true;
      state.finishReason = choice.finish_reason;
    }
    if (parsed.data.usage) state.usage = normalizeUsage(parsed.data.usage);
  };
}

/** llama.cpp's stop_type in OpenAI's words: `limit` (n_predict, t_max_predict_ms) is `length`; `eos` and `word` are `stop`. */
function finishOf(stopType: string | null | undefined): string {
  if (stopType === 'limit') return 'length';
  if (!stopType || stopType === 'eos' || stopType === 'word' || stopType === 'none') return 'stop';
  return stopType;
}

/** An `/infill` piece: `content`; `stop: true` ends the reply, with its stop_type and token counts. */
function infillPieceReader(redact: Redact): PieceReader {
  return (json, state, out) => {
    const parsed = InfillPieceSchema.safeParse(json);
    if (!parsed.success) throw badPiece(redact, describeIssue(parsed.error));
    const piece = parsed.data;
    if (piece.content) out.push({ type: 'text', text: piece.content });
    if (piece.stop !== true) return;
    state.finished = true;
    state.ended = true;
    state.finishReason = finishOf(piece.stop_type);
    if (typeof piece.tokens_predicted === 'number' || typeof piece.tokens_evaluated === 'number') {
      state.usage = normalizeUsage({ prompt_tokens: piece.tokens_evaluated, completion_tokens: piece.tokens_predicted });
    }
  };
}

/** A whole JSON reply read as one piece: its text, then `done`. */
function jsonReply(deps: CompletionDeps, read: PieceReader, what: string): (response: Response, attempt: Attempt) => Promise<CompletionEvent[]> {
  return async (response, attempt) => {
    const json = await deps.readJson(response, attempt);
    if (json !== null && typeof json === 'object' && (json as { error?: unknown }).error != null) throw errorAnswer(json, deps.transport.host, what, deps.redact);
    const state: PieceState = { finished: false, ended: false };
    const events: CompletionEvent[] = [];
    read(json, state, events);
    events.push({ type: 'done', ...(state.finishReason ? { finishReason: state.finishReason } : {}), ...(state.usage ? { usage: state.usage } : {}) });
    return events;
  };
}

/** Starts `run` on the first next(): validation and sending happen when the caller iterates, errors surface there. */
function lazyStream(run: () => AsyncGenerator<CompletionEvent, void, undefined>): AsyncIterable<CompletionEvent> {
  return { [Symbol.asyncIterator]: run };
}

export function completionEndpoints(deps: CompletionDeps) {
  const { transport, base, redact, memory } = deps;
  const host = transport.host;
  const key = baseKey(base);
  const signalOf = (opts?: RequestOptions): { signal?: AbortSignal } => (opts?.signal ? { signal: opts.signal } : {});

  /** Sends a stream request, never retried; a missing endpoint becomes `endpoint_unsupported`. */
  async function open(url: URL, body: Record<string, unknown>, what: string, opts?: RequestOptions) {
    try {
      return await transport.send({ method: 'POST', url, body, accept: 'text/event-stream', noRetry: true, ...signalOf(opts) });
    } catch (err) {
      throw asUnsupported(err, host, what);
    }
  }

  /** `/completions`, asking for usage unless this server is known to refuse stream_options (then once without). */
  async function openCompletion(body: Record<string, unknown>, opts?: RequestOptions) {
    const url = endpoint(base, 'completions');
    if (memory.rejectsStreamOptions(key)) return open(url, body, '/completions', opts);
    try {
      return await open(url, { ...body, stream_options: { include_usage: true } }, '/completions', opts);
    } catch (err) {
      const rejected = err instanceof ApiError && err.reason === 'http_status' && (err.status === 400 || err.status === 422) && err.kind === 'other';
      if (!rejected) throw err;
      const sent = await open(url, body, '/completions', opts); // if this fails too, its error is the real one
      memory.rememberRejectsStreamOptions(key);
      return sent;
    }
  }

  const textReader = textPieceReader(redact);
  const infillReader = infillPieceReader(redact);

  return {
    streamCompletion(request: TextCompletionRequest, opts?: RequestOptions): AsyncIterable<CompletionEvent> {
      return lazyStream(async function* () {
        const body = { ...wire(check(TextCompletionRequestSchema, request)), stream: true };
        yield* readCompletionStream(await openCompletion(body, opts), textReader, jsonReply(deps, textReader, '/completions'), redact);
      });
    },

    streamInfill(request: InfillRequest, opts?: RequestOptions): AsyncIterable<CompletionEvent> {
      return lazyStream(async function* () {
        const body = { ...wire(check(InfillRequestSchema, request)), stream: true };
        const sent = await open(endpoint(serverRoot(base), 'infill'), body, '/infill', opts);
        yield* readCompletionStream(sent, infillReader, jsonReply(deps, infillReader, '/infill'), redact);
      });
    },
  };
}
