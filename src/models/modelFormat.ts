// How a model's facts read in the UI: context length, prices, the one-line detail. Pure (no `vscode`); the
// picker, the native-chat tooltips and the chat all use these.
import type { ModelInfo } from '../api/types';

/** "131072" → "128K context" (binary K, as model cards use). */
export function formatContextLength(tokens: number): string {
  if (tokens >= 1_048_576 && tokens % 1_048_576 === 0) return `${tokens / 1_048_576}M context`;
  if (tokens >= 1024) {
    const k = tokens / 1024;
    return `${Number.isInteger(k) ? k : Math.round(tokens / 1000)}K context`;
  }
  return `${tokens} context`;
}

/**
 * A price as USD per million tokens. Servers send either USD per token (Prime Intellect, OpenRouter:
 * "0.000003") or already per million ("3"); values below one cent are taken as per token.
 */
export function perMillion(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n < 0) return undefined;
  return n > 0 && n < 0.01 ? n * 1_000_000 : n;
}

function usd(n: number): string {
  if (n === 0) return '$0';
  return n >= 10 ? `$${n.toFixed(0)}` : n >= 0.1 ? `$${n.toFixed(2)}` : `$${n.toPrecision(2)}`;
}

export function formatPricing(pricing: ModelInfo['pricing']): string | undefined {
  const input = perMillion(pricing?.prompt);
  const output = perMillion(pricing?.completion);
  if (input === undefined && output === undefined) return undefined;
  if (input === 0 && (output === undefined || output === 0)) return 'free';
  return `${input !== undefined ? usd(input) : '?'} in / ${output !== undefined ? usd(output) : '?'} out per 1M tokens`;
}

/** The detail line: owner · context · pricing (whatever the server gave). */
export function modelDetail(model: ModelInfo): string | undefined {
  const parts: string[] = [];
  if (model.owned_by) parts.push(model.owned_by);
  if (model.contextLength) parts.push(formatContextLength(model.contextLength));
  const price = formatPricing(model.pricing);
  if (price) parts.push(price);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
