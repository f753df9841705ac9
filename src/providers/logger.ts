// The extension's log: every line goes through redact() first, and the last lines are mirrored in memory
// so integration tests can check that no key ever reaches the log.
import type * as vscode from 'vscode';
import type { RequestLogInfo } from '../api/types';
import { redact } from './redact';

const MIRROR_LINES = 500;

export class RedactingLogger {
  private readonly mirror: string[] = [];

  constructor(
    private readonly channel: vscode.LogOutputChannel,
    /** The keys currently known (all providers), so they can be removed verbatim. */
    private readonly knownKeys: () => Iterable<string>,
  ) {}

  info(message: string): void {
    this.write('info', message);
  }

  warn(message: string): void {
    this.write('warn', message);
  }

  error(message: string, error?: unknown): void {
    this.write('error', error === undefined ? message : `${message}: ${describeError(error)}`);
  }

  /** One line per HTTP attempt (the client never passes the key; redacted anyway). */
  request(providerId: string, info: RequestLogInfo): void {
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

  /** `extraKeys`: keys not stored yet (a key being checked), removed verbatim as well. */
  redact(text: string, extraKeys: readonly string[] = []): string {
    return redact(text, [...this.knownKeys(), ...extraKeys]);
  }

  private write(level: 'info' | 'warn' | 'error', message: string): void {
    const clean = this.redact(message);
    this.mirror.push(`${level}: ${clean}`);
    if (this.mirror.length > MIRROR_LINES) this.mirror.splice(0, this.mirror.length - MIRROR_LINES);
    this.channel[level](clean);
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
