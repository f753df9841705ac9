// Parses `inferenceChat.modelOverrides`: per model id, what the user knows better than the server (window,
// reply limit, vision, tool calling, reasoning effort, extra request fields). A broken entry is reported by
// its model id and field and left out; the others still apply. Pure.
import type { ModelOverride } from '../../models/modelProfile';
import { REASONING_EFFORTS } from '../../models/modelProfile';
import type { SettingProblem } from './settingProblem';
import { show } from './showValue';
import { l10n } from '../../common/l10n';

const ID = 'inferenceChat.modelOverrides';
/** Fields the client sets itself: an override must not replace them (the request would no longer be ours). */
const RESERVED_BODY_FIELDS = new Set(['model', 'messages', 'stream', 'stream_options', 'tools', 'tool_choice']);
const FIELDS = ['contextWindow', 'maxOutputTokens', 'vision', 'toolCalling', 'reasoningEffort', 'extraBody'];

function positiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 100_000_000;
}

/** One entry (`where` is `inferenceChat.modelOverrides["id"]`); the problem's message or the override. */
function parseEntry(value: unknown, where: string): { override: ModelOverride } | { problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: l10n.t('Setting {0} must be an object such as {1} (found {2}).', where, '{"contextWindow": 32768, "vision": true}', show(value)) };
  }
  const entry = value as Record<string, unknown>;
  const unknown = Object.keys(entry).find((k) => !FIELDS.includes(k));
  if (unknown) return { problem: l10n.t('Setting {0}.{1} is not an override; use {2}.', where, unknown, FIELDS.join(', ')) };
  const out: ModelOverride = {};
  for (const field of ['contextWindow', 'maxOutputTokens'] as const) {
    if (entry[field] === undefined) continue;
    if (!positiveInt(entry[field])) return { problem: l10n.t('Setting {0}.{1} must be a whole number of tokens of at least 1 (found {2}).', where, field, show(entry[field])) };
    out[field] = entry[field];
  }
  for (const field of ['vision', 'toolCalling'] as const) {
    if (entry[field] === undefined) continue;
    if (typeof entry[field] !== 'boolean') return { problem: l10n.t('Setting {0}.{1} must be true or false (found {2}).', where, field, show(entry[field])) };
    out[field] = entry[field];
  }
  if (entry.reasoningEffort !== undefined) {
    const effort = entry.reasoningEffort;
    if (typeof effort !== 'string' || !(REASONING_EFFORTS as readonly string[]).includes(effort)) {
      return { problem: l10n.t('Setting {0}.reasoningEffort must be "low", "medium" or "high" (found {1}).', where, show(effort)) };
    }
    out.reasoningEffort = effort as ModelOverride['reasoningEffort'];
  }
  if (entry.extraBody !== undefined) {
    const body = entry.extraBody;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return { problem: l10n.t('Setting {0}.extraBody must be an object of request fields, e.g. {1} (found {2}).', where, '{"top_k": 20}', show(body)) };
    }
    const reserved = Object.keys(body).find((k) => RESERVED_BODY_FIELDS.has(k));
    if (reserved) return { problem: l10n.t('Setting {0}.extraBody must not set "{1}": the extension sets it itself.', where, reserved) };
    out.extraBody = body as Record<string, unknown>;
  }
  return { override: out };
}

export function parseModelOverrides(value: unknown, problems: SettingProblem[]): Record<string, ModelOverride> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ setting: ID, message: l10n.t('Setting {0} must be an object mapping model ids to overrides (found {1}).', ID, show(value)) });
    return {};
  }
  const out: Record<string, ModelOverride> = {};
  for (const [modelId, entry] of Object.entries(value as Record<string, unknown>)) {
    const parsed = parseEntry(entry, `${ID}[${JSON.stringify(modelId)}]`);
    if ('problem' in parsed) problems.push({ setting: ID, message: parsed.problem });
    else out[modelId] = parsed.override;
  }
  return out;
}
