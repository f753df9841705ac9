// The approvals the chat waits on: one per tool call shown on its card. A decision from the view is taken only for
// the call id that is waiting (a stale or forged id changes nothing), and a stopped turn answers "deny".
import type { ApprovalDecision } from './agentTools';

export class Approvals {
  private readonly waiting = new Map<string, (decision: ApprovalDecision) => void>();

  /** Waits for the user's answer on the card of `callId`; 'deny' once `signal` aborts. */
  wait(callId: string, signal: AbortSignal): Promise<ApprovalDecision> {
    if (signal.aborted) return Promise.resolve('deny');
    return new Promise((resolve) => {
      const done = (decision: ApprovalDecision): void => {
        this.waiting.delete(callId);
        signal.removeEventListener('abort', onAbort);
        resolve(decision);
      };
      const onAbort = (): void => done('deny');
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(callId, done);
    });
  }

  /** The user's answer; false (nothing happens) when no card of that id is waiting. */
  decide(callId: string, decision: ApprovalDecision): boolean {
    const done = this.waiting.get(callId);
    if (!done) return false;
    done(decision);
    return true;
  }

  get pending(): number {
    return this.waiting.size;
  }
}
