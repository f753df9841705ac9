// Turns one validated chunk into StreamEvents. Kept allocation-light: it pushes into the caller's array.
import type { Chunk } from './schemas';
import type { Redact } from './apiError';
import { ToolCallAssembler } from './toolCalls';
import type { StreamEvent, Usage } from './types';

export interface StreamState {
  finished: boolean;
  /** Made on the first tool-call piece or reasoning to send back; plain text streams never pay for it. */
  calls?: ToolCallAssembler;
  /** The client's redactor, for the errors about tool-call arguments. */
  redact?: Redact;
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
 * and usage (top-level or Groq's x_groq.usage). Tool-call pieces are assembled and the whole calls appended
 * just before the finish reason (see toolCalls.ts). Only the first choice is read: the client never asks for n > 1.
 */
export function pushChunkEvents(chunk: Chunk, state: StreamState, out: StreamEvent[]): void {
  const choice = chunk.choices?.[0];
  if (choice) {
    const delta = choice.delta;
    if (delta) {
      const reasoningContent = delta.reasoning_content;
      const reasoning = reasoningContent || delta.reasoning;
      if (reasoning) out.push({ type: 'reasoning', text: reasoning });
      if (delta.content) out.push({ type: 'text', text: delta.content });
      if (delta.refusal) out.push({ type: 'text', text: delta.refusal });
      if (reasoningContent) (state.calls ??= new ToolCallAssembler(state.redact)).addReasoningContent(reasoningContent);
      if (delta.reasoning_details != null) (state.calls ??= new ToolCallAssembler(state.redact)).addReasoningDetails(delta.reasoning_details);
      if (delta.tool_calls) (state.calls ??= new ToolCallAssembler(state.redact)).push(delta.tool_calls);
    }
    if (choice.finish_reason && !state.finished) {
      state.finished = true;
      state.calls?.flush(out);
      out.push({ type: 'finish', reason: choice.finish_reason });
    }
  }
  const usage = chunk.usage ?? chunk.x_groq?.usage;
  if (usage) out.push({ type: 'usage', usage: normalizeUsage(usage) });
}

/**
 * The body ended: appends the tool calls still pending (pieces after the finish reason, or a server that sends
 * none) and says whether the stream may end here (it said why it finished, or it called tools). `said` is true
 * for `[DONE]`: the server called the reply complete, so unreadable arguments are its error; a body that just
 * stops before a finish reason with arguments cut short was interrupted instead.
 */
export function endChunkEvents(state: StreamState, out: StreamEvent[], said: boolean): boolean {
  const calls = state.calls;
  if (state.finished || said) {
    calls?.flush(out);
    return true;
  }
  // Arguments that do not parse in a body that stopped without a finish reason were cut, not written wrong.
  if (!calls?.pending || !calls.pendingReadable()) return false;
  try {
    calls.flush(out);
  } catch {
    return false;
  }
  return true;
}
