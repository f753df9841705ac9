// The arguments of each built-in tool, checked with zod before anything runs; a bad call gets an error the model can
// act on: which field, what was wrong, what the tool takes. Small models send numbers as strings ("10") and
// booleans as "true": those are read as what they say. Pure; the messages are English (the model reads them).
import * as z from '../../common/zodMini';
import { type BuiltinTool, builtinDefinitions, LIMITS } from './toolDefinitions';

const text = () => z.string().check(z.minLength(1, 'must not be empty'));
const line = () => z.number().check(z.int('must be a whole number'), z.gte(1, 'must be 1 or more'));

const SCHEMAS = {
  read_file: z.object({ path: text(), start_line: z.optional(line()), end_line: z.optional(line()) }),
  list_dir: z.object({ path: z.optional(z.string()) }),
  find_files: z.object({ glob: text(), max_results: z.optional(line()) }),
  search_text: z.object({
    pattern: text(),
    glob: z.optional(z.string()),
    context_lines: z.optional(z.number().check(z.int('must be a whole number'), z.gte(0, 'must be 0 or more'), z.lte(LIMITS.searchContextLines, `must be at most ${LIMITS.searchContextLines}`))),
    case_sensitive: z.optional(z.boolean()),
    max_results: z.optional(line()),
  }),
  get_problems: z.object({ path: z.optional(z.string()) }),
  edit_file: z.object({ path: text(), edits: text() }),
  create_file: z.object({ path: text(), content: z.string() }),
  run_command: z.object({
    command: z.string().check(z.trim(), z.minLength(1, 'must not be empty')),
    cwd: z.optional(z.string()),
    timeout_seconds: z.optional(z.number().check(z.gte(1, 'must be 1 or more'), z.lte(LIMITS.commandTimeoutMaxSeconds, `must be at most ${LIMITS.commandTimeoutMaxSeconds}`))),
  }),
} satisfies Record<BuiltinTool, z.ZodMiniType>;

export type ToolArgs = { [K in BuiltinTool]: z.infer<(typeof SCHEMAS)[K]> };

export type ArgsResult<K extends BuiltinTool> = { ok: true; args: ToolArgs[K] } | { ok: false; message: string };

/** "10" → 10, "true" → true: what a model clearly meant. Anything else is left for zod to judge. */
function loosen(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === null) continue; // "no value" for an optional field
    if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) && /(_line|_lines|_results|_seconds)$/.test(key)) out[key] = Number(value);
    else if (value === 'true' || value === 'false') out[key] = key === 'case_sensitive' ? value === 'true' : value;
    else out[key] = value;
  }
  return out;
}

/** What the tool takes, for the error: "path (string, required), start_line (integer)". */
export function parameterSummary(name: BuiltinTool): string {
  const definition = builtinDefinitions().find((d) => d.function.name === name);
  const parameters = definition?.function.parameters as { properties: Record<string, { type: string }>; required: string[] } | undefined;
  if (!parameters) return '';
  return Object.entries(parameters.properties)
    .map(([key, schema]) => `${key} (${schema.type}${parameters.required.includes(key) ? ', required' : ''})`)
    .join(', ');
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}

export function parseToolArgs<K extends BuiltinTool>(name: K, args: Record<string, unknown>): ArgsResult<K> {
  const result = SCHEMAS[name].safeParse(loosen(args));
  if (result.success) return { ok: true, args: result.data as ToolArgs[K] };
  const problems = result.error.issues.slice(0, 3).map((issue) => {
    const field = issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'the arguments';
    const input = issue.path.reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined), args);
    if (issue.code === 'invalid_type' && input === undefined) return `${field} is required`;
    if (issue.code === 'invalid_type') return `${field} must be ${issue.expected === 'number' ? 'a number' : `a ${issue.expected}`} (got ${describe(input)})`;
    return `${field} ${issue.message} (got ${describe(input)})`;
  });
  return { ok: false, message: `Invalid arguments for ${name}: ${problems.join('; ')}. It takes: ${parameterSummary(name)}.` };
}
