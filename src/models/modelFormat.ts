// How a model's facts read in the UI: context length, prices, the one-line detail. Pure (no `vscode`); the
// picker, the native-chat tooltips and the chat all use these.
import type { ModelCapabilities, ModelInfo, ModelPricing } from '../api/types';
import { l10n } from '../common/l10n';

/** "131072" → "128K context" (binary K, as model cards use). */
export function formatContextLength(tokens: number): string {
  if (tokens >= 1_048_576 && tokens % 1_048_576 === 0) return l10n.t('{0}M context', tokens / 1_048_576);
  if (tokens >= 1024) {
    const k = tokens / 1024;
    return l10n.t('{0}K context', Number.isInteger(k) ? k : Math.round(tokens / 1000));
  }
  return l10n.t('{0} context', tokens);
}

function usd(n: number): string {
  if (n === 0) return '$0';
  return n >= 10 ? `$${n.toFixed(0)}` : n >= 0.1 ? `$${n.toFixed(2)}` : `$${n.toPrecision(2)}`;
}

/** "$0.88 in / $0.88 out per 1M tokens", "free", or undefined when the server gave no prices. */
export function formatPricing(pricing: ModelPricing | undefined): string | undefined {
  const input = pricing?.inputPerMTok;
  const output = pricing?.outputPerMTok;
  if (input === undefined && output === undefined) return undefined;
  if (input === 0 && (output === undefined || output === 0)) return l10n.t('free');
  return l10n.t('{0} in / {1} out per 1M tokens', input !== undefined ? usd(input) : '?', output !== undefined ? usd(output) : '?');
}

/** "vision, tools, reasoning": what the model is known to take (nothing when unknown or plain text). */
export function formatCapabilities(caps: ModelCapabilities): string | undefined {
  const names = [caps.vision && l10n.t('vision'), caps.tools && l10n.t('tools'), caps.reasoning && l10n.t('reasoning')].filter((n): n is string => !!n);
  return names.length > 0 ? names.join(', ') : undefined;
}

/** The detail line: owner · context · pricing · capabilities (whatever is known). */
export function modelDetail(model: Pick<ModelInfo, 'owned_by' | 'contextLength' | 'pricing' | 'capabilities'>): string | undefined {
  const parts: string[] = [];
  if (model.owned_by) parts.push(model.owned_by);
  if (model.contextLength) parts.push(formatContextLength(model.contextLength));
  const price = formatPricing(model.pricing);
  if (price) parts.push(price);
  const caps = formatCapabilities(model.capabilities);
  if (caps) parts.push(caps);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
