// Writes one window's changes to the shared folder: creates new conversations, appends to journals
// (reading what others appended since, under the lock), compacts journals that outgrew their snapshot,
// deletes with tombstones — and when the disk refuses (ENOSPC, EACCES…), keeps everything in memory,
// reports it once and retries with a backoff. The last save on dispose is synchronous.
import * as path from 'node:path';
import { errorMessage } from '../common/appError';
import type { Logger } from '../common/logger';
import { applyChange } from './changes';
import type { ConversationFiles } from './storage/conversationFiles';
import type { KeyedQueue } from './storage/keyedQueue';
import { CURRENT_VERSION } from './storage/migrate';
import type { JournalLineV3 } from './storage/schemaV3';
import { stateJson, writeState } from './storage/stateFile';
import { type Entry, type StoreEvent, cloneConversation } from './storeEntry';
import type { StoreFs } from './storeFs';
import type { StoreReader } from './storeReader';

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;
/** Compact when the journal is this large and at least half the snapshot: O(1) amortised per byte written. */
const COMPACT_MIN_BYTES = 256 * 1024;
const COMPACT_RATIO = 0.5;

export interface WriterDeps {
  files: ConversationFiles;
  fs: StoreFs;
  log: Logger;
  queue: KeyedQueue;
  entries: Map<string, Entry>;
  reader: StoreReader;
  /** Awaited before a conversation is written (the lease of a new reply goes to disk first). */
  beforeSave(id: string): Promise<void> | undefined;
  emit(event: StoreEvent): void;
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

export class StoreWriter {
  private readonly files: ConversationFiles;
  private readonly removals = new Map<string, string[]>();
  private failing: string | undefined;
  private retryMs = RETRY_FIRST_MS;

  constructor(private readonly deps: WriterDeps) {
    this.files = deps.files;
  }

  /** Conversations with changes that are not on disk (a failed save keeps them here). */
  unsaved(): string[] {
    return [...this.deps.entries].filter(([, e]) => e.pending.length > 0 || !e.mark).map(([id]) => id);
  }

  /** While saves fail: how long to wait before the next attempt. */
  retryDelay(): number | undefined {
    return this.failing ? this.retryMs : undefined;
  }

  save(id: string): Promise<void> {
    return this.deps.queue.run(id, () => this.saveEntry(id));
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

  private async create(id: string, entry: Entry, lines: readonly JournalLineV3[]): Promise<void> {
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
    if (!(await this.deps.reader.reload(id, entry)) || !entry.mark) return;
    await this.append(id, entry, lines);
  }

  private async append(id: string, entry: Entry, lines: readonly JournalLineV3[]): Promise<void> {
    const result = await this.files.append(id, entry.mark!, lines);
    if (result.kind === 'deleted') return this.deps.removedElsewhere(id);
    if (result.kind === 'missing') {
      // Its files are gone without a tombstone (not deleted by this version): write it again from memory.
      entry.mark = undefined;
      return this.create(id, entry, lines);
    }
    if (result.foreign === 'reload') {
      if (await this.deps.reader.reload(id, entry)) this.deps.reader.rebuildAndReport(id, entry);
      return;
    }
    for (const line of [...result.foreign, ...lines]) applyChange(entry.base, line.change, line.at);
    entry.mark = result.mark;
    if (result.foreign.length > 0) {
      await this.deps.reader.settle(id, entry);
      this.deps.reader.rebuildAndReport(id, entry);
    }
  }

  private async compact(id: string, entry: Entry, lines: readonly JournalLineV3[]): Promise<void> {
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
    this.deps.reader.rebuildAndReport(id, entry);
  }

  /** Folds a journal that outgrew its snapshot into a new snapshot (after a reply, on load). */
  compactIfLarge(id: string): Promise<void> {
    return this.deps.queue.run(id, async () => {
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
      await this.deps.queue.run(id, () => this.files.remove(id, leaseIds));
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

  /** Which conversation a window opens next (state.json); a failure only costs that choice. */
  saveState(activeId: string): Promise<void> {
    return this.deps.queue.run('state.json', () => writeState(this.deps.fs, this.files, activeId)).catch((err: unknown) => {
      this.deps.log.warn(`Could not save which conversation is open: ${errorMessage(err)}`);
    });
  }

  /** The last save, synchronously (dispose): appends what is pending, creates what is new, and the state. */
  saveAllSync(activeId: string | undefined): void {
    if (activeId !== undefined) {
      try {
        this.files.writeFileAtomicSync(path.join(this.files.dir, 'state.json'), stateJson(activeId));
      } catch (err) {
        this.deps.log.warn(`Could not save which conversation is open: ${describeSaveError(err)}`);
      }
    }
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
}
