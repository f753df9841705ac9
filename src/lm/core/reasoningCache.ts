// What a server wants back with the assistant message of its tool calls (DeepSeek's reasoning_content, OpenRouter's
// reasoning_details, Gemini's per-call thought signatures: see src/api/README.md). VS Code hands the calls back as
// LanguageModelToolCallParts, which have no room for it, so the provider keeps it here by call id for the session,
// and gives it back only for the same provider and model. Bounded: the oldest calls are forgotten first. Pure.
import type { ReasoningReplay } from '../../api/types';
import type { CallReplay } from './wireMessages';

interface Entry {
  modelKey: string;
  replay: CallReplay;
}

export class ReasoningCache {
  private readonly byCall = new Map<string, Entry>();

  constructor(private readonly maxCalls = 500) {}

  /** Remembers one reply's calls: the reasoning to send back, and each call's provider data (extra_content). */
  remember(modelKey: string, calls: ReadonlyArray<{ id: string; extra_content?: Record<string, unknown> }>, replay: ReasoningReplay | undefined): void {
    const entry: Entry = { modelKey, replay: { ...replay } };
    for (const call of calls) {
      if (call.extra_content) (entry.replay.extra ??= {})[call.id] = call.extra_content;
    }
    if (entry.replay.reasoning_content === undefined && entry.replay.reasoning_details === undefined && !entry.replay.extra) return;
    for (const call of calls) {
      this.byCall.delete(call.id);
      this.byCall.set(call.id, entry);
    }
    for (const oldest of this.byCall.keys()) {
      if (this.byCall.size <= this.maxCalls) break;
      this.byCall.delete(oldest);
    }
  }

  /** What to send back with an assistant message that made these calls, for this provider and model. */
  lookup(modelKey: string, callIds: readonly string[]): CallReplay | undefined {
    for (const id of callIds) {
      const entry = this.byCall.get(id);
      if (entry && entry.modelKey === modelKey) return entry.replay;
    }
    return undefined;
  }
}
