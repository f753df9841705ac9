// Keeps one window's conversations in step with the shared folder: loads them, writes this window's
// changes (create, append, or compact), re-reads what other windows appended (on watcher events, and
// under the lock before every append), follows their streaming replies through leases, and reports every
// difference to the store's listeners. The public API is ConversationStore's (conversationStore.ts).
import { errorMessage } from '../common/errors';
import type { Logger } from '../common/logger';
import { applyChange } from './changes';
import { type ConversationFiles, type FullRead } from './storage/conversationFiles';
import { conversationIdOf } from './storage/housekeeping';
import { type LeaseEnv, leaseExpiry, readLease } from './storage/leases';
import { CURRENT_VERSION } from './storage/migrate';
import type { JournalLineV2 } from './storage/schemaV2';
import { moveAside } from './storage/stateFile';
import { type Entry, type StoreEvent, cloneConversation, foreignStreaming, newEntry, rebuild, viewChanged } from './storeEntry';

export { applyInput, cloneConversation, newEntry, type Entry, type StoreEvent } from './storeEntry';

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;
/** Compact when the journal is this large and at least half the snapshot: O(1) amortised per byte written. */
const COMPACT_MIN_BYTES = 256 * 1024;
const COMPACT_RATIO = 0.5;

export interface SyncDeps {
  files: ConversationFiles;
  leases: LeaseEnv;
  log: Logger;
  entries: Map<string, Entry>;
  /** The message this window streams into the conversation, if any. */
  localStream(id: string): string | undefined;
  /** Awaited before a conversation is written (the lease of a new reply goes to disk first). */
  beforeSave(id: string): Promise<void> | undefined;
  emit(event: StoreEvent): void;
  /** Another window deleted it (a tombstone): forget it and say so. */
  removedElsewhere(id: string): void;
  /** Schedule a flush (after a failure: to retry). */
  retry(): void;
}

