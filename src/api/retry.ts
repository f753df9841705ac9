// Backoff policy: exponential with full jitter, Retry-After honoured, every wait cancellable.
import { ApiError } from './apiError';
import type { RetryOptions } from './types';
import { l10n } from '../common/l10n';

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 20_000, maxTotalWaitMs: 60_000 };

/** Statuses worth retrying before anything streamed. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

export function resolveRetry(options: RetryOptions | undefined): RetryPolicy {
  const pick = (v: number | undefined, d: number, min: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= min ? v : d);
  return {
    maxRetries: Math.floor(pick(options?.maxRetries, DEFAULT_RETRY.maxRetries, 0)),
    baseDelayMs: pick(options?.baseDelayMs, DEFAULT_RETRY.baseDelayMs, 0),
    maxDelayMs: pick(options?.maxDelayMs, DEFAULT_RETRY.maxDelayMs, 0),
    maxTotalWaitMs: pick(options?.maxTotalWaitMs, DEFAULT_RETRY.maxTotalWaitMs, 0),
  };
}

/** `retry-after-ms` (OpenAI) or `Retry-After` in seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const n = Number(ms);
    if (Number.isFinite(n) && n >= 0) return n;
  }
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Delay before retry number `retry` (0-based): the server's Retry-After when given, else full jitter. Capped by maxDelayMs. */
export function backoffDelay(policy: RetryPolicy, retry: number, retryAfterMs: number | undefined, random = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

export function abortedError(): ApiError {
  return new ApiError('cancelled', 'cancelled', l10n.t('The request was cancelled'));
}

/** Waits `ms`, rejecting promptly with an 'aborted' ApiError when the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
