// ApiError, the one classifier of server error bodies, and the parsing of every error body shape servers send
// (OpenAI, vLLM, FastAPI, plain text, HTML).
import { AppError, type ErrorKind, type ErrorReason } from '../common/appError';
import { l10n } from '../common/l10n';

export interface ApiErrorInit {
  status?: number;
  code?: string | number;
  type?: string;
  retryAfterMs?: number;
  cause?: unknown;
}

const CONTEXT_CODES = new Set(['context_length_exceeded', 'exceed_context_size_error', 'context_window_exceeded']);
const MODEL_CODES = new Set(['invalid_model', 'model_not_found']);
const FUNDS_CODES = new Set(['insufficient_quota', 'insufficient_funds', 'insufficient_balance', 'payment_required']);
// vLLM, llama.cpp and others put the context-length failure only in the text of a plain 400.
const CONTEXT_TEXT = /context (length|window|size)|maximum context|too many tokens|exceeds? the (available )?context/i;

/** A failure of the client, with the server's status, code and type when the server answered. */
export class ApiError extends AppError {
  readonly status?: number;
  readonly code?: string | number;
  readonly type?: string;
  readonly retryAfterMs?: number;

  constructor(kind: ErrorKind, reason: ErrorReason, message: string, init: ApiErrorInit = {}) {
    super(kind, reason, message, init.cause !== undefined ? { cause: init.cause } : {});
    this.name = 'ApiError';
    if (init.status !== undefined) this.status = init.status;
    if (init.code !== undefined) this.code = init.code;
    if (init.type !== undefined) this.type = init.type;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }
}

/**
 * What an error answer means for the user, from its status, code, type and (for servers that say it only in
 * words) its text. The one place that reads a server's message to decide anything.
 */
export function classifyServerError(status: number | undefined, code: string | number | undefined, type: string | undefined, message: string): ErrorKind {
  const c = typeof code === 'string' ? code : undefined;
  if (status === 401 || status === 403) return 'auth';
  if (status === 402 || (c !== undefined && FUNDS_CODES.has(c)) || (type !== undefined && FUNDS_CODES.has(type))) return 'funds';
  if ((c !== undefined && CONTEXT_CODES.has(c)) || CONTEXT_TEXT.test(message)) return 'context';
  if ((c !== undefined && MODEL_CODES.has(c)) || (status === 404 && /model/i.test(message))) return 'model';
  if (status === 429) return 'rate';
  if (status === undefined || status >= 500) return 'server';
  return 'other';
}

/**
 * Words of a server that has no such endpoint but answers 200 anyway: LM Studio sends `{"error": "Unexpected endpoint
 * or method. (POST /infill)"}` with HTTP 200 for any path it does not serve.
 */
const NO_SUCH_ENDPOINT_TEXT = /^Unexpected endpoint or method\b/i;

/** Whether an error answer's words say the endpoint does not exist (for answers whose status cannot say it). */
export function saysNoSuchEndpoint(message: string): boolean {
  return NO_SUCH_ENDPOINT_TEXT.test(message.trim());
}

/** An error answer (HTTP status or an error event in a stream), classified. */
function serverError(reason: 'http_status' | 'stream_error', message: string, init: ApiErrorInit): ApiError {
  const code = init.code;
  return new ApiError(classifyServerError(init.status, code, init.type, message), reason, message, init);
}

const MAX_PLAIN = 300;

/**
 * Removes the client's key (and anything key-shaped) from a server's words. Every message the client builds from
 * server text goes through it BEFORE the text is cut: a cut through a key would leave a fragment that nothing
 * recognises any more.
 */
export type Redact = (text: string) => string;

function truncate(text: string, max = MAX_PLAIN): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** A server's text fit for a message: redacted first, then whitespace folded and cut to `max` characters. */
export function excerpt(text: string, redact: Redact, max = MAX_PLAIN): string {
  return truncate(redact(text), max);
}

/** A server-sent code or type, redacted when it is text. */
function cleanCode<T extends string | number | undefined>(value: T, redact: Redact): T {
  return (typeof value === 'string' ? redact(value) : value) as T;
}

function asString(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function asCode(v: unknown): string | number | undefined {
  return typeof v === 'string' || typeof v === 'number' ? v : undefined;
}

/** FastAPI `detail` is a string or a list of {loc, msg}. */
function detailMessage(detail: unknown): string | undefined {
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    const parts = detail.map((d) => {
      if (d && typeof d === 'object') {
        const { loc, msg } = d as { loc?: unknown; msg?: unknown };
        const where = Array.isArray(loc) ? loc.join('.') : undefined;
        return where && typeof msg === 'string' ? `${where}: ${msg}` : typeof msg === 'string' ? msg : JSON.stringify(d);
      }
      return String(d);
    });
    return parts.join('; ');
  }
  return undefined;
}

