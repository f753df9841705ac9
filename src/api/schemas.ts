// zod schemas at the client's boundaries: the request we send, and the (lenient) shapes we read back.
// Response schemas check only the fields the client uses; unknown fields pass through untouched. Each exported
// schema is a z.lazy, built on its first parse rather than when the extension loads.
import * as z from '../common/zodMini';
import { l10n } from '../common/l10n';

const show = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === undefined) return 'nothing';
  try {
    const json = JSON.stringify(v);
    if (json !== undefined) return json;
  } catch {
    // a bigint or a cycle: fall through
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the last resort for what JSON cannot show
  return String(v);
};

const numberIn = (name: string, min: number, max: number) =>
  z
    .number({ error: (iss) => `${name} must be a number between ${min} and ${max} (got ${show(iss.input)})` })
    .check(z.refine((v) => v >= min && v <= max, { error: (iss) => `${name} must be between ${min} and ${max} (got ${show(iss.input)})` }));

/**
 * The message of an issue no schema below words itself: "<field> must be <what> (got <value>)". Passed to the
 * request's safeParse, so the request's many small fields need no message of their own.
 */
export function fieldIssue(iss: z.core.$ZodRawIssue): string | undefined {
  const leaf = iss.path?.[iss.path.length - 1];
  const field = typeof leaf === 'string' ? `${leaf} ` : '';
  let what: string;
  if (iss.code === 'invalid_type') what = ({ array: 'a list', object: 'an object', string: 'a string', number: 'a number' } as Record<string, string>)[iss.expected] ?? iss.expected;
  else if (iss.code === 'invalid_value') what = iss.values.map((v) => JSON.stringify(v)).join(' or ');
  else if (iss.code === 'too_small') return `${field}must not be empty`;
  else return undefined;
  return `${field}must be ${what} (got ${show(iss.input)})`;
}

const nonEmpty = () => z.string().check(z.minLength(1));

const TextPartSchema = () => z.object({ type: z.literal('text'), text: z.string() });
const ImagePartSchema = () =>
  z.object({ type: z.literal('image_url'), image_url: z.object({ url: nonEmpty(), detail: z.optional(z.enum(['auto', 'low', 'high'])) }) });

/** `string | parts`: which parts are allowed depends on the role (images from the user and the assistant only). */
const contentOf = (withImages: boolean) => {
  const parts = withImages ? [TextPartSchema(), ImagePartSchema()] : [TextPartSchema()];
  const what = withImages ? 'a string or a list of text and image_url parts' : 'a string or a list of text parts';
  return z.union([z.string(), z.array(z.discriminatedUnion('type', parts as [ReturnType<typeof TextPartSchema>]))], {
    error: (iss) => `content must be ${what} (got ${show(iss.input)})`,
  });
};

const ToolCallSchema = () =>
  z.object({
    id: nonEmpty(),
    type: z.literal('function'),
    function: z.object({
      name: nonEmpty(),
      arguments: z.string({ error: (iss) => `arguments must be the JSON text of the arguments (got ${show(iss.input)})` }),
    }),
    extra_content: z.optional(z.record(z.string(), z.unknown())),
  });

const MessageSchema = () =>
  z.discriminatedUnion(
    'role',
    [
      z.object({ role: z.literal('system'), content: contentOf(false) }),
      z.object({ role: z.literal('user'), content: contentOf(true) }),
      z
        .object({
          role: z.literal('assistant'),
          content: z.nullish(contentOf(true)),
          tool_calls: z.optional(z.array(ToolCallSchema())),
          reasoning_content: z.optional(z.string()),
          reasoning_details: z.optional(z.array(z.unknown())),
        })
        .check(
          z.refine((m) => m.content != null || (m.tool_calls?.length ?? 0) > 0, {
            error: 'content must be a string or a list of parts (null only when the message has tool_calls)',
            path: ['content'],
          }),
        ),
      z.object({
        role: z.literal('tool'),
        tool_call_id: z.string({ error: (iss) => `tool_call_id must be the id of the tool call this message answers (got ${show(iss.input)})` }),
        content: contentOf(false),
      }),
    ],
    {
      error: (iss) => {
        const input = iss.input;
        const got = input !== null && typeof input === 'object' ? (input as { role?: unknown }).role : input;
        return `role must be "system", "user", "assistant" or "tool" (got ${show(got)})`;
      },
    },
  );

const ToolSchema = () =>
  z.object({
    type: z.literal('function'),
    function: z.object({ name: nonEmpty(), description: z.optional(z.string()), parameters: z.optional(z.record(z.string(), z.unknown())) }),
  });

const ToolChoiceSchema = () =>
  z.union([z.enum(['auto', 'none', 'required']), z.object({ type: z.literal('function'), function: z.object({ name: nonEmpty() }) })], {
    error: (iss) => `tool_choice must be "auto", "none", "required" or {"type": "function", "function": {"name"}} (got ${show(iss.input)})`,
  });

const stopItem = () => z.string().check(z.minLength(1, { error: 'stop sequences must be non-empty strings' }));

