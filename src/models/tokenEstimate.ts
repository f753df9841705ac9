// Token estimates for the context budget, the native-chat provider's provideTokenCount and the "this will not
// fit" checks. No tokenizer fits every server, so this is a heuristic that errs on the high side for the
// subword tokenizers mainstream models use (BPE / SentencePiece with merges), corrected per model by what
// the server reports back (usage.prompt_tokens).
//
// The heuristic, per text:
// - ASCII: one token per 3 characters. English prose is ≈4 characters per token and code ≈3.3 on GPT-4-,
//   Llama-3- and Qwen-class tokenizers, so 3 overestimates by 10–30%.
// - other characters of the Basic Multilingual Plane (accents, Cyrillic, CJK…): 1.5 tokens each (CJK is
//   ≈1–1.5 tokens per character on those tokenizers);
// - characters beyond it (emoji, rare CJK): 3 tokens each (they are 4 UTF-8 bytes).
// Per message: 4 tokens for the role and the chat template's markers; per request: 3 for the reply's
// priming. An image part counts as IMAGE_TOKENS.
//
// Tokenizers without merges (byte-level fallback, as in tiny test models) produce ≈1 token per byte, three
// times the heuristic, and their chat-template markup costs dozens of tokens: `TokenCalibration` learns that
// from the server's counts and corrects the estimate from the first reply on.
import type { ChatMessage } from '../api/types';

export const MESSAGE_OVERHEAD_TOKENS = 4;
export const REPLY_PRIMING_TOKENS = 3;
/** What one image costs on typical vision models (OpenAI's 'high' detail for a 1024² image is 765). */
export const IMAGE_TOKENS = 1000;

/** The heuristic estimate of one text's tokens (see the top of this file). */
export function estimateTextTokens(text: string): number {
  let ascii = 0;
  let bmp = 0;
  let astral = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) ascii++;
    else if (code >= 0xd800 && code <= 0xdbff) {
      astral++;
      i++; // the low surrogate belongs to this character
    } else bmp++;
  }
  return Math.ceil(ascii / 3 + bmp * 1.5 + astral * 3);
}

/** The text of a message's content, and how many images it carries. */
function contentOf(message: Pick<ChatMessage, 'content'>): { text: string; images: number } {
  const content: unknown = message.content;
  if (typeof content === 'string') return { text: content, images: 0 };
  let text = '';
  let images = 0;
  if (Array.isArray(content)) {
    for (const part of content as Array<{ type?: unknown; text?: unknown }>) {
      if (part?.type === 'text' && typeof part.text === 'string') text += part.text;
      else if (part?.type === 'image_url') images++;
    }
  }
  return { text, images };
}

/** One message's estimate, template overhead included. */
export function estimateMessageTokens(message: Pick<ChatMessage, 'content'>): number {
  const { text, images } = contentOf(message);
  return estimateTextTokens(text) + images * IMAGE_TOKENS + MESSAGE_OVERHEAD_TOKENS;
}

/** A whole request's prompt estimate. */
export function estimatePromptTokens(messages: ReadonlyArray<Pick<ChatMessage, 'content'>>): number {
  let total = REPLY_PRIMING_TOKENS;
  for (const m of messages) total += estimateMessageTokens(m);
  return total;
}

/** The key of a model in TokenCalibration: every caller (chat budget, native chat) uses this one. */
export function calibrationKey(providerId: string, modelId: string): string {
  return `${providerId}\u0000${modelId}`;
}

/** How many recent observations per model the calibration keeps. */
const MAX_OBSERVATIONS = 16;

/**
 * Learns, per model, how the server's count relates to the heuristic, from `usage.prompt_tokens`: a line
 * (count ≈ slope × estimate + offset, fitted by least squares over the last observations, then raised by
 * the largest amount any observation lies above it), so the estimate stays at or above every count seen.
 * The offset matters for tokenizers without merges, whose chat-template markup alone costs dozens of
 * tokens. It only ever raises the heuristic (which already errs high for subword tokenizers). Kept for the
 * session.
 */
export class TokenCalibration {
  private readonly observations = new Map<string, Array<{ estimated: number; actual: number }>>();

  /** Records what the server said a prompt took against the heuristic for that prompt. */
  observe(modelKey: string, estimated: number, actual: number): void {
    if (!(estimated > 0) || !(actual > 0)) return;
    const list = this.observations.get(modelKey) ?? [];
    list.push({ estimated, actual });
    if (list.length > MAX_OBSERVATIONS) list.shift();
    this.observations.set(modelKey, list);
  }

  /** The heuristic estimate, corrected by what was learned about this model (never below the heuristic). */
  scale(modelKey: string, estimated: number): number {
    const list = this.observations.get(modelKey);
    if (!list || list.length === 0 || estimated <= 0) return Math.ceil(estimated);
    const { slope, offset } = fit(list);
    return Math.max(Math.ceil(estimated), Math.ceil(slope * estimated + offset));
  }
}

/** Least squares over the observations (a proportional line for one, or for many at one size), lifted over all. */
function fit(list: ReadonlyArray<{ estimated: number; actual: number }>): { slope: number; offset: number } {
  const n = list.length;
  const meanX = list.reduce((a, o) => a + o.estimated, 0) / n;
  const meanY = list.reduce((a, o) => a + o.actual, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const o of list) {
    sxx += (o.estimated - meanX) ** 2;
    sxy += (o.estimated - meanX) * (o.actual - meanY);
  }
  let slope = sxx > 0 ? sxy / sxx : meanY / meanX;
  let offset = sxx > 0 ? meanY - slope * meanX : 0;
  if (slope <= 0) {
    // Counts that shrink as prompts grow are noise: fall back to the largest ratio seen.
    slope = Math.max(...list.map((o) => o.actual / o.estimated));
    offset = 0;
  }
  const lift = Math.max(0, ...list.map((o) => o.actual - (slope * o.estimated + offset)));
  return { slope, offset: offset + lift };
}
