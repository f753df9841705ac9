// Turns whatever a server's /models returns into ModelInfo, reading the context window from any known field.
import { ApiError } from './errors';
import { ModelListSchema } from './schemas';
import type { ModelInfo } from './types';

const positive = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
};

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** context_length (Prime/OpenRouter), context_window (Groq), max_model_len (vLLM), top_provider.context_length, meta.n_ctx_train (llama.cpp)… */
export function contextLengthOf(raw: Record<string, unknown>): number | undefined {
  return (
    positive(raw.context_length) ??
    positive(raw.context_window) ??
    positive(raw.max_model_len) ??
    positive(raw.max_context_length) ??
    positive(raw.max_context_tokens) ??
    positive(obj(raw.top_provider)?.context_length) ??
    positive(obj(raw.meta)?.n_ctx_train) ??
    positive(obj(raw.meta)?.n_ctx) ??
    positive(obj(raw.limits)?.context_length)
  );
}

export function toModelInfo(raw: Record<string, unknown>): ModelInfo | undefined {
  const id = [raw.id, raw.model, raw.name].find((v): v is string => typeof v === 'string' && v.length > 0);
  if (!id) return undefined;
  const info: ModelInfo = { id, raw };
  if (typeof raw.owned_by === 'string') info.owned_by = raw.owned_by;
  if (typeof raw.created === 'number') info.created = raw.created;
  const ctx = contextLengthOf(raw);
  if (ctx !== undefined) info.contextLength = ctx;
  const pricing = obj(raw.pricing);
  if (pricing) {
    const price = (v: unknown): string | number | undefined => (typeof v === 'string' || typeof v === 'number' ? v : undefined);
    const prompt = price(pricing.prompt ?? pricing.input);
    const completion = price(pricing.completion ?? pricing.output);
    if (prompt !== undefined || completion !== undefined) {
      info.pricing = {};
      if (prompt !== undefined) info.pricing.prompt = prompt;
      if (completion !== undefined) info.pricing.completion = completion;
    }
  }
  return info;
}

/** Reads a /models body: OpenAI `{data}`, llama-server's extra `models[]` (ignored when data is present), or a bare array. */
export function parseModelList(json: unknown, host: string): ModelInfo[] {
  const parsed = ModelListSchema.safeParse(json);
  if (!parsed.success) throw new ApiError('invalid_response', `${host} returned a model list in an unexpected shape (expected {"data": [...]})`);
  const value = parsed.data;
  const entries = Array.isArray(value) ? value : 'data' in value && Array.isArray(value.data) ? (value.data as Record<string, unknown>[]) : (value.models as Record<string, unknown>[]);
  const seen = new Set<string>();
  const out: ModelInfo[] = [];
  for (const entry of entries) {
    const info = toModelInfo(entry);
    if (info && !seen.has(info.id)) {
      seen.add(info.id);
      out.push(info);
    }
  }
  return out;
}

export function parseModel(json: unknown, host: string): ModelInfo {
  const o = obj(json);
  // Some servers wrap one model as {data: {...}}.
  const info = o ? (toModelInfo(o) ?? (obj(o.data) ? toModelInfo(obj(o.data)!) : undefined)) : undefined;
  if (!info) throw new ApiError('invalid_response', `${host} returned a model in an unexpected shape (expected an object with an "id")`);
  return info;
}
