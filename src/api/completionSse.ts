// Reads the stream of a fill-in-the-middle endpoint into CompletionEvents: bytes → UTF-8 (streaming decoder) →
// eventsource-parser → JSON → the endpoint's piece reader → `text` events, then one `done`. The same bounds as the
// chat's stream (src/api/sse.ts): idle timer, at most MAX_SSE_EVENT_BYTES without a complete event, every read raced
// against the attempt's end. A JSON reply to the stream request (a server that ignores `stream: true`) is read whole.
import { createParser, type EventSourceMessage, type ParseError } from 'eventsource-parser';
import type { Attempt, BodyReader } from './attempt';
import { ApiError, excerpt, streamError, type Redact } from './apiError';
import type { CompletionEvent } from './completionTypes';
import { answeredWithJson, SseFeed, streamFailure, streamReader } from './sseFeed';
import type { Usage } from './types';
import { l10n } from '../common/l10n';

/** What the pieces said so far; the piece reader fills it in. */
export interface PieceState {
  finishReason?: string;
  usage?: Usage;
  /** The server said why it stopped: a body that ends (or is cut) from here on lost nothing. */
  finished: boolean;
  /** The reply is over (`[DONE]`, or llama.cpp's `stop: true`): nothing after it is read. */
  ended: boolean;
}

/** Reads one JSON piece of the endpoint's stream: appends its text to `out`, updates `state`; throws ApiError on a bad shape. */
export type PieceReader = (json: unknown, state: PieceState, out: CompletionEvent[]) => void;

/**
 * After the reply ended, how long the rest of the body (the chunked terminator, usually already there) may take: read
 * to its end, the connection goes back to the pool for the next request instead of being closed.
 */
const DRAIN_GRACE_MS = 250;

function doneEvent(state: PieceState): CompletionEvent {
  return { type: 'done', ...(state.finishReason ? { finishReason: state.finishReason } : {}), ...(state.usage ? { usage: state.usage } : {}) };
}

function notJson(data: string, redact: Redact): ApiError {
  return new ApiError('server', 'invalid_response', l10n.t('The server sent a stream chunk that is not valid JSON: {0}', excerpt(data, redact, 120)));
}

/** One `data:` payload (or the value of llama.cpp's `error:` line) → the piece reader, or the server's error. */
function handleData(data: string, isError: boolean, read: PieceReader, state: PieceState, out: CompletionEvent[], redact: Redact): void {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    throw notJson(data, redact);
  }
  if (isError) throw streamError(json, redact);
  if (json === null || typeof json !== 'object') {
    throw new ApiError('server', 'invalid_response', l10n.t('The server sent a stream chunk that is not an object: {0}', excerpt(data, redact, 120)));
  }
  if ('error' in json && (json as { error?: unknown }).error != null) throw streamError(json, redact);
  read(json, state, out);
}

/** Reads what is left of the body, for at most DRAIN_GRACE_MS; whether it ended. Never throws. */
async function drain(attempt: Attempt, reader: BodyReader): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const grace = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), DRAIN_GRACE_MS)));
  try {
    for (;;) {
      const chunk = await Promise.race([attempt.read(reader), grace]);
      if (!chunk) return false;
      if (chunk.done) return true;
    }
  } catch {
    return false; // the body failed after the reply ended: nothing was lost
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Yields the events of an opened completion stream. `fromJson` reads a JSON reply (the whole completion) instead.
 * `redact` cleans the server's words in every error built here.
 */
export async function* readCompletionStream(
  sent: { response: Response; attempt: Attempt },
  read: PieceReader,
  fromJson: (response: Response, attempt: Attempt) => Promise<CompletionEvent[]>,
  redact: Redact,
): AsyncGenerator<CompletionEvent, void, undefined> {
  const { response, attempt } = sent;
  if (answeredWithJson(response)) {
    for (const event of await fromJson(response, attempt)) yield event;
    return;
  }
  const reader = streamReader(response, attempt);
  const state: PieceState = { finished: false, ended: false };
  const events: CompletionEvent[] = [];
  let failure: ApiError | undefined;
  const feed: SseFeed = new SseFeed(attempt, reader, () => parser);
  const fail = (err: unknown): void => {
    failure ??= streamFailure(err, redact);
  };
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      feed.eventSeen();
      if (state.ended || failure) return;
      if (message.data === '[DONE]') {
        state.ended = true;
        return;
      }
      try {
        handleData(message.data, message.event === 'error', read, state, events, redact);
      } catch (err) {
        fail(err);
      }
    },
    onError(err: ParseError) {
      // Some llama.cpp builds send a failure mid-stream as an `error: {…}` line, not as `data:`.
      if (err.type !== 'unknown-field' || err.field !== 'error' || state.ended || failure) return;
      try {
        handleData(err.value ?? '', true, read, state, events, redact);
      } catch (e) {
        fail(e);
      }
    },
  });

  let bodyEnded = false;
  try {
    for (;;) {
      const step = await feed.next();
      if (step.kind === 'readFailed') {
        if (state.finished && !attempt.signal.aborted) {
          yield doneEvent(state); // cut after the finish reason: nothing was lost
          return;
        }
        throw attempt.classify(step.error, true);
      }
      const ended = step.kind === 'ended';
      // Yield what this read carried, in order, before reporting a failure that came after it.
      for (let i = 0; i < events.length; i++) yield events[i]!;
      events.length = 0;
      if (failure) throw failure;
      if (state.ended || (ended && state.finished)) {
        bodyEnded = ended || (await drain(attempt, reader));
        yield doneEvent(state);
        return;
      }
      if (ended) throw new ApiError('interrupted', 'connection_closed', l10n.t('The connection closed before the reply finished'));
    }
  } finally {
    // A body read to its end leaves the connection to the pool; anything else closes it (an early stop, a failure).
    if (bodyEnded) attempt.dispose();
    else {
      attempt.cancel();
      reader.cancel().catch(() => undefined);
    }
  }
}
