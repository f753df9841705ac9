// The built-in tools as the model sees them: wire names, what each does and its JSON-schema parameters. The text
// is English on purpose: the model reads it (like the edit blocks' errors), not the user. Pure.
import type { ToolDefinition } from '../../api/types';

export const BUILTIN_TOOLS = [
  'read_file', 'list_dir', 'find_files', 'search_text', 'get_problems', 'edit_file', 'create_file', 'run_command',
] as const;
export type BuiltinTool = (typeof BUILTIN_TOOLS)[number];

/** Tools that only read: they may run unasked inside the workspace (inferenceChat.agent.readWithoutAsking). */
export const READ_ONLY_TOOLS: ReadonlySet<string> = new Set<BuiltinTool>(['read_file', 'list_dir', 'find_files', 'search_text', 'get_problems']);

export const isBuiltinTool = (name: string): name is BuiltinTool => (BUILTIN_TOOLS as readonly string[]).includes(name);

/** VS Code caps the tools of one request at 128; servers accept no more either. */
export const MAX_TOOLS = 128;

export const LIMITS = {
  readLines: 400,
  readChars: 40_000,
  listEntries: 500,
  findResults: 200,
  searchMatches: 100,
  searchContextLines: 5,
  problems: 200,
  commandOutputChars: 30_000,
  commandTimeoutMaxSeconds: 600,
} as const;

const PATH = { type: 'string', description: 'A path relative to the workspace folder (or absolute inside it).' };

const fn = (name: BuiltinTool, description: string, properties: Record<string, unknown>, required: string[]): ToolDefinition => ({
  type: 'function',
  function: { name, description, parameters: { type: 'object', properties, required, additionalProperties: false } },
});

export function builtinDefinitions(): ToolDefinition[] {
  return [
    fn('read_file', `Read a text file of the workspace, with line numbers ("12| text"). At most ${LIMITS.readLines} lines per call: use start_line/end_line for the rest.`, {
      path: PATH,
      start_line: { type: 'integer', minimum: 1, description: 'First line to read (1-based, default 1).' },
      end_line: { type: 'integer', minimum: 1, description: 'Last line to read (inclusive).' },
    }, ['path']),
    fn('list_dir', `List a folder of the workspace (folders end with "/"). At most ${LIMITS.listEntries} entries.`, {
      path: { ...PATH, description: 'The folder, relative to the workspace folder (default: the workspace folder itself).' },
    }, []),
    fn('find_files', `Find workspace files by glob pattern (e.g. "src/**/*.ts"). At most ${LIMITS.findResults} results.`, {
      glob: { type: 'string', description: 'A glob pattern relative to the workspace folder.' },
      max_results: { type: 'integer', minimum: 1, maximum: LIMITS.findResults },
    }, ['glob']),
    fn('search_text', `Search the workspace's text files with a JavaScript regular expression. Results are "path:line: text". At most ${LIMITS.searchMatches} matches.`, {
      pattern: { type: 'string', description: 'A JavaScript regular expression (without slashes).' },
      glob: { type: 'string', description: 'Only files matching this glob (e.g. "**/*.py").' },
      context_lines: { type: 'integer', minimum: 0, maximum: LIMITS.searchContextLines, description: 'Lines of context around each match (default 0).' },
      case_sensitive: { type: 'boolean', description: 'Default false.' },
      max_results: { type: 'integer', minimum: 1, maximum: LIMITS.searchMatches },
    }, ['pattern']),
    fn('get_problems', 'The errors and warnings VS Code reports (compiler, linter) for a file, or for the whole workspace without a path.', {
      path: PATH,
    }, []),
    fn('edit_file', 'Edit an existing file with search/replace blocks, applied all or none. Each block:\n<<<<<<< SEARCH\nexact lines of the file\n=======\nthe new lines\n>>>>>>> REPLACE\nInclude enough lines in SEARCH to match one place only. The result lists the file\'s problems after the edit.', {
      path: PATH,
      edits: { type: 'string', description: 'One or more SEARCH/REPLACE blocks.' },
    }, ['path', 'edits']),
    fn('create_file', 'Create a new file with the given content. Refused when the file exists: use edit_file for that.', {
      path: PATH,
      content: { type: 'string', description: 'The whole text of the new file.' },
    }, ['path', 'content']),
    fn('run_command', `Run a shell command in the workspace (non-interactive: no input, PAGER=cat). Returns its output (stdout and stderr, at most ${LIMITS.commandOutputChars} characters) and exit code. The user approves each command.`, {
      command: { type: 'string', description: 'The command line, e.g. "npm test".' },
      cwd: { type: 'string', description: 'The folder to run in, relative to the workspace folder (default: the workspace folder).' },
      timeout_seconds: { type: 'integer', minimum: 1, maximum: LIMITS.commandTimeoutMaxSeconds, description: 'Default 120.' },
    }, ['command']),
  ];
}
