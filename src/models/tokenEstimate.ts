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
// times the heuristic: `TokenCalibration` learns that ratio from the first reply and applies it after.
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

/** Observations below this many estimated tokens are mostly template overhead: they do not calibrate. */
const MIN_CALIBRATION_TOKENS = 32;
/** A tokenizer this far from the heuristic is more likely a server that counts something else. */
const MAX_FACTOR = 6;

/**
 * Learns, per model, how much more the server counts than the heuristic: the factor is the largest ratio seen
 * (so the estimate stays on the high side), never below 1 and never above MAX_FACTOR. Kept for the session.
 */
export class TokenCalibration {
  private readonly factors = new Map<string, number>();

  /** Records what the server said a prompt took (`usage.prompt_tokens`) against the heuristic for that prompt. */
  observe(modelKey: string, estimated: number, actual: number): void {
    if (!(estimated >= MIN_CALIBRATION_TOKENS) || !(actual > 0)) return;
    const ratio = Math.min(MAX_FACTOR, actual / estimated);
    if (ratio > (this.factors.get(modelKey) ?? 1)) this.factors.set(modelKey, ratio);
  }

  factor(modelKey: string): number {
    return this.factors.get(modelKey) ?? 1;
  }

  /** The heuristic estimate scaled by what was learned about this model. */
  scale(modelKey: string, estimated: number): number {
    return Math.ceil(estimated * this.factor(modelKey));
  }
}
