// zod schemas at the client's boundaries: the request we send, and the (lenient) shapes we read back.
// Response schemas check only the fields the client uses; unknown fields pass through untouched. Each exported
// schema is a z.lazy, built on its first parse rather than when the extension loads.
import * as z from '../common/zodMini';

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

const MessageSchema = () =>
  z.object({
    role: z.enum(['system', 'user', 'assistant'], {
      error: (iss) => `role must be "system", "user" or "assistant" (got ${show(iss.input)})`,
    }),
    content: z.string({ error: (iss) => `content must be a string (got ${show(iss.input)})` }),
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
  extra: z.optional(z.record(z.string(), z.unknown(), { error: (iss) => `extra must be an object of request fields (got ${show(iss.input)})` })),
}));

/** Turns the first zod issue into one readable sentence naming the field, e.g. "messages[1].role must be …". */
export function describeIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request is invalid';
  const path = issue.path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
  const msg = issue.message;
  const leaf = issue.path[issue.path.length - 1];
  // Our messages start with the field's own name: prefix only the parent path (messages[1].).
  if (typeof leaf === 'string' && msg.startsWith(leaf)) return `${path.slice(0, -leaf.length)}${msg}`;
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

const DeltaSchema = () =>
  z.jitObject({
    content: nullishString(),
    reasoning_content: nullishString(),
    reasoning: nullishString(),
    refusal: nullishString(),
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
          message: z.nullish(z.looseObject({ content: nullishString(), reasoning_content: nullishString(), reasoning: nullishString(), refusal: nullishString() })),
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
