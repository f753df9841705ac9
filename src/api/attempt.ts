// One HTTP attempt's lifetime: links the caller's signal, runs the connect, idle and body timers, races every
// await on the network against them, and turns whatever ended it (abort, timeout, socket error, a body that
// cannot be decompressed) into the right ApiError.
import type { ReadableStreamReadResult } from 'node:stream/web'; // a DOM-lib global; host code has Node's types only
import { ApiError, badEncodingError, decoderFailure, type Redact } from './apiError';
import { abortedError } from './retry';
import { l10n } from '../common/l10n';

/** What `Attempt.read` reads from (a Response body's reader). */
export interface BodyReader {
  read(): Promise<ReadableStreamReadResult<Uint8Array>>;
}

export class Attempt {
  readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private bodyTimer: ReturnType<typeof setTimeout> | undefined;
  private bodyTimeoutMs = 0;
  private timedOut: 'connect' | 'idle' | 'body' | undefined;
  /** The response's Content-Encoding when it names a compression (a failure's words then mention it). */
  private encoding: string | undefined;
  /** Body bytes that came out of the reader (after decompression). */
  private bodyBytes = 0;
  /** The rejecters of the races in flight: the attempt's end settles them at once. */
  private readonly racing = new Set<(reason: unknown) => void>();
  private readonly onUserAbort = (): void => this.controller.abort();

  constructor(
    private readonly userSignal: AbortSignal | undefined,
    private readonly connectTimeoutMs: number,
    private readonly idleTimeoutMs: number,
    private readonly host: string,
    /** Cleans the words of a socket error (they can quote what was sent). */
    private readonly redact: Redact,
  ) {
    this.controller.signal.addEventListener(
      'abort',
      () => {
        for (const reject of this.racing) reject(this.controller.signal.reason);
        this.racing.clear();
      },
      { once: true },
    );
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

  /**
   * The response's headers arrived: notes its encoding, and with `bodyTimeoutMs` bounds the whole body read (a JSON
   * body trickled a byte at a time keeps the idle timer fed forever; a stream has no such bound).
   */
  receiving(response: Response, bodyTimeoutMs?: number): void {
    const encoding = response.headers.get('content-encoding')?.trim().toLowerCase();
    if (encoding && encoding !== 'identity') this.encoding = encoding;
    if (bodyTimeoutMs === undefined || this.bodyTimer) return;
    this.bodyTimeoutMs = bodyTimeoutMs;
    this.bodyTimer = setTimeout(() => {
      this.timedOut = 'body';
      this.controller.abort();
    }, bodyTimeoutMs);
  }

  /**
   * `work`, or a rejection as soon as the attempt ends (the caller's abort, a timer). Every await on the network goes
   * through here: on Node 20, fetch can leave a body read pending forever — even after an abort — when a body
   * labelled gzip/deflate/br is not compressed and ends with the connection, so nothing may wait on a read alone.
   */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.controller.signal.aborted) {
      work.catch(() => undefined);
      return Promise.reject(this.controller.signal.reason as Error); // an AbortError: abort() is never given another reason
    }
    return new Promise<T>((resolve, reject) => {
      this.racing.add(reject);
      work.then(
        (value) => {
          this.racing.delete(reject);
          resolve(value);
        },
        (err: unknown) => {
          this.racing.delete(reject);
          reject(err);
        },
      );
    });
  }

  /** One read of the body, raced against the attempt's end (see race). */
  async read(reader: BodyReader): Promise<ReadableStreamReadResult<Uint8Array>> {
    const chunk = await this.race(reader.read());
    if (!chunk.done) this.bodyBytes += chunk.value.byteLength;
    return chunk;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.bodyTimer) clearTimeout(this.bodyTimer);
    this.timer = undefined;
    this.bodyTimer = undefined;
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
    const decoder = decoderFailure(err);
    if (decoder) return badEncodingError(this.host, this.encoding ?? '?', decoder, err);
    const secs = (ms: number): number => Math.round(ms / 1000);
    if (this.timedOut === 'connect') {
      return new ApiError('timeout', 'connect_timeout', l10n.t('{0} did not respond within {1} s', this.host, secs(this.connectTimeoutMs)) + this.encodingHint(), { cause: err });
    }
    if (this.timedOut === 'idle') {
      return new ApiError('timeout', 'idle_timeout', l10n.t('{0} stopped sending for {1} s', this.host, secs(this.idleTimeoutMs)) + this.encodingHint(), { cause: err });
    }
    if (this.timedOut === 'body') {
      const message = l10n.t('{0} took longer than {1} s to send its reply; stopped reading it.', this.host, secs(this.bodyTimeoutMs));
      return new ApiError('timeout', 'body_timeout', message + this.encodingHint(), { cause: err });
    }
    if (streaming) return new ApiError('interrupted', 'connection_closed', l10n.t('The connection closed before the reply finished'), { cause: err });
    return new ApiError('network', 'unreachable', l10n.t('Could not reach {0}: {1}', this.host, this.redact(networkReason(err))), { cause: err });
  }

  /**
   * A timed-out body labelled compressed from which nothing was decoded is most likely not compressed at all
   * (Node 20's fetch then loses the decoder's error and the read just waits): say so, as the one lead to follow.
   */
  private encodingHint(): string {
    if (!this.encoding || this.bodyBytes > 0) return '';
    return ` ${l10n.t('(Its reply is labelled as compressed, Content-Encoding: {0}, and nothing could be decompressed from it: the server or a proxy in between may label uncompressed replies as compressed.)', this.encoding)}`;
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
