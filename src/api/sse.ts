// Reads an SSE chat stream into StreamEvents: bytes → UTF-8 (streaming decoder, so characters split across reads
// survive) → eventsource-parser (CRLF, `data:` without space, comments) → JSON → lean zod check → events.
// One generator on purpose: nesting async generators would double the per-chunk promise cost.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { Attempt } from './attempt';
import { ApiError, excerpt, streamError, type Redact } from './apiError';
import { ChunkSchema, describeIssue } from './schemas';
import { answeredWithJson, SseFeed, streamFailure, streamReader } from './sseFeed';
import { endChunkEvents, pushChunkEvents, type StreamState } from './streamEvents';
import type { StreamEvent } from './types';
import { l10n } from '../common/l10n';

export { MAX_SSE_EVENT_BYTES } from './sseFeed';

function parseData(message: EventSourceMessage, redact: Redact): unknown {
  try {
    return JSON.parse(message.data);
  } catch {
    throw new ApiError('server', 'invalid_response', l10n.t('The server sent a stream chunk that is not valid JSON: {0}', excerpt(message.data, redact, 120)));
  }
}

/** Validates one parsed chunk and appends its events; throws for error events and malformed chunks. */
function handleMessage(message: EventSourceMessage, state: StreamState, out: StreamEvent[], redact: Redact): void {
  const json = parseData(message, redact);
  if (message.event === 'error') throw streamError(json, redact);
  if (json === null || typeof json !== 'object') {
    throw new ApiError('server', 'invalid_response', l10n.t('The server sent a stream chunk that is not an object: {0}', excerpt(message.data, redact, 120)));
  }
  if ('error' in json && (json as { error?: unknown }).error != null) throw streamError(json, redact);
  const parsed = ChunkSchema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError('server', 'invalid_response', l10n.t('The server sent a stream chunk with an unexpected shape: {0}', redact(describeIssue(parsed.error))));
  }
  pushChunkEvents(parsed.data, state, out);
}

/**
 * Opens the stream with `open` and yields its events. A server that ignores `stream: true` and answers with one
 * JSON completion is replayed through `fromJson`. `redact` cleans the server's words in every error built here.
 */
export async function* readChatStream(
  open: () => Promise<{ response: Response; attempt: Attempt }>,
  fromJson: (response: Response, attempt: Attempt) => Promise<StreamEvent[]>,
  redact: Redact,
): AsyncGenerator<StreamEvent, void, undefined> {
  const { response, attempt } = await open();
  if (answeredWithJson(response)) {
    for (const event of await fromJson(response, attempt)) yield event;
    return;
  }
  const reader = streamReader(response, attempt);
  const state: StreamState = { finished: false, redact };
  const events: StreamEvent[] = [];
  let done = false;
  let failure: ApiError | undefined;
  const feed: SseFeed = new SseFeed(attempt, reader, () => parser);
  const parser = createParser({
    onEvent(message) {
      feed.eventSeen();
      if (done || failure) return;
      if (message.data === '[DONE]') {
        done = true;
        return;
      }
      try {
        handleMessage(message, state, events, redact);
      } catch (err) {
        failure = streamFailure(err, redact);
      }
    },
  });

  try {
    for (;;) {
      const step = await feed.next();
      if (step.kind === 'readFailed') {
        if (state.finished && !attempt.signal.aborted) return; // cut after the finish reason: nothing was lost
        throw attempt.classify(step.error, true);
      }
      const ended = step.kind === 'ended';
      // At the end of the body, the tool calls still pending (see endChunkEvents).
      let mayEnd = state.finished;
      if ((done || ended) && !failure) {
        try {
          mayEnd = endChunkEvents(state, events, done);
        } catch (err) {
          failure = streamFailure(err, redact);
        }
      }
      // Yield what this read carried, in order, before reporting a failure that came after it.
      for (let i = 0; i < events.length; i++) yield events[i]!;
      events.length = 0;
      if (failure) throw failure;
      if (done) return;
      if (ended) {
        if (mayEnd) return; // no [DONE] after the finish reason (or the tool calls): a clean end
        throw new ApiError('interrupted', 'connection_closed', l10n.t('The connection closed before the reply finished'));
      }
    }
  } finally {
    // Stop the timers and close the connection (also when the consumer breaks out early).
    attempt.cancel();
    reader.cancel().catch(() => undefined);
  }
}
