// The extension's one log. Every line of every feature goes through redact() first, and the last lines are
// mirrored in memory so integration tests can check that no key ever reaches the log. Pure: the output
// channel is passed in (any object with info/warn/error/show, e.g. VS Code's LogOutputChannel).
import { errorMessage } from './appError';
import { redact } from './redact';

const MIRROR_LINES = 500;

/** What features log through. */
export interface Logger {
  /** Detail that is only interesting when looking for a problem (shown at the Debug log level). */
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  /** `error`, when given, is appended as ": <its message>". */
  error(message: string, error?: unknown): void;
}

/** The part of VS Code's LogOutputChannel the logger writes to. */
export interface LogSink {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  show(preserveFocus?: boolean): void;
}

/** One line per HTTP attempt, as the API client reports it (never with the key). */
export interface RequestLine {
  method: string;
  path: string;
  status?: number;
  durationMs: number;
  attempt: number;
  error?: string;
}

export class RedactingLogger implements Logger {
  private readonly mirror: string[] = [];
  /** Every key seen this session: a key changed in another window may still be quoted by a late error. */
  private readonly remembered = new Set<string>();

  constructor(
    private readonly channel: LogSink,
    /** The keys currently known (all providers), so they can be removed verbatim. */
    private readonly knownKeys: () => Iterable<string>,
  ) {}

  debug(message: string): void {
    this.write('debug', message);
  }

  info(message: string): void {
    this.write('info', message);
  }

  warn(message: string): void {
    this.write('warn', message);
  }

  error(message: string, error?: unknown): void {
    this.write('error', error === undefined ? message : `${message}: ${errorMessage(error)}`);
  }

  /** One line per HTTP attempt (the client never passes the key; redacted anyway). */
  request(providerId: string, info: RequestLine): void {
    const status = info.status !== undefined ? String(info.status) : 'no response';
    const line = `[${providerId}] ${info.method} ${info.path} → ${status} in ${Math.round(info.durationMs)} ms (attempt ${info.attempt})${info.error ? ` — ${info.error}` : ''}`;
    if (info.error || (info.status !== undefined && info.status >= 400)) this.write('warn', line);
    else this.write('info', line);
  }

  /** The last lines written (already redacted). */
  recentLines(): readonly string[] {
    return this.mirror;
  }

  show(): void {
    this.channel.show(true);
  }

  /** `extraKeys`: keys not stored yet (a key being checked), removed verbatim as well — and from then on. */
  redact(text: string, extraKeys: readonly string[] = []): string {
    for (const key of this.knownKeys()) this.remembered.add(key);
    for (const key of extraKeys) this.remembered.add(key);
    return redact(text, this.remembered);
  }

  private write(level: 'debug' | 'info' | 'warn' | 'error', message: string): void {
    const clean = this.redact(message);
    this.mirror.push(`${level}: ${clean}`);
    if (this.mirror.length > MIRROR_LINES) this.mirror.splice(0, this.mirror.length - MIRROR_LINES);
    this.channel[level](clean);
  }
}
