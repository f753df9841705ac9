// The small line under a reply: model · tokens · time to first token · speed · cost.
import type { MessageMeta } from '../../protocol';
import { l10n } from '../pageL10n';

export function formatMeta(meta: MessageMeta | undefined): string {
  if (!meta) return '';
  const parts: string[] = [];
  if (meta.model) parts.push(meta.model);
  if (meta.promptTokens !== undefined || meta.completionTokens !== undefined) {
    parts.push(l10n.t('{0}→{1} tokens', meta.promptTokens ?? '?', meta.completionTokens ?? '?'));
  } else if (meta.totalTokens !== undefined) parts.push(l10n.t('{0} tokens', meta.totalTokens));
  if (meta.ttftMs !== undefined) parts.push(l10n.t('TTFT {0}', formatSeconds(meta.ttftMs)));
  if (meta.tokensPerSecond !== undefined && Number.isFinite(meta.tokensPerSecond)) {
    parts.push(l10n.t('{0} tok/s', meta.tokensPerSecond.toFixed(meta.tokensPerSecond < 10 ? 1 : 0)));
  }
  if (meta.costUsd !== undefined) parts.push(`${meta.costSource === 'pricing' ? '≈' : ''}${formatUsd(meta.costUsd)}`);
  if (meta.finishReason === 'length') parts.push(l10n.t('cut at the max-tokens limit'));
  else if (meta.finishReason === 'content_filter') parts.push(l10n.t('stopped by the content filter'));
  return parts.join(' · ');
}

/** "$0.0042", "$1.27", "<$0.0001", "$0" — enough digits to see a small amount, not a ledger. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.0001) return '<$0.0001';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  if (usd < 1) return `$${usd.toFixed(3)}`;
  return `$${usd.toFixed(2)}`;
}

/** What the replies of a conversation cost together (undefined when none was priced). */
export function conversationCost(messages: ReadonlyArray<{ meta?: MessageMeta }>): number | undefined {
  let total: number | undefined;
  for (const m of messages) if (m.meta?.costUsd !== undefined) total = (total ?? 0) + m.meta.costUsd;
  return total;
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
