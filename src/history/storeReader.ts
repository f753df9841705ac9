// Keeps one window's conversations in step with what other windows write to the shared folder: loads
// them, re-reads what was appended (on watcher events, debounced), follows other windows' streaming
// replies through their leases, and reports every difference (StoreEvent) to the store's listeners.
import { errorMessage } from '../common/appError';
import type { Logger } from '../common/logger';
import { applyChange } from './changes';
import { type ConversationFiles, type FullRead, KEPT_CHANGING } from './storage/conversationFiles';
import { conversationIdOf, tidyFolder } from './storage/housekeeping';
import type { KeyedQueue } from './storage/keyedQueue';
import { type LeaseEnv, leaseExpiry, readLease } from './storage/leases';
import type { JournalLineV3 } from './storage/schemaV3';
import { moveAside, readState } from './storage/stateFile';
import { type Entry, type StoreEvent, foreignStreaming, newEntry, rebuild, viewChanged } from './storeEntry';

/**
 * How a conversation file that could not be read (EMFILE, or Windows' EBUSY/EPERM while a virus scanner holds it)
 * is tried again: after baseMs, doubling up to maxMs, at most `attempts` times (≈ 1.5 min by default). After that
 * it is read when the folder next changes, or in the next window.
 */
export interface ReadRetry {
  baseMs: number;
  maxMs: number;
  attempts: number;
}

export const DEFAULT_READ_RETRY: ReadRetry = { baseMs: 500, maxMs: 30_000, attempts: 8 };

export interface ReaderDeps {
  files: ConversationFiles;
  leases: LeaseEnv;
  log: Logger;
  queue: KeyedQueue;
  entries: Map<string, Entry>;
  /** The message this window streams into the conversation, if any. */
  localStream(id: string): string | undefined;
  emit(event: StoreEvent): void;
  /** Another window deleted it (a tombstone): forget it and say so. */
  removedElsewhere(id: string): void;
  readRetry?: ReadRetry;
}

export class StoreReader {
  private readonly files: ConversationFiles;
  private noticedNames = new Set<string>();
  private noticedAll = false;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private leaseTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** Conversations whose files could not be read: how often they were tried, and the timer of the next try. */
  private readonly retries = new Map<string, { tries: number; timer?: ReturnType<typeof setTimeout> }>();

  constructor(private readonly deps: ReaderDeps) {
    this.files = deps.files;
  }

  /** Opens the folder: tidies it, loads every conversation; returns the id of the one to show (state.json). */
  async loadFolder(): Promise<string | undefined> {
    const fs = this.deps.leases.fs;
    const log = this.deps.log;
    let names: string[];
    try {
      await fs.mkdir(this.files.dir);
      names = await fs.readdir(this.files.dir);
    } catch (err) {
      // The chat still works for this session; saving will report its own errors.
      log.error(`Could not open the chat history folder: ${errorMessage(err)}`);
      return undefined;
    }
    const ids = await tidyFolder({ fs, files: this.files, leases: this.deps.leases, log }, names);
    for (const id of ids) await this.load(id, { warn: true });
    return readState(fs, this.files, log);
  }

  async load(id: string, opts: { warn: boolean }): Promise<void> {
    let read = await this.readFull(id);
    const name = `conv-${id}.json`;
    if (read.kind === 'newer') {
      // Written by a newer version of the extension: leave it alone rather than "repair" it.
      if (opts.warn) this.deps.log.warn(`Skipped ${name}: it was saved by a newer version of Inference Chat (format ${read.version}).`);
      return;
    }
    if (read.kind === 'corrupt' && opts.warn) read = await this.setAsideIfCorrupt(id);
    if (read.kind === 'unreadable') return this.retryLater(id, read.detail);
    this.forgetRetry(id);
    if (read.kind !== 'ok' || this.deps.entries.has(id) || this.disposed) return;
    if (read.skipped > 0) this.deps.log.warn(`Skipped ${read.skipped} damaged line(s) in conv-${id}.jsonl; the rest of the conversation is fine.`);
    const entry = newEntry(read.conversation, read.mark);
    await this.settle(id, entry);
    rebuild(entry, this.deps.localStream(id), (l) => leaseExpiry(this.deps.leases, l));
    this.deps.entries.set(id, entry);
    this.scheduleLeaseCheck();
  }