export const ChatRequestSchema = z.lazy(() => z.looseObject({
  model: z
    .string({ error: (iss) => `model must be a string (got ${show(iss.input)})` })
    .check(z.refine((m) => m.trim().length > 0, { error: 'model must not be empty — pick a model first' })),
  messages: z
    .array(MessageSchema(), { error: (iss) => `messages must be a list (got ${show(iss.input)})` })
    .check(z.minLength(1, { error: 'messages must contain at least one message' })),
  max_tokens: z.optional(
    z
      .number({ error: (iss) => `max_tokens must be a positive whole number (got ${show(iss.input)})` })
      .check(z.refine((v) => Number.isInteger(v) && v > 0, { error: (iss) => `max_tokens must be a positive whole number (got ${show(iss.input)})` })),
  ),
  temperature: z.optional(numberIn('temperature', 0, 2)),
  top_p: z.optional(numberIn('top_p', 0, 1)),
  stop: z.optional(
    z.union([stopItem(), z.array(stopItem())], { error: (iss) => `stop must be a non-empty string or a list of non-empty strings (got ${show(iss.input)})` }),
  ),
  tools: z.optional(z.array(ToolSchema())),
  tool_choice: z.optional(ToolChoiceSchema()),
  extra: z.optional(z.record(z.string(), z.unknown(), { error: (iss) => `extra must be an object of request fields (got ${show(iss.input)})` })),
}).check(
  z.refine((r) => typeof r.tool_choice !== 'object' || (r.tools ?? []).some((t) => t.function.name === (r.tool_choice as { function: { name: string } }).function.name), {
    error: 'tool_choice names a function that is not in tools',
    path: ['tool_choice'],
  }),
));

/** Turns the first zod issue into one readable sentence naming the field, e.g. "messages[1].role must be …". */
export function describeIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return l10n.t('The request is invalid');
  const path = issue.path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
  const msg = issue.message;
  const leaf = issue.path[issue.path.length - 1];
  // Our messages start with the field's own name: prefix only the parent path (messages[1].).
  if (typeof leaf === 'string' && msg.startsWith(leaf)) return `${path.slice(0, -leaf.length)}${msg}`;
  if (msg.startsWith('must be')) return `${path} ${msg}`; // a list entry: "messages[0].content[1] must be …"
  return path ? `${path}: ${msg}` : msg;
}

const nullishString = () => z.nullish(z.string());

const usage = () =>
  z.jitObject({
    prompt_tokens: z.nullish(z.number()),
    completion_tokens: z.nullish(z.number()),
    total_tokens: z.nullish(z.number()),
    // Prime Intellect and OpenRouter, when asked with usage: {include: true}: what the request cost, in USD.
    cost: z.nullish(z.number()),
  });
export const UsageSchema = z.lazy(usage);

/**
 * One piece of a streamed tool call: `index` says which call (id, type and name come on its first piece only),
 * `arguments` is a piece of the JSON text (some servers send the whole object instead).
 */
const ToolCallDeltaSchema = () =>
  z.jitObject({
    index: z.nullish(z.number()),
    id: nullishString(),
    function: z.nullish(z.jitObject({ name: nullishString(), arguments: z.optional(z.unknown()) })),
    extra_content: z.optional(z.unknown()),
  });
export type ToolCallDelta = z.infer<ReturnType<typeof ToolCallDeltaSchema>>;

const DeltaSchema = () =>
  z.jitObject({
    content: nullishString(),
    reasoning_content: nullishString(),
    reasoning: nullishString(),
    refusal: nullishString(),
    tool_calls: z.nullish(z.array(ToolCallDeltaSchema())),
    // OpenRouter's reasoning blocks: kept as sent (checked where they are merged).
    reasoning_details: z.optional(z.unknown()),
  });

/**
 * One streamed chunk — only the fields the client reads. Unknown fields are accepted and left out of the parsed
 * copy (z.object strips instead of copying them: measurably cheaper on the hot path than a loose object). Parsed
 * once per chunk, so its objects are `jitObject`s (see src/zodMini.ts).
 */
export const ChunkSchema = z.lazy(() =>
  z.jitObject({
    choices: z.nullish(z.array(z.jitObject({ delta: z.nullish(DeltaSchema()), finish_reason: nullishString() }))),
    usage: z.nullish(usage()),
    x_groq: z.nullish(z.jitObject({ usage: z.nullish(usage()) })),
  }),
);
export type Chunk = z.infer<typeof ChunkSchema>;

export const CompletionSchema = z.lazy(() =>
  z.looseObject({
    choices: z
      .array(
        z.looseObject({
          message: z.nullish(
            z.looseObject({
              content: nullishString(),
              reasoning_content: nullishString(),
              reasoning: nullishString(),
              refusal: nullishString(),
              tool_calls: z.nullish(z.array(ToolCallDeltaSchema())),
              reasoning_details: z.optional(z.unknown()),
            }),
          ),
          finish_reason: nullishString(),
        }),
      )
      .check(z.minLength(1)),
    usage: z.nullish(usage()),
  }),
);

/** `{data: [...]}` (OpenAI), plus llama-server's extra `models[]`, or a bare array. */
export const ModelListSchema = z.lazy(() =>
  z.union([
    z.looseObject({ data: z.array(z.looseObject({})) }),
    z.looseObject({ models: z.array(z.looseObject({})) }),
    z.array(z.looseObject({})),
  ]),
);
