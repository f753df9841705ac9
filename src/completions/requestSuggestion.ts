// One suggestion from the server, by the target's endpoint: llama.cpp's /infill, /completions with the model
// family's fill-in-the-middle template, or the hole-filler chat prompt. The text streams in; a single-line
// suggestion stops reading (and aborts the request) at its first line break, so it shows before the model is done.
import { asAppError } from '../common/appError';
import type { CompletionEvent, Usage } from '../api/types';
import type { CompletionLines } from '../config/core/completionSettings';
import { HOLE_FILL_STOP, holeFillerMessages, parseHoleFill } from './core/holeFiller';
import { renderFim, type FimInput } from './core/fimTemplates';
import type { CompletionTarget, CompletionTargets } from './completionTarget';

export interface SuggestionRequest {
  input: FimInput;
  maxTokens: number;
  /** 'single': one line is enough (the rest is not waited for). */
  lines: Exclude<CompletionLines, 'auto'>;
  signal: AbortSignal;
}

export interface RawSuggestion {
  text: string;
  usage?: Usage;
}

/** The raw text the server sent (post-processing is the caller's), or undefined when it broke the chat contract. */
export async function requestSuggestion(target: CompletionTarget, request: SuggestionRequest): Promise<RawSuggestion | undefined> {
  // Our own controller, so a single-line suggestion can stop the stream (and free the server) once it has its line.
  const enough = new AbortController();
  const signal = AbortSignal.any([request.signal, enough.signal]);
  const events = openStream(target, request, signal);
  let text = '';
  let usage: Usage | undefined;
  try {
    for await (const event of events) {
      if (event.type === 'text') {
        text += event.text;
        if (request.lines === 'single' && target.endpoint !== 'chat' && /\S[^\n]*\n/.test(text)) {
          enough.abort();
          break;
        }
      } else if (event.usage) {
        usage = event.usage;
      }
    }
  } catch (error) {
    // Stopped by us because the line was complete: what came is the suggestion. Anything else is the caller's.
    if (!enough.signal.aborted || request.signal.aborted) throw error;
  }
  if (target.endpoint === 'chat') {
    const fill = parseHoleFill(text);
    return fill === undefined ? undefined : { text: fill, ...(usage ? { usage } : {}) };
  }
  return { text, ...(usage ? { usage } : {}) };
}

/**
 * The suggestion from the current target; when the server answers that it has no such endpoint (or cannot do it
 * for this model: llama.cpp's 501), that is remembered for the session and the next endpoint is asked at once.
 */
export async function requestWithFallback(
  targets: Pick<CompletionTargets, 'current' | 'markUnsupported'>,
  request: SuggestionRequest,
  onFallback: (from: CompletionTarget, to: CompletionTarget) => void = () => undefined,
): Promise<{ target: CompletionTarget; raw: RawSuggestion | undefined }> {
  let target = await targets.current();
  for (;;) {
    try {
      return { target, raw: await requestSuggestion(target, request) };
    } catch (error) {
      // By its brand, not instanceof: the client that threw it lives in another bundle (src/chunks.ts).
      if (request.signal.aborted || asAppError(error)?.reason !== 'endpoint_unsupported') throw error;
      targets.markUnsupported(target, target.endpoint);
      const next = await targets.current();
      // The endpoint was the user's explicit choice (or the last one left): the server's answer is the error.
      if (next.endpoint === target.endpoint) throw error;
      onFallback(target, next);
      target = next;
    }
  }
}

function openStream(target: CompletionTarget, request: SuggestionRequest, signal: AbortSignal): AsyncIterable<CompletionEvent> {
  const { input, maxTokens } = request;
  const singleStop = request.lines === 'single' ? ['\n'] : [];
  switch (target.endpoint) {
    case 'infill':
      return target.client.streamInfill(
        {
          input_prefix: input.prefix,
          input_suffix: input.suffix,
          input_extra: input.snippets.map((s) => ({ filename: s.filePath, text: s.text })),
          n_predict: maxTokens,
          cache_prompt: true,
          // llama.cpp stops generating after this long, whatever n_predict says: a suggestion is wanted now.
          t_max_predict_ms: 2_000,
          temperature: 0.2,
          model: target.model,
        },
        { signal },
      );
    case 'completions': {
      if (target.family) {
        const rendered = renderFim(target.family, input);
        return target.client.streamCompletion(
          { model: target.model, prompt: rendered.prompt, max_tokens: maxTokens, temperature: 0.2, stop: [...rendered.stop, ...singleStop].slice(0, 16) },
          { signal },
        );
      }
      // A model of no known family: the server's own fill in the middle through `suffix` (Ollama, DeepSeek).
      return target.client.streamCompletion(
        { model: target.model, prompt: input.prefix, suffix: input.suffix, max_tokens: maxTokens, temperature: 0.2, ...(singleStop.length ? { stop: singleStop } : {}) },
        { signal },
      );
    }
    case 'chat':
      return chatText(target, holeFillerMessages(input), maxTokens, signal);
  }
}

async function* chatText(target: CompletionTarget, messages: ReturnType<typeof holeFillerMessages>, maxTokens: number, signal: AbortSignal): AsyncIterable<CompletionEvent> {
  for await (const event of target.client.streamChat({ model: target.model, messages, max_tokens: maxTokens, temperature: 0, stop: [...HOLE_FILL_STOP] }, { signal })) {
    if (event.type === 'text') yield { type: 'text', text: event.text };
    else if (event.type === 'usage') yield { type: 'done', usage: event.usage };
  }
}
