// One agent step as the model gets it back: the assistant message that called tools, then one answer per call, in
// order. Natively that is `{role:'assistant', tool_calls, ...replay}` followed by `{role:'tool', tool_call_id}`
// messages; for a model that writes its calls as text (toolFormat 'text', or a server that refused `tools`) the calls
// go back as `<tool_call>` text in the assistant message (the format src/api/textToolCalls.ts reads) and the results
// as one user message of `<tool_response>` blocks — never `role:'tool'`, which such a server does not take.
// Every call id gets an answer, also a call that never ran (a fixed text says why): servers answer 400 otherwise.
// A step and its answers are one stored message, so the budget counts and drops them as one unit. Pure.
import type { AssistantMessage, ChatMessage, ToolCall } from '../api/types';
import type { ReadonlyMessage } from '../history/conversation';
import { estimateMessageTokens, estimateTextTokens } from '../models/tokenEstimate';

type ToolCallRecord = NonNullable<ReadonlyMessage['toolCalls']>[number];

/** What the model is told for a call that has no result of its own (model-facing: not translated). */
export const NO_RESULT_TEXT: Readonly<Record<string, string>> = {
  denied: 'The user denied this call.',
  cancelled: 'Cancelled: the user stopped this call before it finished.',
  error: 'Error: this call failed.',
  done: 'The call returned no output.',
};
/** A call that was waiting, running or in a state this version does not know when its turn ended. */
export const INTERRUPTED_TEXT = 'Interrupted: this call did not run.';

/** Results of steps older than the newest CONDENSE_KEEP_STEPS steps, longer than CONDENSE_MIN_CHARS, are condensed. */
export const CONDENSE_KEEP_STEPS = 3;
export const CONDENSE_MIN_CHARS = 1_500;
export const CONDENSE_HEAD_CHARS = 600;

/** A bulky result as an older step sends it: its start and a note that the rest was left out. */
export function condenseResult(text: string): string {
  if (text.length <= CONDENSE_MIN_CHARS) return text;
  let head = text.slice(0, CONDENSE_HEAD_CHARS);
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1); // never half a character
  return `${head}… [condensed: ${text.length - head.length} characters not repeated; call the tool again if needed]`;
}

/** What the model receives for this call: its result, or the fixed text for a call without one. */
export function toolAnswer(call: ToolCallRecord, condense = false): string {
  if (call.result) return condense ? condenseResult(call.result) : call.result;
  return NO_RESULT_TEXT[call.status] ?? INTERRUPTED_TEXT;
}

/** True when the message is a step that called tools (sent with its answers, whatever its status). */
export function isToolStep(message: ReadonlyMessage): boolean {
  return message.role === 'assistant' && (message.toolCalls?.length ?? 0) > 0;
}

/** The indices (up to `upTo`) of the steps whose bulky results may be condensed: all but the newest few steps. */
export function condensableSteps(messages: readonly ReadonlyMessage[], upTo = messages.length - 1): Set<number> {
  const steps: number[] = [];
  for (let i = 0; i <= upTo && i < messages.length; i++) if (isToolStep(messages[i]!)) steps.push(i);
  return new Set(steps.slice(0, Math.max(0, steps.length - CONDENSE_KEEP_STEPS)));
}

export interface StepOptions {
  /** Send the calls as text (`<tool_call>`) and the results as a user message. */
  textTools?: boolean;
  /** Condense the bulky results of this step (an older step, when the window is tight). */
  condense?: boolean;
}

/** A call as the text format writes it (the arguments as an object when they are JSON, as they came otherwise). */
export function textToolCall(name: string, args: string): string {
  let value: unknown = args;
  try {
    value = JSON.parse(args);
  } catch {
    // not JSON: sent back as the text the model wrote
  }
  return `<tool_call>\n${JSON.stringify({ name, arguments: value })}\n</tool_call>`;
}

/** The API messages of one step: the assistant message and the answers to its calls, in order. */
export function stepMessages(message: ReadonlyMessage, options: StepOptions = {}): ChatMessage[] {
  const calls = message.toolCalls ?? [];
  const answers = calls.map((call) => toolAnswer(call, options.condense));
  if (options.textTools || message.toolFormat === 'text') {
    const text = [message.content, ...calls.map((c) => textToolCall(c.name, c.arguments))].filter((t) => t.trim()).join('\n\n');
    const responses = answers.map((a) => `<tool_response>\n${a}\n</tool_response>`).join('\n');
    return [
      { role: 'assistant', content: text },
      { role: 'user', content: responses },
    ];
  }
  const toolCalls = calls.map((call): ToolCall => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
    ...(call.extra_content ? { extra_content: { ...call.extra_content } } : {}),
  }));
  const assistant: AssistantMessage = { role: 'assistant', content: message.content || null, tool_calls: toolCalls };
  if (message.replay?.reasoning_content !== undefined) assistant.reasoning_content = message.replay.reasoning_content;
  if (message.replay?.reasoning_details !== undefined) assistant.reasoning_details = [...message.replay.reasoning_details];
  return [assistant, ...calls.map((call, i): ChatMessage => ({ role: 'tool', tool_call_id: call.id, content: answers[i]! }))];
}

/** The heuristic estimate of a step's messages: texts, call names and arguments, replayed reasoning, overheads. */
export function stepTokens(messages: readonly ChatMessage[]): number {
  let total = 0;
  for (const m of messages) {
    total += estimateMessageTokens(m);
    if (m.role !== 'assistant') continue;
    for (const call of m.tool_calls ?? []) total += estimateTextTokens(call.function.name + call.function.arguments + call.id);
    if (m.reasoning_content) total += estimateTextTokens(m.reasoning_content);
    if (m.reasoning_details) total += estimateTextTokens(JSON.stringify(m.reasoning_details));
  }
  return total;
}
