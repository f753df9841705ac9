// Reads an SSE chat stream into StreamEvents: bytes → UTF-8 (streaming decoder, so characters split across reads
// survive) → eventsource-parser (CRLF, `data:` without space, comments) → JSON → lean zod check → events.
// One generator on purpose: nesting async generators would double the per-chunk promise cost.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { Attempt } from './attempt';
import { ApiError, streamError, truncate } from './errors';
import { ChunkSchema, describeIssue } from './schemas';
import { endChunkEvents, pushChunkEvents, type StreamState } from './streamEvents';
import type { StreamEvent } from './types';

function parseData(message: EventSourceMessage): unknown {
  try {
    return JSON.parse(message.data);
  } catch {
    throw new ApiError('server', 'invalid_response', `The server sent a stream chunk that is not valid JSON: ${truncate(message.data, 120)}`);
  }
}

/** Validates one parsed chunk and appends its events; throws for error events and malformed chunks. */
function handleMessage(message: EventSourceMessage, state: StreamState, out: StreamEvent[]): void {
  const json = parseData(message);
  if (message.event === 'error') throw streamError(json);
  if (json === null || typeof json !== 'object') {
    throw new ApiError('server', 'invalid_response', `The server sent a stream chunk that is not an object: ${truncate(message.data, 120)}`);
  }
  if ('error' in json && (json as { error?: unknown }).error != null) throw streamError(json);
  const parsed = ChunkSchema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError('server', 'invalid_response', `The server sent a stream chunk with an unexpected shape: ${describeIssue(parsed.error)}`);
  }
  pushChunkEvents(parsed.data, state, out);
}

/**
 * Opens the stream with `open` and yields its events. A server that ignores `stream: true` and answers with one
 * JSON completion is replayed through `fromJson`.
 */
export async function* readChatStream(
  open: () => Promise<{ response: Response; attempt: Attempt }>,
  fromJson: (response: Response, attempt: Attempt) => Promise<StreamEvent[]>,
): AsyncGenerator<StreamEvent, void, undefined> {
  const { response, attempt } = await open();
  if ((response.headers.get('content-type') ?? '').includes('application/json')) {
    for (const event of await fromJson(response, attempt)) yield event;
    return;
  }
  const body = response.body;
  if (!body) {
    attempt.cancel(); // stop its timers and drop the listener on the caller's signal
    throw new ApiError('server', 'invalid_response', 'The server answered the stream request without a body');
  }
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  const state: StreamState = { finished: false };
  const events: StreamEvent[] = [];
  let done = false;
  let failure: ApiError | undefined;
  const parser = createParser({
    onEvent(message) {
      if (done || failure) return;
      if (message.data === '[DONE]') {
        done = true;
        return;
      }
      try {
        handleMessage(message, state, events);
      } catch (err) {
        failure = err instanceof ApiError ? err : new ApiError('server', 'invalid_response', String(err));
      }
    },
  });

  let sawBytes = false;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (err) {
        if (state.finished && !attempt.signal.aborted) return; // cut after the finish reason: nothing was lost
        throw attempt.classify(err, true);
      }
      if (chunk.done) {
        parser.feed(decoder.decode());
        parser.reset({ consume: true });
      } else {
        if (!sawBytes) {
          sawBytes = true;
          attempt.startIdle();
        } else attempt.touch();
        parser.feed(decoder.decode(chunk.value, { stream: true }));
      }
      // At the end of the body, the tool calls still pending (see endChunkEvents).
      let mayEnd = state.finished;
      if ((done || chunk.done) && !failure) {
        try {
          mayEnd = endChunkEvents(state, events, done);
        } catch (err) {
          failure = err instanceof ApiError ? err : new ApiError('server', 'invalid_response', String(err));
        }
      }
      // Yield what this read carried, in order, before reporting a failure that came after it.
      for (let i = 0; i < events.length; i++) yield events[i]!;
      events.length = 0;
      if (failure) throw failure;
      if (done) return;
      if (chunk.done) {
        if (mayEnd) return; // no [DONE] after the finish reason (or the tool calls): a clean end
        throw new ApiError('interrupted', 'connection_closed', 'The connection closed before the reply finished');
      }
    }
  } finally {
    // Stop the timers and close the connection (also when the consumer breaks out early).
    attempt.cancel();
    reader.cancel().catch(() => undefined);
  }
}
