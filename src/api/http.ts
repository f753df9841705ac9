// Sends one logical request: builds headers (key only to the base URL's origin), retries what is worth
// retrying before anything streamed, refuses redirects, and returns the successful Response with its Attempt.
import type { ReadableStream } from 'node:stream/web';
import { Attempt } from './attempt';
import { ApiError, httpError, type Redact } from './apiError';
import { abortedError, backoffDelay, parseRetryAfter, RETRY_STATUSES, sleep, type RetryPolicy } from './retry';
import { logPath } from './urls';
import type { RequestLogInfo } from './types';
import { l10n } from '../common/l10n';

export interface TransportConfig {
  base: URL;
  apiKey?: string;
  teamId?: string;
  headers?: Record<string, string>;
  fetch: typeof fetch;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  /** Total time for reading an error body (see ClientOptions.jsonTimeoutMs). */
  jsonTimeoutMs: number;
  retry: RetryPolicy;
  onRequest?: (info: RequestLogInfo) => void;
  /** Removes the key from every message and log record built here (see createClient). */
  redact: Redact;
}

export interface SendOptions {
  method: 'GET' | 'POST';
  url: URL;
  body?: unknown;
  signal?: AbortSignal;
  /** Accept header: event-stream for streams. */
  accept?: string;
  /** Never retry (completions: an answer that comes late is stale; the caller backs off itself). */
  noRetry?: boolean;
}

export interface Sent {
  response: Response;
  attempt: Attempt;
}

const MAX_ERROR_BODY = 64 * 1024;

/** Reads an error body as text, bounded in size, by the attempt's timers and by a total deadline. */
async function readErrorBody(response: Response, attempt: Attempt, timeoutMs: number): Promise<string> {
  attempt.receiving(response, timeoutMs);
  if (!response.body) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader(); // Node's Response types its body as a stream of `any`
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < MAX_ERROR_BODY) {
      const { done, value } = await attempt.read(reader);
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return text;
}

export class Transport {
  readonly host: string;
  private readonly baseHeaders: Record<string, string>;

  constructor(private readonly config: TransportConfig) {
    this.host = config.base.host;
    const headers: Record<string, string> = { ...(config.headers ?? {}) };
    // Caller-supplied headers must not smuggle credentials or override the ones we manage.
    for (const name of Object.keys(headers)) if (/^(authorization|content-type|accept|accept-encoding)$/i.test(name)) delete headers[name];
    if (config.teamId) headers['X-Prime-Team-ID'] = config.teamId;
    this.baseHeaders = headers;
  }

  private headersFor(url: URL, opts: SendOptions): Record<string, string> {
    // Every URL is built from the base URL; this is the guard that keeps the key on its origin regardless.
    if (url.origin !== this.config.base.origin) throw new ApiError('config', 'key_origin_refused', l10n.t('Refusing to send the API key to {0}', url.origin));
    const headers: Record<string, string> = { ...this.baseHeaders, accept: opts.accept ?? 'application/json' };
    // A stream is asked for uncompressed: its small events gain nothing from it, a compressing proxy holds them back
    // until its buffer fills, and a reply labelled compressed that is not makes Node 20's fetch hang (see Attempt.race).
    if (opts.accept === 'text/event-stream') headers['accept-encoding'] = 'identity';
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (this.config.apiKey) {
      // fetch would refuse the header and it would look like a network failure: say what is wrong instead.
      if (!/^[\x20-\x7e]+$/.test(this.config.apiKey)) {
        throw new ApiError(
          'config',
          'invalid_request',
          l10n.t('The API key contains a character that cannot be sent in an HTTP header (keys are plain ASCII). Set the key again.'),
        );
      }
      headers.authorization = `Bearer ${this.config.apiKey}`;
    }
    return headers;
  }

  private log(opts: SendOptions, attemptNo: number, started: number, status?: number, error?: ApiError): void {
    if (!this.config.onRequest) return;
    const info: RequestLogInfo = { method: opts.method, path: logPath(opts.url), durationMs: Date.now() - started, attempt: attemptNo };
    if (status !== undefined) info.status = status;
    if (error) info.error = this.config.redact(error.message); // already redacted where built; this is the net
    try {
      this.config.onRequest(info);
    } catch {
      // A faulty logger must not break the request.
    }
  }

  /**
   * Sends until a 2xx response arrives or retries run out. On success the caller owns `attempt` (timers still
   * running) and must dispose it. Throws ApiError otherwise.
   */
  async send(opts: SendOptions): Promise<Sent> {
    const { retry } = this.config;
    const headers = this.headersFor(opts.url, opts);
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    let waited = 0;
    for (let attemptNo = 1; ; attemptNo++) {
      if (opts.signal?.aborted) throw abortedError();
      const attempt = new Attempt(opts.signal, this.config.connectTimeoutMs, this.config.idleTimeoutMs, this.host, this.config.redact);
      const started = Date.now();
      let failure: ApiError;
      try {
        const response = await attempt.race(
          this.config.fetch(opts.url, {
            method: opts.method,
            headers,
            ...(body !== undefined ? { body } : {}),
            signal: attempt.signal,
            redirect: 'manual',
          }),
        );
        if (response.ok) {
          this.log(opts, attemptNo, started, response.status);
          return { response, attempt };
        }
        failure = await this.failureOf(response, attempt);
        this.log(opts, attemptNo, started, response.status, failure);
      } catch (err) {
        failure = attempt.classify(err, false);
        this.log(opts, attemptNo, started, undefined, failure);
      }
      attempt.dispose();

      const retryable = failure.reason === 'unreachable' || (failure.reason === 'http_status' && RETRY_STATUSES.has(failure.status ?? 0));
      if (!retryable || opts.noRetry || attemptNo > retry.maxRetries) throw failure;
      const delay = backoffDelay(retry, attemptNo - 1, failure.retryAfterMs);
      if (waited + delay > retry.maxTotalWaitMs) throw failure;
      waited += delay;
      await sleep(delay, opts.signal);
    }
  }

  private async failureOf(response: Response, attempt: Attempt): Promise<ApiError> {
    if (response.status >= 300 && response.status < 400) {
      response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      let where = 'another address';
      try {
        if (location) where = new URL(location, this.config.base).origin;
      } catch {
        // unreadable Location: keep the generic wording
      }
      return new ApiError(
        'other',
        'redirect_refused',
        this.config.redact(
          `${this.host} redirected the request to ${where}; redirects are not followed so the API key stays with its server. Update the base URL to the final address.`,
        ),
        { status: response.status },
      );
    }
    let text = '';
    try {
      text = await readErrorBody(response, attempt, this.config.jsonTimeoutMs);
    } catch (err) {
      return attempt.classify(err, false);
    }
    const retryAfterMs = parseRetryAfter(response.headers);
    return httpError(response.status, response.statusText, response.headers.get('content-type') ?? '', text, this.host, this.config.redact, retryAfterMs);
  }
}
