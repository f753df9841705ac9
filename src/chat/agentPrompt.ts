// What the model is told in Agent mode: how to work with the tools (read before editing, small search/replace
// edits, check with the tests, answer when done), and — for models without native tool calls — the text format
// the recogniser reads (src/api/textToolCalls.ts). Pure.
import type { ToolDefinition } from '../api/types';

const AGENT_PROMPT = `You are a coding agent in the user's workspace. Read and search before you change anything; edit with edit_file, whose SEARCH text is copied exactly from the file; check with run_command (the tests) and fix what fails. Paths are relative to the workspace. The user approves each edit and command: if one is denied, do not repeat it. When done, stop calling tools and say briefly what you changed and how you checked it.`;

/** The agent's addition to the system prompt; with the tools' descriptions and the call format when `asText`. */
export function agentSystemPrompt(tools: readonly ToolDefinition[], asText: boolean): string {
  if (!asText) return AGENT_PROMPT;
  const list = tools.map((t) => JSON.stringify({ name: t.function.name, description: t.function.description ?? '', parameters: t.function.parameters ?? {} })).join('\n');
  return `${AGENT_PROMPT}

# Tools
Call a tool by writing, on its own lines, exactly:
<tool_call>
{"name": "<tool name>", "arguments": {<the arguments as JSON>}}
</tool_call>
You may write several calls in one reply. Then stop writing: each result comes back in a <tool_response> message. Available tools (JSON schemas):
${list}`;
}
