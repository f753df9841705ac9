// Turns one validated chunk into StreamEvents. Kept allocation-light: it pushes into the caller's array.
import type { Chunk } from './schemas';
import type { StreamEvent, Usage } from './types';

export interface StreamState {
  finished: boolean;
}

type UsageLike = { prompt_tokens?: number | null; completion_tokens?: number | null; total_tokens?: number | null; cost?: number | null };

/** Fills in total_tokens when the server leaves it out. */
export function normalizeUsage(u: UsageLike): Usage {
  const prompt = u.prompt_tokens ?? 0;
  const completion = u.completion_tokens ?? 0;
  const usage: Usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: u.total_tokens ?? prompt + completion };
  if (typeof u.cost === 'number' && Number.isFinite(u.cost) && u.cost >= 0) usage.cost = u.cost;
  return usage;
}

/**
 * Appends the events carried by `chunk`: reasoning (delta.reasoning_content or delta.reasoning), text
 * (delta.content, and delta.refusal — a refusal is the answer the user should see), the first finish reason,
 * and usage (top-level or Groq's x_groq.usage). Tool-call deltas and other fields are ignored.
 * Only the first choice is read: the client never asks for n > 1.
 */
export function pushChunkEvents(chunk: Chunk, state: StreamState, out: StreamEvent[]): void {
  const choice = chunk.choices?.[0];
  if (choice) {
    const delta = choice.delta;
    if (delta) {
      const reasoning = delta.reasoning_content || delta.reasoning;
      if (reasoning) out.push({ type: 'reasoning', text: reasoning });
      if (delta.content) out.push({ type: 'text', text: delta.content });
      if (delta.refusal) out.push({ type: 'text', text: delta.refusal });
    }
    if (choice.finish_reason && !state.finished) {
      state.finished = true;
      out.push({ type: 'finish', reason: choice.finish_reason });
    }
  }
  const usage = chunk.usage ?? chunk.x_groq?.usage;
  if (usage) out.push({ type: 'usage', usage: normalizeUsage(usage) });
}