  /** The whole conversation; an I/O error (the file may be perfectly fine) reads as 'unreadable', never as 'corrupt'. */
  private async readFull(id: string): Promise<FullRead> {
    return this.files.readFull(id).catch((err: unknown): FullRead => ({ kind: 'unreadable', detail: errorMessage(err) }));
  }

  /**
   * Moves the files aside only when they still fail to parse when read again under the conversation's lock (so no
   * window can replace them with a compacted snapshot in between); returns that second read.
   */
  private async setAsideIfCorrupt(id: string): Promise<FullRead> {
    const fs = this.deps.leases.fs;
    const log = this.deps.log;
    try {
      return await this.files.withLock(id, async () => {
        const again = (await this.files.readOnce(id)) ?? KEPT_CHANGING;
        if (again.kind !== 'corrupt') return again;
        await moveAside(fs, log, this.files.snapshot(id));
        if (await fs.stat(this.files.journal(id))) await moveAside(fs, log, this.files.journal(id));
        return again;
      });
    } catch (err) {
      return { kind: 'unreadable', detail: errorMessage(err) };
    }
  }

  /** Keeps the files of a conversation that could not be read and tries again later (see ReadRetry). */
  private retryLater(id: string, detail: string): void {
    const policy = this.deps.readRetry ?? DEFAULT_READ_RETRY;
    const state = this.retries.get(id) ?? { tries: 0 };
    if (this.disposed || state.timer) return; // a try is already planned (the watcher read it in between)
    state.tries++;
    this.retries.set(id, state);
    const name = `conv-${id}.json`;
    if (state.tries > policy.attempts) {
      this.deps.log.warn(`Still could not read ${name} (${detail}); it is kept as it is and read again when the chat history folder changes.`);
      this.forgetRetry(id);
      return;
    }
    if (state.tries === 1) this.deps.log.warn(`Could not read ${name} now (${detail}); it is kept as it is and read again shortly.`);
    const delay = Math.min(policy.maxMs, policy.baseMs * 2 ** (state.tries - 1));
    state.timer = setTimeout(() => {
      state.timer = undefined;
      const again = async (): Promise<void> => {
        if (this.disposed || this.deps.entries.has(id)) return this.forgetRetry(id);
        await this.load(id, { warn: true });
        if (this.deps.entries.has(id)) this.deps.emit({ type: 'added', id });
      };
      this.deps.queue.run(id, again).catch((err: unknown) => this.deps.log.warn(`Could not read ${name}: ${errorMessage(err)}`));
    }, delay);
    state.timer.unref?.();
  }

  private forgetRetry(id: string): void {
    const state = this.retries.get(id);
    if (state?.timer) clearTimeout(state.timer);
    this.retries.delete(id);
  }

  /** The debounced watcher: collects the names of changed folder entries, then re-reads their conversations. */
  noticed(name: string | undefined, delayMs: number): void {
    if (this.disposed) return;
    if (name === undefined) this.noticedAll = true;
    else this.noticedNames.add(name);
    this.refreshTimer ??= setTimeout(() => {
      this.refreshTimer = undefined;
      const names = this.noticedAll ? undefined : [...this.noticedNames];
      this.noticedAll = false;
      this.noticedNames = new Set();
      this.refresh(names).catch((err: unknown) => this.deps.log.warn(`Could not re-read the chat history: ${errorMessage(err)}`));
    }, delayMs);
  }

  async refresh(names?: readonly string[]): Promise<void> {
    if (this.disposed) return;
    const listed = names ?? (await this.deps.leases.fs.readdir(this.files.dir).catch(() => [] as string[]));
    const ids = new Set(listed.map(conversationIdOf).filter((id): id is string => id !== undefined));
    if (!names) for (const id of this.deps.entries.keys()) ids.add(id);
    await Promise.all([...ids].map((id) => this.deps.queue.run(id, () => this.refreshOne(id))));
  }

