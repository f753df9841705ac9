// Which models can fill in the middle, for the model picker (void#551: "no models support FIM" when the user could
// not tell which ones do). Evidence, strongest first: what the server says about the model (Ollama's `insert`
// capability, Mistral's `completion_fim`, an embedding model's type), then the family its id names.
//
// Chat- and instruct-tuned variants of a coder family ("-instruct", "-chat", "-it") keep their family's FIM tokens and
// often still fill (Code Llama's and DeepSeek-Coder's instruct models were trained with infilling too), but less
// reliably than the base model and with chat habits (prose, fences). They are reported `fim: true` with a weaker
// `why` that says so, so the picker lists them and the user can still prefer the base model; cleanSuggestion
// removes their habits.
import type { ModelInfo } from '../../api/types';
import { l10n } from '../../common/l10n';
import { FAMILY_NAMES, fimFamilyOf, type FimFamily } from './fimTemplates';

/** Ids that name a chat- or instruct-tuned variant. */
const CHAT_VARIANT = /(?:^|[-_:.\s/])(?:instruct|chat|it|rlhf)(?:$|[-_:.\s])/i;

export function canFillInMiddle(model: ModelInfo): { fim: boolean; family?: FimFamily; why: string } {
  const raw = model.raw ?? {};
  const said = serverSays(raw);
  if (said === 'embedding') return { fim: false, why: l10n.t('an embedding model: it does not write text') };
  const names = idsOf(model, raw);
  const family = names.map(fimFamilyOf).find((f) => f !== undefined);
  if (said === 'no') {
    return { fim: false, family, why: l10n.t('the server says this model cannot fill in the middle') };
  }
  if (family === undefined) {
    if (said === 'yes') return { fim: true, why: l10n.t('the server says this model can fill in the middle') };
    if (names.some((n) => /code-?llama/i.test(n) && /\b34b\b/i.test(n))) {
      return { fim: false, why: l10n.t('Code Llama 34B was trained without fill-in-the-middle') };
    }
    return { fim: false, why: l10n.t('no fill-in-the-middle training known for this model: completions would use the slower chat prompt') };
  }
  const name = FAMILY_NAMES[family];
  if (names.some((n) => CHAT_VARIANT.test(n))) {
    return { fim: true, family, why: l10n.t('{0}, a chat-tuned variant: fills in the middle less reliably than the base model', name) };
  }
  return { fim: true, family, why: l10n.t('{0}: trained to fill in the middle', name) };
}

/** The model's names: its id, and the original names servers keep beside an alias (vLLM's root, OpenRouter's HF id). */
function idsOf(model: ModelInfo, raw: Record<string, unknown>): string[] {
  const names = [model.id];
  for (const field of ['root', 'hugging_face_id', 'canonical_slug', 'name', 'model']) {
    const value = raw[field];
    if (typeof value === 'string' && value.trim() !== '' && !names.includes(value)) names.push(value);
  }
  return names;
}

/** What the server's own metadata says: Ollama `capabilities: ["completion", "insert"]`, Mistral `capabilities.completion_fim`, LM Studio `type`. */
function serverSays(raw: Record<string, unknown>): 'yes' | 'no' | 'embedding' | undefined {
  const type = raw.type;
  if (typeof type === 'string' && /^embeddings?$/i.test(type)) return 'embedding';
  const capabilities = raw.capabilities;
  if (Array.isArray(capabilities)) {
    if (capabilities.includes('insert')) return 'yes';
    if (capabilities.includes('embedding') && !capabilities.includes('completion')) return 'embedding';
    if (capabilities.includes('completion')) return 'no';
    return undefined;
  }
  if (capabilities && typeof capabilities === 'object') {
    const fim = (capabilities as Record<string, unknown>).completion_fim;
    if (fim === true) return 'yes';
    if (fim === false) return 'no';
  }
  return undefined;
}
