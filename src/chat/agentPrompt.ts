// What the model is told in Agent mode: how to work with the tools (read before editing, small search/replace
// edits, check with the tests, answer when done), and — for models without native tool calls — the text format
// the recogniser reads (src/api/textToolCalls.ts). Pure.
import type { ToolDefinition } from '../api/types';

const AGENT_PROMPT = `You are a coding agent working in the user's open workspace through the tools you are given.
- Look before you change: read the relevant files (read_file, search_text, find_files, list_dir) instead of guessing.
- Change files with edit_file, using SEARCH/REPLACE blocks whose SEARCH text is copied exactly from the file; create new files with create_file.
- Check your work: run the project's tests or the command that shows the problem (run_command), read the result, and fix what failed.
- Paths are relative to the workspace folder. The user approves every edit and command: do not ask for permission in text. If a call is denied, do not repeat it; find another way or explain.
- When the task is done, or you cannot go on, stop calling tools and answer briefly: what you changed and how you checked it.`;

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