  private async refreshOne(id: string): Promise<void> {
    const entry = this.deps.entries.get(id);
    if (this.disposed) return;
    if (!entry) {
      await this.load(id, { warn: false });
      if (this.deps.entries.has(id)) this.deps.emit({ type: 'added', id });
      return;
    }
    if (!entry.mark) return; // ours and not on disk yet
    const tail = await this.files.readTail(id, entry.mark);
    if (tail.kind === 'lines') this.applyForeign(entry, tail.lines, tail.mark);
    if (tail.kind === 'reload' && !(await this.reload(id, entry))) return;
    await this.settle(id, entry);
    this.rebuildAndReport(id, entry);
  }

  /** Reads everything again (someone compacted); false when the conversation is gone. */
  async reload(id: string, entry: Entry): Promise<boolean> {
    const read = await this.files.readFull(id);
    if (read.kind === 'deleted') {
      this.deps.removedElsewhere(id);
      return false;
    }
    if (read.kind !== 'ok') return true; // missing or unreadable now: keep what we have
    entry.base = read.conversation;
    entry.mark = read.mark;
    return true;
  }

  applyForeign(entry: Entry, lines: readonly JournalLineV3[], mark: Entry['mark']): void {
    for (const line of lines) applyChange(entry.base, line.change, line.at);
    entry.mark = mark;
  }

  /**
   * Reads the leases of the streaming messages other windows own. A reply's owner writes its final state
   * before it drops the lease, so when a lease is gone the journal is read once more before the reply
   * counts as interrupted.
   */
  async settle(id: string, entry: Entry): Promise<void> {
    for (let round = 0; round < 2; round++) {
      entry.leases = new Map();
      let missing = false;
      for (const messageId of foreignStreaming(entry, this.deps.localStream(id))) {
        const lease = await readLease(this.deps.leases, id, messageId);
        if (lease) entry.leases.set(messageId, lease);
        if (leaseExpiry(this.deps.leases, lease) === undefined) missing = true;
      }
      if (!missing || round > 0 || !entry.mark) return;
      const tail = await this.files.readTail(id, entry.mark);
      if (tail.kind !== 'lines') return;
      this.applyForeign(entry, tail.lines, tail.mark);
    }
  }

  rebuildAndReport(id: string, entry: Entry): void {
    const before = entry.view;
    const wasElsewhere = entry.elsewhere;
    rebuild(entry, this.deps.localStream(id), (l) => leaseExpiry(this.deps.leases, l));
    this.scheduleLeaseCheck();
    if (!viewChanged(before, entry.view, wasElsewhere, entry)) return;
    this.deps.emit({ type: 'changed', id, before: before.messages, beforeTitle: before.title, wasStreamingElsewhere: wasElsewhere !== undefined });
  }

  /** When a lease of another window's reply runs out, look again (its window may have crashed). */
  private scheduleLeaseCheck(): void {
    if (this.leaseTimer) clearTimeout(this.leaseTimer);
    this.leaseTimer = undefined;
    const expiries = [...this.deps.entries.values()].map((e) => e.expiry).filter((t): t is number => t !== undefined);
    if (this.disposed || expiries.length === 0) return;
    const delay = Math.max(0, Math.min(...expiries) - this.deps.leases.now()) + 50;
    this.leaseTimer = setTimeout(() => {
      this.leaseTimer = undefined;
      const ids = [...this.deps.entries].filter(([, e]) => e.expiry !== undefined).map(([id]) => id);
      void Promise.all(ids.map((id) => this.deps.queue.run(id, () => this.refreshOne(id))));
    }, delay);
    this.leaseTimer.unref?.();
  }

  dispose(): void {
    this.disposed = true;
    for (const id of [...this.retries.keys()]) this.forgetRetry(id);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (this.leaseTimer) clearTimeout(this.leaseTimer);
  }
}