function describeSaveError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return `the disk is full (${code})`;
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code})`;
  if (code === 'EROFS') return 'the disk is read-only (EROFS)';
  return errorMessage(err);
}

export class DiskSync {
  readonly files: ConversationFiles;
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly removals = new Map<string, string[]>();
  private failing: string | undefined;
  private retryMs = RETRY_FIRST_MS;
  private noticedNames = new Set<string>();
  private noticedAll = false;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private leaseTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(private readonly deps: SyncDeps) {
    this.files = deps.files;
  }

  /** Runs jobs of one key (a conversation id) one after the other; a failed job does not stop the next. */
  queue<T>(key: string, job: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(key) ?? Promise.resolve()).then(job, job);
    const settled = next.then(() => undefined, () => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }

  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  /** Conversations with changes that are not on disk (a failed save keeps them here). */
  unsaved(): string[] {
    return [...this.deps.entries].filter(([, e]) => e.pending.length > 0 || !e.mark).map(([id]) => id);
  }

  /** While saves fail: how long to wait before the next attempt. */
  retryDelay(): number | undefined {
    return this.failing ? this.retryMs : undefined;
  }

  // ---------- loading and re-reading ----------

  async load(id: string, opts: { warn: boolean }): Promise<void> {
    const read = await this.files.readFull(id).catch((err: unknown): FullRead => ({ kind: 'corrupt', detail: errorMessage(err) }));
    const name = `conv-${id}.json`;
    if (read.kind === 'newer') {
      // Written by a newer version of the extension: leave it alone rather than "repair" it.
      if (opts.warn) this.deps.log.warn(`Skipped ${name}: it was saved by a newer version of Inference Chat (format ${read.version}).`);
      return;
    }
    if (read.kind === 'corrupt' && opts.warn) {
      const fs = this.deps.leases.fs;
      await moveAside(fs, this.deps.log, this.files.snapshot(id));
      if (await fs.stat(this.files.journal(id))) await moveAside(fs, this.deps.log, this.files.journal(id));
    }
    if (read.kind !== 'ok' || this.deps.entries.has(id) || this.disposed) return;
    if (read.skipped > 0) this.deps.log.warn(`Skipped ${read.skipped} damaged line(s) in conv-${id}.jsonl; the rest of the conversation is fine.`);
    const entry = newEntry(read.conversation, read.mark);
    await this.settle(id, entry);
    rebuild(entry, this.deps.localStream(id), (l) => leaseExpiry(this.deps.leases, l));
    this.deps.entries.set(id, entry);
    this.scheduleLeaseCheck();
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
    await Promise.all([...ids].map((id) => this.queue(id, () => this.refreshOne(id))));
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
  private async reload(id: string, entry: Entry): Promise<boolean> {
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

  private applyForeign(entry: Entry, lines: readonly JournalLineV2[], mark: Entry['mark']): void {
    for (const line of lines) applyChange(entry.base, line.change, line.at);
    entry.mark = mark;
  }

  /**
   * Reads the leases of the streaming messages other windows own. A reply's owner writes its final state
   * before it drops the lease, so when a lease is gone the journal is read once more before the reply
   * counts as interrupted.
   */
  private async settle(id: string, entry: Entry): Promise<void> {
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

  private rebuildAndReport(id: string, entry: Entry): void {
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
      void Promise.all(ids.map((id) => this.queue(id, () => this.refreshOne(id))));
    }, delay);
    this.leaseTimer.unref?.();
  }

  // ---------- saving ----------

  save(id: string): Promise<void> {
    return this.queue(id, () => this.saveEntry(id));
  }

  private async saveEntry(id: string): Promise<void> {
    const entry = this.deps.entries.get(id);
    if (!entry) return;
    await this.deps.beforeSave(id);
    if (entry.mark && entry.pending.length === 0) return;
    const lines = entry.pending.splice(0);
    try {
      if (!entry.mark) await this.create(id, entry, lines);
      else if (entry.mark.version < CURRENT_VERSION) await this.compact(id, entry, lines);
      else await this.append(id, entry, lines);
      this.succeeded();
    } catch (err) {
      entry.pending.unshift(...lines); // kept in memory: the next save retries them
      this.failed(err);
    }
  }

  private async create(id: string, entry: Entry, lines: readonly JournalLineV2[]): Promise<void> {
    const snapshot = cloneConversation(entry.base);
    for (const line of lines) applyChange(snapshot, line.change, line.at);
    const result = await this.files.create(id, snapshot);
    if (result.kind === 'deleted') return this.deps.removedElsewhere(id);
    if (result.kind === 'ok') {
      entry.base = snapshot;
      entry.mark = result.mark;
      return;
    }
    // Already on disk (a save whose answer was lost): adopt it, then append our changes.
    if (!(await this.reload(id, entry)) || !entry.mark) return;
    await this.append(id, entry, lines);
  }

  private async append(id: string, entry: Entry, lines: readonly JournalLineV2[]): Promise<void> {
    const result = await this.files.append(id, entry.mark!, lines);
    if (result.kind === 'deleted') return this.deps.removedElsewhere(id);
    if (result.kind === 'missing') {
      // Its files are gone without a tombstone (not deleted by this version): write it again from memory.
      entry.mark = undefined;
      return this.create(id, entry, lines);
    }
    if (result.foreign === 'reload') {
      if (await this.reload(id, entry)) this.rebuildAndReport(id, entry);
      return;
    }
    for (const line of [...result.foreign, ...lines]) applyChange(entry.base, line.change, line.at);
    entry.mark = result.mark;
    if (result.foreign.length > 0) {
      await this.settle(id, entry);
      this.rebuildAndReport(id, entry);
    }
  }

  private async compact(id: string, entry: Entry, lines: readonly JournalLineV2[]): Promise<void> {
    const result = await this.files.compact(id, lines);
    if (result.kind === 'deleted') return this.deps.removedElsewhere(id);
    if (result.kind === 'missing') {
      entry.mark = undefined;
      return this.create(id, entry, lines);
    }
    if (result.kind !== 'ok') {
      this.deps.log.warn(`Did not save conv-${id}.json: on disk it is now ${result.kind === 'newer' ? `format ${result.version}` : 'unreadable'}.`);
      return;
    }
    entry.base = result.conversation;
    entry.mark = result.mark;
    this.rebuildAndReport(id, entry);
  }

  /** Folds a journal that outgrew its snapshot into a new snapshot (after a reply, on load). */
  compactIfLarge(id: string): Promise<void> {
    return this.queue(id, async () => {
      const entry = this.deps.entries.get(id);
      const mark = entry?.mark;
      if (!entry || !mark || mark.journalBytes < Math.max(COMPACT_MIN_BYTES, mark.snapshotBytes * COMPACT_RATIO)) return;
      const lines = entry.pending.splice(0);
      try {
        await this.compact(id, entry, lines);
      } catch (err) {
        entry.pending.unshift(...lines);
        this.deps.log.warn(`Could not compact conv-${id}.jsonl (it stays as it is): ${errorMessage(err)}`);
      }
    });
  }

  async compactLarge(): Promise<void> {
    await Promise.all([...this.deps.entries.keys()].map((id) => this.compactIfLarge(id)));
  }

  async remove(id: string, entry: Entry | undefined): Promise<void> {
    const leaseIds = entry ? entry.view.messages.filter((m) => m.status === 'streaming').map((m) => m.id) : [];
    try {
      await this.queue(id, () => this.files.remove(id, leaseIds));
      this.removals.delete(id);
    } catch (err) {
      this.removals.set(id, leaseIds); // retried with the next flush
      this.failed(err);
    }
  }

  async retryRemovals(): Promise<void> {
    for (const [id] of [...this.removals]) await this.remove(id, undefined);
  }

  private failed(err: unknown): void {
    const message = describeSaveError(err);
    if (message !== this.failing) this.deps.log.error(`Could not save the chat history: ${message}. It stays in memory; saving is retried.`);
    if (this.failing === undefined) this.deps.emit({ type: 'saveFailed', message });
    else this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    this.failing = message;
    this.deps.retry();
  }

  private succeeded(): void {
    if (this.failing === undefined) return;
    this.failing = undefined;
    this.retryMs = RETRY_FIRST_MS;
    this.deps.log.info('The chat history is saved again.');
    this.deps.emit({ type: 'saveRecovered' });
  }

  /** The last save, synchronously (dispose): appends what is pending, creates what is new. */
  saveAllSync(): void {
    for (const [id, entry] of this.deps.entries) {
      if (entry.mark && entry.pending.length === 0) continue;
      const lines = entry.pending.splice(0);
      try {
        if (entry.mark) {
          this.files.appendSync(id, lines);
          continue;
        }
        const snapshot = cloneConversation(entry.base);
        for (const line of lines) applyChange(snapshot, line.change, line.at);
        if (this.files.createSync(id, snapshot) === 'exists') this.files.appendSync(id, lines);
      } catch (err) {
        this.deps.log.error(`Could not save conv-${id}.json on exit: ${describeSaveError(err)}`);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (this.leaseTimer) clearTimeout(this.leaseTimer);
  }
}
