// Reads a whole JSON body (model lists, completions, llama.cpp's /props) bounded in size and in time: at most
// MAX_JSON_BYTES, within a total deadline, every read raced against the attempt's end (see Attempt.race).
import type { ReadableStream } from 'node:stream/web';
import type { Attempt } from './attempt';
import { ApiError, excerpt, type Redact } from './apiError';
import { l10n } from '../common/l10n';

/**
 * The largest non-streamed JSON body read. The biggest real ones are model lists (OpenRouter's, with descriptions
 * and pricing, is around 1–2 MB; aggregators with thousands of models a few MB) and long completions: 16 MB leaves
 * room for many times that, and a server that sends more is broken or hostile.
 */
export const MAX_JSON_BYTES = 16 * 1024 * 1024;

/**
 * The default total time for reading one JSON body once its headers arrived. A 16 MB model list needs a few
 * seconds on a slow line; a body still arriving after 30 s is being trickled (each byte feeds the idle timer).
 */
export const DEFAULT_JSON_TIMEOUT_MS = 30_000;

function tooLarge(host: string): ApiError {
  return new ApiError('server', 'invalid_response', l10n.t('{0} sent a response larger than {1} MB; stopped reading it.', host, MAX_JSON_BYTES / (1024 * 1024)));
}

/** Reads a whole body as text, at most MAX_JSON_BYTES: a larger one is refused (by its Content-Length, or at the cap). */
async function readBounded(response: Response, attempt: Attempt, host: string): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > MAX_JSON_BYTES) {
    attempt.cancel(); // closes the connection before anything is read
    throw tooLarge(host);
  }
  if (!response.body) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader(); // Node's Response types its body as a stream of `any`
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await attempt.read(reader);
      if (done) break;
      attempt.touch();
      total += value.byteLength;
      if (total > MAX_JSON_BYTES) {
        attempt.cancel();
        throw tooLarge(host);
      }
      parts.push(decoder.decode(value, { stream: true }));
    }
    parts.push(decoder.decode());
    return parts.join('');
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

/**
 * Reads a whole JSON body under the attempt's timers and a total deadline of `timeoutMs`, then parses it. The
 * attempt is disposed when this returns or throws.
 */
export async function readJsonBody(response: Response, attempt: Attempt, host: string, redact: Redact, timeoutMs: number): Promise<unknown> {
  attempt.startIdle();
  attempt.receiving(response, timeoutMs);
  let text: string;
  try {
    text = await readBounded(response, attempt, host);
  } catch (err) {
    throw attempt.classify(err, true);
  } finally {
    attempt.dispose();
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('server', 'invalid_response', l10n.t('{0} answered with something that is not JSON: {1}', host, excerpt(text.replace(/<[^>]*>/g, ' '), redact, 120)));
  }
}
