// Token counts for the native chat, with the same estimate as the sidebar chat's budget (src/models/tokenEstimate.ts)
// and the same per-model calibration. Pure.
import type { ChatMessage, ToolDefinition } from '../../api/types';
import { estimateMessageTokens, estimateTextTokens, REPLY_PRIMING_TOKENS } from '../../models/tokenEstimate';

/** One wire message: its content, plus the tool calls it makes (their names and JSON arguments). */
export function estimateWireMessage(message: ChatMessage): number {
  let tokens = estimateMessageTokens(message);
  if (message.role === 'assistant') for (const call of message.tool_calls ?? []) tokens += estimateTextTokens(call.function.name + call.function.arguments);
  return tokens;
}

/** A whole request as the server counts its prompt: the messages, and the tool definitions it renders into it. */
export function estimateRequest(messages: readonly ChatMessage[], tools?: readonly ToolDefinition[]): number {
  let total = REPLY_PRIMING_TOKENS;
  for (const m of messages) total += estimateWireMessage(m);
  if (tools && tools.length > 0) total += estimateTextTokens(JSON.stringify(tools));
  return total;
}
