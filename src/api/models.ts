// Turns whatever a server's /models returns into ModelInfo: every field is kept in `raw`, and what is known is
// read out — the context window, the longest reply, prices and capabilities — from the field names servers
// actually use (Prime Intellect, OpenRouter, vLLM, llama.cpp, Groq, LM Studio, Ollama and gateways).
import { ApiError } from './apiError';
import { ModelListSchema } from './schemas';
import type { ModelCapabilities, ModelInfo, ModelPricing, ServerProps } from './types';
import { l10n } from '../common/l10n';

const positive = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
};

const nonNegative = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
};

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()) : undefined;

/**
 * context_length (Prime/OpenRouter), context_window (Groq), max_model_len (vLLM), max_context_length (LM Studio),
 * top_provider.context_length, meta.n_ctx (llama.cpp: the server's real window) before meta.n_ctx_train (what
 * the model was trained for, often larger than the server runs it with)…
 */
export function contextLengthOf(raw: Record<string, unknown>): number | undefined {
  return (
    positive(raw.context_length) ??
    positive(raw.context_window) ??
    positive(raw.max_model_len) ??
    positive(raw.max_context_length) ??
    positive(raw.max_context_tokens) ??
    positive(obj(raw.top_provider)?.context_length) ??
    positive(obj(raw.meta)?.n_ctx) ??
    positive(obj(raw.meta)?.n_ctx_train) ??
    positive(obj(raw.limits)?.context_length)
  );
}

function maxOutputOf(raw: Record<string, unknown>): number | undefined {
  return (
    positive(obj(raw.top_provider)?.max_completion_tokens) ??
    positive(raw.max_completion_tokens) ??
    positive(raw.max_output_tokens) ??
    positive(obj(raw.limits)?.max_output_tokens)
  );
}

/** A price that is USD per token when below a cent (no model costs $10,000 per million), else per million. */
function perMillionGuess(v: unknown): number | undefined {
  const n = nonNegative(v);
  if (n === undefined) return undefined;
  return n > 0 && n < 0.01 ? roundPrice(n * 1_000_000) : n;
}

/** Keeps prices readable after the per-token → per-million multiplication (0.00000088 × 1e6 = 0.88, not 0.8799…). */
function roundPrice(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

/**
 * Prime Intellect's CLI reads `pricing.input_usd_per_mtok` / `output_usd_per_mtok` (per million); OpenRouter sends
 * `pricing.prompt` / `completion` as USD per token (strings); others send `input` / `output` in either unit.
 */
export function pricingOf(raw: Record<string, unknown>): ModelPricing | undefined {
  const p = obj(raw.pricing);
  if (!p) return undefined;
  const input = nonNegative(p.input_usd_per_mtok) ?? perMillionGuess(p.prompt ?? p.input);
  const output = nonNegative(p.output_usd_per_mtok) ?? perMillionGuess(p.completion ?? p.output);
  if (input === undefined && output === undefined) return undefined;
  return { ...(input !== undefined ? { inputPerMTok: input } : {}), ...(output !== undefined ? { outputPerMTok: output } : {}) };
}

const VISION_WORDS = new Set(['vision', 'image', 'images', 'image_input', 'multimodal']);
const TOOL_WORDS = new Set(['tools', 'tool_use', 'tool_calls', 'tool_calling', 'function_calling', 'functions']);
const REASONING_WORDS = new Set(['reasoning', 'reasoning_effort', 'include_reasoning', 'thinking']);

/**
 * OpenRouter: `architecture.input_modalities` (or `architecture.modality` "text+image->text") and
 * `supported_parameters` (a list: what is missing from it is not supported). Ollama and gateways: a
 * `capabilities` list or an object of flags. LM Studio: `type: "vlm"`.
 */
export function capabilitiesOf(raw: Record<string, unknown>): ModelCapabilities {
  const caps: ModelCapabilities = {};
  const arch = obj(raw.architecture);
  const modalities = strings(arch?.input_modalities) ?? strings(raw.input_modalities);
  if (modalities) caps.vision = modalities.includes('image');
  else if (typeof arch?.modality === 'string') caps.vision = /image/i.test(arch.modality.split('->')[0] ?? '');
  if (raw.type === 'vlm') caps.vision = true;

  const params = strings(raw.supported_parameters);
  if (params) {
    caps.tools = params.some((x) => TOOL_WORDS.has(x));
    caps.reasoning = params.some((x) => REASONING_WORDS.has(x));
  }

  const list = strings(raw.capabilities);
  if (list) {
    if (list.some((x) => VISION_WORDS.has(x))) caps.vision = true;
    if (list.some((x) => TOOL_WORDS.has(x))) caps.tools = true;
    if (list.some((x) => REASONING_WORDS.has(x))) caps.reasoning = true;
  }
  const flags = obj(raw.capabilities);
  if (flags) {
    for (const [name, value] of Object.entries(flags)) {
      if (typeof value !== 'boolean') continue;
      const word = name.toLowerCase().replace(/^supports_/, '');
      if (VISION_WORDS.has(word)) caps.vision = value;
      else if (TOOL_WORDS.has(word)) caps.tools = value;
      else if (REASONING_WORDS.has(word)) caps.reasoning = value;
    }
  }
  for (const [flag, key] of [['supports_vision', 'vision'], ['supports_function_calling', 'tools'], ['supports_reasoning', 'reasoning']] as const) {
    if (typeof raw[flag] === 'boolean') caps[key] = raw[flag];
  }
  return caps;
}

export function toModelInfo(raw: Record<string, unknown>): ModelInfo | undefined {
  const id = [raw.id, raw.model, raw.name].find((v): v is string => typeof v === 'string' && v.length > 0);
  if (!id) return undefined;
  const info: ModelInfo = { id, capabilities: capabilitiesOf(raw), raw };
  if (typeof raw.owned_by === 'string') info.owned_by = raw.owned_by;
  if (typeof raw.created === 'number') info.created = raw.created;
  const ctx = contextLengthOf(raw);
  if (ctx !== undefined) info.contextLength = ctx;
  const maxOutput = maxOutputOf(raw);
  if (maxOutput !== undefined) info.maxOutputTokens = maxOutput;
  const pricing = pricingOf(raw);
  if (pricing) info.pricing = pricing;
  return info;
}

/** Reads a /models body: OpenAI `{data}`, llama-server's extra `models[]` (ignored when data is present), or a bare array. */
export function parseModelList(json: unknown, host: string): ModelInfo[] {
  const parsed = ModelListSchema.safeParse(json);
  if (!parsed.success) throw new ApiError('server', 'invalid_response', l10n.t('{0} returned a model list in an unexpected shape (expected {"data": [...]})', host));
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
  if (!info) throw new ApiError('server', 'invalid_response', l10n.t('{0} returned a model in an unexpected shape (expected an object with an "id")', host));
  return info;
}

/** llama.cpp's /props: `default_generation_settings.n_ctx` (per slot) and `modalities.vision`. */
export function parseServerProps(json: unknown): ServerProps | undefined {
  const o = obj(json);
  if (!o) return undefined;
  const props: ServerProps = {};
  const ctx = positive(obj(o.default_generation_settings)?.n_ctx) ?? positive(o.n_ctx);
  if (ctx !== undefined) props.contextLength = ctx;
  const vision = obj(o.modalities)?.vision;
  if (typeof vision === 'boolean') props.vision = vision;
  return Object.keys(props).length > 0 ? props : undefined;
}
