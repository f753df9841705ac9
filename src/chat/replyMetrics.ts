// Timing and token numbers of one reply, shown under it. Only what is known is reported: without a
// usage event there are no token counts and no tokens/s (an estimate would look like a measurement).
import type { Usage } from '../api/types';
import type { MessageMeta } from '../protocol';

export class ReplyMetrics {
  private firstTokenAt: number | undefined;
  private usage: Usage | undefined;

  constructor(
    private readonly model: string,
    private readonly now: () => number,
    private readonly startedAt = now(),
  ) {}

  /** Call on every text or reasoning chunk. */
  token(): void {
    this.firstTokenAt ??= this.now();
  }

  setUsage(usage: Usage): void {
    this.usage = usage;
  }

  meta(endedAt = this.now()): MessageMeta {
    const meta: MessageMeta = { model: this.model, durationMs: Math.max(0, endedAt - this.startedAt) };
    if (this.firstTokenAt !== undefined) meta.ttftMs = Math.max(0, this.firstTokenAt - this.startedAt);
    if (this.usage) {
      meta.promptTokens = this.usage.prompt_tokens;
      meta.completionTokens = this.usage.completion_tokens;
      meta.totalTokens = this.usage.total_tokens;
      const generationMs = this.firstTokenAt !== undefined ? endedAt - this.firstTokenAt : 0;
      // One chunk arriving at once has no measurable rate.
      if (generationMs > 0 && this.usage.completion_tokens > 1) {
        meta.tokensPerSecond = Math.round((this.usage.completion_tokens / (generationMs / 1000)) * 10) / 10;
      }
    }
    return meta;
  }
}
