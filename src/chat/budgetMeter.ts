// The composer's meter: how full the model's window would be with what is sent now (system prompt, the
// history that fits, the draft), against the window minus the reply's reserve. Recomputed when the draft,
// the conversation or the target changes; posts nothing new when nothing changed.
import { replyReserve } from '../models/modelProfile';
import type { BudgetView, HostToWebview } from '../protocol';
import type { TargetResolver } from '../providers/core/providerService';
import type { Attachment } from '../prompt/attachments';
import type { ConversationStore } from '../history/conversationStore';
import { planPrompt } from '../prompt/promptPlan';

export interface BudgetMeterDeps {
  store: ConversationStore;
  targets: Pick<TargetResolver, 'resolve'>;
  post: (message: HostToWebview) => void;
  /** What is attached to the conversation's draft. */
  attachments?: (conversationId: string) => readonly Attachment[];
}

export class BudgetMeter {
  private seq = 0;
  private last = '';

  constructor(private readonly deps: BudgetMeterDeps) {}

  /** Recomputes the meter of the active conversation (the last call wins when several overlap). */
  async refresh(): Promise<void> {
    const seq = ++this.seq;
    const conversation = this.deps.store.active();
    const budget = await this.compute(conversation.id);
    if (seq !== this.seq) return;
    const key = JSON.stringify([conversation.id, budget]);
    if (key === this.last) return;
    this.last = key;
    this.deps.post({ type: 'budget', conversationId: conversation.id, ...(budget ? { budget } : {}) });
  }

  /** Forget what was posted (a new view needs the meter again). */
  reset(): void {
    this.last = '';
  }

  private async compute(conversationId: string): Promise<BudgetView | undefined> {
    let target;
    try {
      target = await this.deps.targets.resolve();
    } catch {
      return undefined; // no provider, key or model yet: the composer says so elsewhere
    }
    const conversation = this.deps.store.get(conversationId);
    if (!conversation) return undefined;
    const reserve = replyReserve(target.profile, target.sampling.max_tokens);
    const plan = planPrompt(conversation, {
      chatSystemPrompt: target.systemPrompt,
      draft: conversation.draft,
      draftAttachments: this.deps.attachments?.(conversationId) ?? [],
      vision: target.profile.vision,
      contextWindow: target.profile.contextWindow,
      reserve,
      scale: (tokens) => target.calibration.scale(target.calibrationKey, tokens),
    });
    return {
      used: plan.tokens,
      limit: plan.budget,
      contextWindow: target.profile.contextWindow,
      reserve,
      notSent: plan.notSent,
      fits: plan.fits,
      windowSource: target.profile.sources.contextWindow,
    };
  }
}
