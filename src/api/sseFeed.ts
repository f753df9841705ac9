// One bounded read of a server-sent-events body into its parser, shared by the chat and the completion streams:
// each read races the caller's abort and the idle timer (Attempt), the idle timer starts at the first byte, and no
// event may grow past MAX_SSE_EVENT_BYTES (checked before feeding, so the parser never holds more).
import type { EventSourceParser } from 'eventsource-parser';
import type { Attempt, BodyReader } from './attempt';
import { ApiError, type Redact } from './apiError';
import { l10n } from '../common/l10n';

/**
 * The most a stream may send without completing an event: one line that never ends, or `data:` lines with no
 * blank line, would otherwise be buffered without limit. 8 MB is far above any real chunk (a whole reply or a
 * base64 image in one delta is a few MB) and small next to the memory of an extension host.
 */
export const MAX_SSE_EVENT_BYTES = 8 * 1024 * 1024;

/** The server answered a stream request with one JSON body (the whole reply at once): read it as JSON instead. */
export function answeredWithJson(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').includes('application/json');
}

/** The reader of a stream's body, once its headers are in (no total deadline: a stream lasts as long as the reply). */
export function streamReader(response: Response, attempt: Attempt) {
  attempt.receiving(response);
  const body = response.body;
  if (!body) {
    attempt.cancel(); // stop its timers and drop the listener on the caller's signal
    throw new ApiError('server', 'invalid_response', l10n.t('The server answered the stream request without a body'));
  }
  return body.getReader();
}

/** What failed while reading a stream's events, as the ApiError the caller throws (the server's words redacted). */
export function streamFailure(err: unknown, redact: Redact): ApiError {
  return err instanceof ApiError ? err : new ApiError('server', 'invalid_response', redact(String(err)));
}

/** What one read did: fed bytes, reached the end of the body, or failed (the caller decides what that lost). */
export type FeedStep = { kind: 'fed' } | { kind: 'ended' } | { kind: 'readFailed'; error: unknown };

export class SseFeed {
  private readonly decoder = new TextDecoder('utf-8');
  private sawBytes = false;
  /** Bytes fed since the last complete event (undercounts by at most the rest of the chunk that completed it). */
  private sinceEvent = 0;

  constructor(
    private readonly attempt: Attempt,
    private readonly reader: BodyReader,
    private readonly parser: () => EventSourceParser,
  ) {}

  /** The parser completed an event: the size cap counts from here. */
  eventSeen(): void {
    this.sinceEvent = 0;
  }

  async next(): Promise<FeedStep> {
    let chunk: Awaited<ReturnType<Attempt['read']>>;
    try {
      chunk = await this.attempt.read(this.reader);
    } catch (error) {
      return { kind: 'readFailed', error };
    }
    const parser = this.parser();
    if (chunk.done) {
      parser.feed(this.decoder.decode());
      parser.reset({ consume: true });
      return { kind: 'ended' };
    }
    if (!this.sawBytes) {
      this.sawBytes = true;
      this.attempt.startIdle();
    } else this.attempt.touch();
    this.sinceEvent += chunk.value.byteLength;
    if (this.sinceEvent > MAX_SSE_EVENT_BYTES) {
      throw new ApiError(
        'server',
        'invalid_response',
        l10n.t('The server sent more than {0} MB without completing a stream event (a line or an event that does not end); stopped reading.', MAX_SSE_EVENT_BYTES / (1024 * 1024)),
      );
    }
    parser.feed(this.decoder.decode(chunk.value, { stream: true }));
    return { kind: 'fed' };
  }
}
