// What the completions' status-bar item shows, as state: off, ready, waiting, error; the last latency; this
// session's requests and spend; and the back-off after 429 and 402, so a rate limit or an empty account costs
// one failed request, not one per keystroke. Failure is shown once: the same error again changes nothing.
import { asAppError, errorKind, errorMessage, type ErrorAction, type ErrorKind } from '../../common/appError';

export type HealthState = 'off' | 'ready' | 'waiting' | 'error';

export interface HealthError {
  kind: ErrorKind;
  message: string;
  actions: readonly ErrorAction[];
}

export interface HealthView {
  state: HealthState;
  /** Why it is off (disabled, not turned on for a billed provider). */
  offReason?: string;
  error?: HealthError;
  lastLatencyMs?: number;
  requests: number;
  /** Requests aborted by the next keystroke before their answer could be shown. */
  wasted: number;
  spendUsd: number;
  /** No request is sent before this time (epoch ms): the back-off after a rate limit. */
  pausedUntil?: number;
}

const RATE_PAUSE_MS = 30_000;
const MAX_RATE_PAUSE_MS = 5 * 60_000;

export class CompletionHealth {
  private view: HealthView = { state: 'ready', requests: 0, wasted: 0, spendUsd: 0 };
  private inFlight = 0;
  private ratePause = RATE_PAUSE_MS;

  constructor(
    private readonly changed: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  get current(): Readonly<HealthView> {
    return this.view;
  }

  /** Whether a request may be sent now: not off, not in a back-off, not stopped by an error only the user can fix. */
  mayRequest(): boolean {
    if (this.view.state === 'off') return false;
    if (this.view.pausedUntil !== undefined && this.now() < this.view.pausedUntil) return false;
    return !(this.view.error && needsUser(this.view.error.kind));
  }

  /** `reason`: why completions are off; undefined: they are on. */
  setOff(reason: string | undefined): void {
    if (reason === undefined) {
      if (this.view.state === 'off') this.update({ state: 'ready', offReason: undefined });
    } else {
      this.update({ state: 'off', offReason: reason, error: undefined, pausedUntil: undefined });
    }
  }

  /** Settings, provider, key or model changed: an error that waited for the user may be fixed now. */
  reset(): void {
    this.ratePause = RATE_PAUSE_MS;
    if (this.view.state === 'off') return;
    this.update({ state: this.inFlight > 0 ? 'waiting' : 'ready', error: undefined, pausedUntil: undefined });
  }

  started(): void {
    this.inFlight++;
    this.update({ state: 'waiting', requests: this.view.requests + 1 });
  }

  /** A request answered (a suggestion, or none worth showing): its latency, and what it cost when known. */
  succeeded(latencyMs: number, spendUsd = 0): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.ratePause = RATE_PAUSE_MS;
    this.update({ state: this.inFlight > 0 ? 'waiting' : 'ready', spendUsd: this.view.spendUsd + spendUsd, lastLatencyMs: Math.round(latencyMs), error: undefined, pausedUntil: undefined });
  }

  /** Aborted by the next keystroke. */
  wasted(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.update({ state: this.inFlight > 0 ? 'waiting' : this.view.error ? 'error' : 'ready', wasted: this.view.wasted + 1 });
  }

  failed(error: HealthError, retryAfterMs?: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    let pausedUntil: number | undefined;
    if (error.kind === 'rate') {
      pausedUntil = this.now() + Math.min(MAX_RATE_PAUSE_MS, Math.max(retryAfterMs ?? 0, this.ratePause));
      this.ratePause = Math.min(MAX_RATE_PAUSE_MS, this.ratePause * 2);
    }
    this.update({ state: 'error', error, pausedUntil });
  }

  private update(patch: Partial<HealthView>): void {
    const next: HealthView = { ...this.view, ...patch };
    for (const key of Object.keys(next) as Array<keyof HealthView>) if (next[key] === undefined) delete next[key];
    const same = JSON.stringify(next) === JSON.stringify(this.view);
    this.view = next;
    if (!same) this.changed();
  }
}

/** Errors no keystroke can fix (the key, the account, the model, a setting): requests stop until something changes. */
function needsUser(kind: ErrorKind): boolean {
  return kind === 'auth' || kind === 'funds' || kind === 'model' || kind === 'config';
}

/** The fixes the completions menu offers per kind, where the error itself names none (server errors). */
const FIXES: Partial<Record<ErrorKind, readonly ErrorAction[]>> = {
  auth: ['setApiKey'],
  model: ['pickModel'],
  config: ['openSettings'],
  funds: ['switchProvider'],
};

/** A failure as the status item shows it: its kind, its (redacted) message and what fixes it. */
export function healthError(error: unknown): HealthError {
  const kind = errorKind(error);
  const own = asAppError(error)?.actions ?? [];
  return { kind, message: errorMessage(error), actions: own.length ? own : (FIXES[kind] ?? []) };
}
