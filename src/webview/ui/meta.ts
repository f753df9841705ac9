// The small line under a reply: model · tokens · time to first token · speed.
import type { MessageMeta } from '../../protocol';

export function formatMeta(meta: MessageMeta | undefined): string {
  if (!meta) return '';
  const parts: string[] = [];
  if (meta.model) parts.push(meta.model);
  if (meta.promptTokens !== undefined || meta.completionTokens !== undefined) {
    parts.push(`${meta.promptTokens ?? '?'}→${meta.completionTokens ?? '?'} tokens`);
  } else if (meta.totalTokens !== undefined) parts.push(`${meta.totalTokens} tokens`);
  if (meta.ttftMs !== undefined) parts.push(`TTFT ${formatSeconds(meta.ttftMs)}`);
  if (meta.tokensPerSecond !== undefined && Number.isFinite(meta.tokensPerSecond)) {
    parts.push(`${meta.tokensPerSecond.toFixed(meta.tokensPerSecond < 10 ? 1 : 0)} tok/s`);
  }
  if (meta.finishReason === 'length') parts.push('cut at the max-tokens limit');
  else if (meta.finishReason === 'content_filter') parts.push('stopped by the content filter');
  return parts.join(' · ');
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