export interface ParsedErrorBody {
  message?: string;
  code?: string | number;
  type?: string;
}

/** The fields of an error object that are present and well-typed. */
function errorFields(message: string | undefined, code: unknown, type: unknown): ParsedErrorBody {
  const out: ParsedErrorBody = {};
  if (message) out.message = message;
  const c = asCode(code);
  if (c !== undefined) out.code = c;
  const t = asString(type);
  if (t) out.type = t;
  return out;
}

/** Reads the error out of a parsed JSON body in any of the shapes servers use. */
export function errorFromJson(json: unknown): ParsedErrorBody | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const o = json as Record<string, unknown>;
  const err = o.error;
  if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    return errorFields(asString(e.message) ?? asString(e.msg) ?? detailMessage(e.detail), e.code, e.type);
  }
  if (typeof err === 'string') return { message: err };
  if (o.object === 'error' || (typeof o.message === 'string' && (o.type !== undefined || o.code !== undefined))) {
    return errorFields(asString(o.message), o.code, o.type);
  }
  const detail = detailMessage(o.detail);
  if (detail) return { message: detail };
  if (typeof o.message === 'string') return { message: o.message };
  return undefined;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found', 408: 'Request Timeout',
  409: 'Conflict', 413: 'Payload Too Large', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

function statusLine(status: number, statusText: string): string {
  return `HTTP ${status} ${statusText || STATUS_TEXT[status] || ''}`.trim();
}

function looksLikeHtml(contentType: string, body: string): boolean {
  return contentType.includes('html') || /^\s*<(!doctype|html|head|body)/i.test(body);
}

/**
 * Builds the ApiError for a non-2xx response. The message is the server's own when it gave one (redacted, then
 * cut), else a status line naming the host — never a raw HTML page.
 */
export function httpError(
  status: number,
  statusText: string,
  contentType: string,
  bodyText: string,
  host: string,
  redact: Redact,
  retryAfterMs?: number,
): ApiError {
  const init: ApiErrorInit = { status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  let parsed: ParsedErrorBody | undefined;
  if (bodyText.trim().startsWith('{') || bodyText.trim().startsWith('[')) {
    try {
      parsed = errorFromJson(JSON.parse(bodyText));
    } catch {
      parsed = undefined;
    }
  }
  const prefix = l10n.t('{0} from {1}', redact(statusLine(status, statusText)), host);
  if (parsed) {
    if (parsed.code !== undefined) init.code = cleanCode(parsed.code, redact);
    if (parsed.type !== undefined) init.type = cleanCode(parsed.type, redact);
    return serverError('http_status', parsed.message ? excerpt(parsed.message, redact, 1000) : prefix, init);
  }
  if (!bodyText.trim() || looksLikeHtml(contentType, bodyText)) return serverError('http_status', prefix, init);
  return serverError('http_status', `${prefix}: ${excerpt(bodyText, redact)}`, init);
}

/** The error of a `{"error": …}` event sent inside a 200 stream. */
export function streamError(json: unknown, redact: Redact): ApiError {
  const parsed = errorFromJson(json) ?? {};
  const init: ApiErrorInit = {};
  if (parsed.code !== undefined) init.code = cleanCode(parsed.code, redact);
  if (parsed.type !== undefined) init.type = cleanCode(parsed.type, redact);
  const message = parsed.message
    ? l10n.t('The server reported an error mid-stream: {0}', excerpt(parsed.message, redact, 1000))
    : l10n.t('The server reported an error mid-stream');
  return serverError('stream_error', message, init);
}

/** Error codes of Node's zlib (gzip, deflate) and brotli decoders (`ERR__ERROR_FORMAT_…` is brotli's). */
const DECODER_CODE = /^(Z_[A-Z_]+_ERROR|ERR_BROTLI_[A-Z_0-9]+|ERR__ERROR_[A-Z_0-9]+)$/;

/** The decoder's error code when a body read failed because the body could not be decompressed (fetch wraps it as `cause`). */
export function decoderFailure(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e !== null && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && DECODER_CODE.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A reply labelled compressed (Content-Encoding) that is not: names the label and says who can fix it. */
export function badEncodingError(host: string, encoding: string, code: string, cause: unknown): ApiError {
  return new ApiError(
    'server',
    'bad_encoding',
    l10n.t(
      '{0} labelled its reply as compressed (Content-Encoding: {1}) but it could not be decompressed ({2}). The server or a proxy between you and it sends a wrong Content-Encoding header: fix its compression settings, or use a base URL that does not go through that proxy.',
      host,
      encoding,
      code,
    ),
    { cause },
  );
}
