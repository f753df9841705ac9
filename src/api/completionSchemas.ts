// zod schemas of the fill-in-the-middle endpoints: the two requests (checked before sending, messages naming the
// field) and the pieces read back — lenient like the chat's: only the fields the client reads, the rest passes.
import * as z from '../common/zodMini';
import { UsageSchema } from './schemas';

const nullishString = () => z.nullish(z.string());
const positiveInt = () => z.number().check(z.refine((v) => Number.isInteger(v) && v > 0, { error: 'must be a positive whole number' }));
const between = (min: number, max: number) => z.number().check(z.refine((v) => v >= min && v <= max, { error: `must be between ${min} and ${max}` }));
const stops = () => z.array(z.string().check(z.minLength(1, { error: 'stop sequences must be non-empty strings' })));

export const TextCompletionRequestSchema = z.lazy(() =>
  z.object({
    model: z.string().check(z.refine((m) => m.trim().length > 0, { error: 'model must not be empty — pick a model first' })),
    prompt: z.string(),
    suffix: z.optional(z.string()),
    max_tokens: z.optional(positiveInt()),
    temperature: z.optional(between(0, 2)),
    top_p: z.optional(between(0, 1)),
    stop: z.optional(stops()),
  }),
);

export const InfillRequestSchema = z.lazy(() =>
  z.object({
    input_prefix: z.string(),
    input_suffix: z.string(),
    input_extra: z.optional(z.array(z.object({ filename: z.string(), text: z.string() }))),
    prompt: z.optional(z.string()),
    n_predict: z.optional(positiveInt()),
    cache_prompt: z.optional(z.boolean()),
    t_max_predict_ms: z.optional(positiveInt()),
    temperature: z.optional(between(0, 2)),
    top_p: z.optional(between(0, 1)),
    stop: z.optional(stops()),
    model: z.optional(z.string()),
  }),
);

/**
 * One piece of a `/completions` stream, or its whole JSON reply: `choices[0].text`, the finish reason, and usage
 * (OpenAI and vLLM on a last `choices: []` chunk when asked with stream_options, llama.cpp on the finish chunk).
 * Parsed once per piece: `jitObject`s, like the chat's chunk.
 */
export const TextPieceSchema = z.lazy(() =>
  z.jitObject({
    choices: z.nullish(z.array(z.jitObject({ text: nullishString(), finish_reason: nullishString() }))),
    usage: z.nullish(UsageSchema),
  }),
);
export type TextPiece = z.infer<typeof TextPieceSchema>;

/**
 * One `data:` line of llama.cpp's `/infill` stream, or its whole JSON reply: `content`, `stop` (true on the last
 * one), `stop_type` (`eos`, `word`, `limit`) and the token counts (`tokens_evaluated`: the prompt).
 */
export const InfillPieceSchema = z.lazy(() =>
  z.jitObject({
    content: nullishString(),
    stop: z.nullish(z.boolean()),
    stop_type: nullishString(),
    tokens_predicted: z.nullish(z.number()),
    tokens_evaluated: z.nullish(z.number()),
  }),
);
export type InfillPiece = z.infer<typeof InfillPieceSchema>;
