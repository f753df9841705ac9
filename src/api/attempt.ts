// One HTTP attempt's lifetime: links the caller's signal, runs the connect and idle timers, and turns whatever
// ended it (abort, timeout, socket error) into the right ApiError.
import { ApiError, type Redact } from './errors';
import { abortedError } from './retry';
import { l10n } from '../common/l10n';

export class Attempt {
  readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timedOut: 'connect' | 'idle' | undefined;
  private readonly onUserAbort = (): void => this.controller.abort();

  constructor(
    private readonly userSignal: AbortSignal | undefined,
    private readonly connectTimeoutMs: number,
    private readonly idleTimeoutMs: number,
    private readonly host: string,
    /** Cleans the words of a socket error (they can quote what was sent). */
    private readonly redact: Redact,
  ) {
    if (userSignal?.aborted) this.controller.abort();
    else userSignal?.addEventListener('abort', this.onUserAbort, { once: true });
    this.arm('connect', connectTimeoutMs);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  private arm(which: 'connect' | 'idle', ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = which;
      this.controller.abort();
    }, ms);
  }

  /** Switches from the connect timer to the idle timer (first byte arrived). */
  startIdle(): void {
    this.arm('idle', this.idleTimeoutMs);
  }

  /** Data arrived: restart the idle timer (cheap: refreshes the same timer). */
  touch(): void {
    this.timer?.refresh();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.userSignal?.removeEventListener('abort', this.onUserAbort);
  }

  /** Ends the attempt (closes the connection) — used when the consumer stops early. */
  cancel(): void {
    this.dispose();
    this.controller.abort();
  }

  /** Classifies a failure of fetch() or of a body read. `streaming` says whether some of the body had arrived. */
  classify(err: unknown, streaming: boolean): ApiError {
    if (err instanceof ApiError) return err;
    if (this.userSignal?.aborted) return abortedError();
    if (this.timedOut === 'connect') {
      return new ApiError('timeout', 'connect_timeout', l10n.t('{0} did not respond within {1} s', this.host, Math.round(this.connectTimeoutMs / 1000)), { cause: err });
    }
    if (this.timedOut === 'idle') {
      return new ApiError('timeout', 'idle_timeout', l10n.t('{0} stopped sending for {1} s', this.host, Math.round(this.idleTimeoutMs / 1000)), { cause: err });
    }
    if (streaming) return new ApiError('interrupted', 'connection_closed', l10n.t('The connection closed before the reply finished'), { cause: err });
    return new ApiError('network', 'unreachable', l10n.t('Could not reach {0}: {1}', this.host, this.redact(networkReason(err))), { cause: err });
  }
}

/** The most useful words of a fetch failure (undici hides the socket error in `cause`). */
function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const explain: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is the server running?)',
    ENOTFOUND: 'host not found (check the base URL)',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'connection timed out',
    EAI_AGAIN: 'DNS lookup failed (are you offline?)',
    CERT_HAS_EXPIRED: 'the server certificate has expired',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate could not be verified',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'the server uses a self-signed certificate',
  };
  if (code && explain[code]) return explain[code];
  if (code) return code;
  if (typeof cause?.message === 'string' && cause.message) return cause.message;
  return err instanceof Error ? err.message : String(err);
}
