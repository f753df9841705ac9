// zod schemas at the client's boundaries: the request we send, and the (lenient) shapes we read back.
// Response schemas check only the fields the client uses; unknown fields pass through untouched.
import { z } from 'zod';

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
    .refine((v) => v >= min && v <= max, { error: (iss) => `${name} must be between ${min} and ${max} (got ${show(iss.input)})` });

const MessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant'], {
    error: (iss) => `role must be "system", "user" or "assistant" (got ${show(iss.input)})`,
  }),
  content: z.string({ error: (iss) => `content must be a string (got ${show(iss.input)})` }),
});

const stopItem = z.string().min(1, { error: 'stop sequences must be non-empty strings' });

export const ChatRequestSchema = z.looseObject({
  model: z
    .string({ error: (iss) => `model must be a string (got ${show(iss.input)})` })
    .refine((m) => m.trim().length > 0, { error: 'model must not be empty — pick a model first' }),
  messages: z
    .array(MessageSchema, { error: (iss) => `messages must be a list (got ${show(iss.input)})` })
    .min(1, { error: 'messages must contain at least one message' }),
  max_tokens: z
    .number({ error: (iss) => `max_tokens must be a positive whole number (got ${show(iss.input)})` })
    .refine((v) => Number.isInteger(v) && v > 0, { error: (iss) => `max_tokens must be a positive whole number (got ${show(iss.input)})` })
    .optional(),
  temperature: numberIn('temperature', 0, 2).optional(),
  top_p: numberIn('top_p', 0, 1).optional(),
  stop: z
    .union([stopItem, z.array(stopItem)], { error: (iss) => `stop must be a non-empty string or a list of non-empty strings (got ${show(iss.input)})` })
    .optional(),
});

/** Turns the first zod issue into one readable sentence naming the field, e.g. "messages[1].role must be …". */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request is invalid';
  const path = issue.path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
  const msg = issue.message;
  const leaf = issue.path[issue.path.length - 1];
  // Our messages start with the field's own name: prefix only the parent path (messages[1].).
  if (typeof leaf === 'string' && msg.startsWith(leaf)) return `${path.slice(0, -leaf.length)}${msg}`;
  return path ? `${path}: ${msg}` : msg;
}

const nullishString = z.string().nullish();

export const UsageSchema = z.object({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  total_tokens: z.number().nullish(),
});

const DeltaSchema = z.object({
  content: nullishString,
  reasoning_content: nullishString,
  reasoning: nullishString,
  refusal: nullishString,
});

/**
 * One streamed chunk — only the fields the client reads. Unknown fields are accepted and left out of the parsed
 * copy (z.object strips instead of copying them: measurably cheaper on the hot path than a loose object).
 */
export const ChunkSchema = z.object({
  choices: z.array(z.object({ delta: DeltaSchema.nullish(), finish_reason: nullishString })).nullish(),
  usage: UsageSchema.nullish(),
  x_groq: z.object({ usage: UsageSchema.nullish() }).nullish(),
});
export type Chunk = z.infer<typeof ChunkSchema>;

export const CompletionSchema = z.looseObject({
  choices: z
    .array(
      z.looseObject({
        message: z.looseObject({ content: nullishString, reasoning_content: nullishString, reasoning: nullishString, refusal: nullishString }).nullish(),
        finish_reason: nullishString,
      }),
    )
    .min(1),
  usage: UsageSchema.nullish(),
});

export const ModelEntrySchema = z.looseObject({ id: z.string().min(1) });

/** `{data: [...]}` (OpenAI), plus llama-server's extra `models[]`, or a bare array. */
export const ModelListSchema = z.union([
  z.looseObject({ data: z.array(z.looseObject({})) }),
  z.looseObject({ models: z.array(z.looseObject({})) }),
  z.array(z.looseObject({})),
]);
