// The chat history: every conversation in memory, kept in step with the globalStorage folder that all
// VS Code windows share (each window runs its own extension host and its own store on that folder).
//
// Design — why nothing is lost or resurrected across windows, crashes and full disks:
// - A conversation on disk is a snapshot plus an append-only journal of changes (storage/schemaV2.ts; its
//   records: schemaV3.ts).
//   A window never writes its in-memory copy over another window's work: it appends only its own
//   changes, under the conversation's lock file, after reading what others appended since it last
//   looked. Changes are idempotent, so a record that reaches the disk twice does no harm.
// - Saving costs what was changed, not the conversation's size: a reply's text goes to the journal as
//   appends; the snapshot is rewritten (compacted) only when the journal outgrows half of it (at the end
//   of a reply, or on load), which keeps the cost per byte written constant.
// - A deletion writes a tombstone first; a window that still holds changes to it drops them.
// - Only stale temp files are cleaned (storage/housekeeping.ts): never one a live window is about to rename.
// - Other windows notice changes through a folder watcher (debounced), re-read only what was appended,
//   and report them (onDidChange) so the controller can update the view.
// - A reply streaming in another window has a lease with a heartbeat (storage/leases.ts): it is shown as
//   streaming and read-only here; a streaming message without a live lease (its window crashed) is
//   shown as interrupted. The owner writes the final message before it drops the lease.
// - A failed save (ENOSPC, EACCES…) keeps the changes in memory, reports once (saveFailed) and retries;
//   a journal append that fails is truncated back, a snapshot is written to a temp file and renamed, and
//   the folder is fsynced after every rename, so no file is ever half-written.
import * as os from 'node:os';
import { errorMessage } from '../common/appError';
import type { Logger } from '../common/logger';
import type { ChangeInput } from './changes';
import { type Conversation, type ReadonlyConversation, createConversation, isEmpty } from './conversation';
import { ConversationFiles, isSafeId } from './storage/conversationFiles';
import { KeyedQueue } from './storage/keyedQueue';
import { HEARTBEAT_MS, LEASE_TTL_MS, type LeaseEnv, LocalStreams, hostTagOf, processAlive } from './storage/leases';
import { type Entry, type StoreEvent, applyInput, cloneConversation, newEntry } from './storeEntry';
import type { DirWatch, StoreFs } from './storeFs';
import { type ReadRetry, StoreReader } from './storeReader';
import { StoreWriter } from './storeWriter';

export type { StoreEvent } from './storeEntry';

/** While a reply streams, the conversation is written at most this often (and once more at the end). */
export const SAVE_THROTTLE_MS = 500;

export interface StoreOptions {
  throttleMs?: number;
  now?: () => number;
  /** Who this window is; tests give two stores in one process different ones. */
  pid?: number;
  hostname?: string;
  processAlive?: (pid: number) => boolean;
  /** Watch the folder for other windows' changes (default true; tests may call refresh() instead). */
  watch?: boolean;
  refreshDelayMs?: number;
  heartbeatMs?: number;
  leaseTtlMs?: number;
  /** How a file that could not be read (an I/O error, not bad content) is tried again. */
  readRetry?: ReadRetry;
}

export class ConversationStore {
  private readonly entries = new Map<string, Entry>();
  private activeId = '';
  private readonly dirty = new Set<string>();
  private stateDirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private watcher: DirWatch | undefined;
  private readonly queue = new KeyedQueue();
  private readonly local: LocalStreams;
  private readonly reader: StoreReader;
  private readonly writer: StoreWriter;
  private disposed = false;

  private constructor(
    private readonly log: Logger,
    private readonly opts: Required<Pick<StoreOptions, 'throttleMs' | 'now' | 'refreshDelayMs' | 'heartbeatMs'>>,
    leaseEnv: LeaseEnv,
    readRetry: ReadRetry | undefined,
  ) {
    const { files, fs } = leaseEnv;
    const { entries, queue } = this;
    this.local = new LocalStreams(leaseEnv, opts.heartbeatMs, (message) => log.warn(message));
    const emit = (event: StoreEvent): void => this.emit(event);
    const removedElsewhere = (id: string): void => {
      const wasActive = this.activeId === id;
      this.forget(id);
      this.emit({ type: 'removed', id, wasActive });
    };
    this.reader = new StoreReader({ files, leases: leaseEnv, log, queue, entries, localStream: (id) => this.local.messageOf(id), emit, removedElsewhere, ...(readRetry ? { readRetry } : {}) });
    this.writer = new StoreWriter({ files, fs, log, queue, entries, reader: this.reader, beforeSave: (id) => this.local.ready(id), emit, removedElsewhere, retry: () => this.schedule() });
  }

  /** Loads every conversation in `dir` (created if missing) and starts watching it. Never throws for bad files. */
  static async open(dir: string, fs: StoreFs, log: Logger, options: StoreOptions = {}): Promise<ConversationStore> {
    const now = options.now ?? Date.now;
    const me = { owner: `${globalThis.crypto.randomUUID()}`, host: options.hostname ?? os.hostname(), pid: options.pid ?? process.pid };
    const alive = options.processAlive ?? processAlive;
    const files = new ConversationFiles(dir, fs, { fs, me, processAlive: alive }, hostTagOf(me.host));
    const leaseEnv: LeaseEnv = { fs, files, me, processAlive: alive, now, ttlMs: options.leaseTtlMs ?? LEASE_TTL_MS };
    const timing = { throttleMs: options.throttleMs ?? SAVE_THROTTLE_MS, now, refreshDelayMs: options.refreshDelayMs ?? 100, heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS };
    const store = new ConversationStore(log, timing, leaseEnv, options.readRetry);
    await store.load();
    if (options.watch !== false) store.watcher = fs.watch(dir, (name) => store.reader.noticed(name, timing.refreshDelayMs));
    return store;
  }

  onDidChange(listener: (event: StoreEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  // ---------- reading ----------

  /** Newest first. Empty conversations other than the active one are left out (nothing to go back to). */
  list(): ReadonlyConversation[] {
    return [...this.entries.values()]
      .map((e) => e.view)
      .filter((c) => !isEmpty(c) || c.id === this.activeId || c.draft.length > 0)
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  get(id: string): ReadonlyConversation | undefined {
    return this.entries.get(id)?.view;
  }

  /** The active conversation; creates an empty one when there is none. */
  active(): ReadonlyConversation {
    const found = this.entries.get(this.activeId);
    if (found) return found.view;
    const entry = newEntry(createConversation(this.opts.now()));
    this.entries.set(entry.view.id, entry);
    this.activeId = entry.view.id;
    this.stateDirty = true;
    this.dirty.add(entry.view.id);
    return entry.view;
  }

  /** True while a reply streams into this conversation in another (live) window: it is read-only here. */
  isStreamingElsewhere(id: string): boolean {
    return this.entries.get(id)?.elsewhere !== undefined;
  }

  // ---------- changing ----------

  /** Adds a conversation (a copy: from now on it changes only through update()). */
  add(conversation: Conversation): void {
    this.entries.set(conversation.id, newEntry(cloneConversation(conversation)));
    this.markDirty(conversation.id);
  }

  /**
   * The one way to change a conversation: applies the change(s), stamps `updatedAt` (except for drafts
   * and streamed text) and schedules the save. An append without `from` goes at the end of its field.
   * Returns false when there is no such conversation.
   */
  update(id: string, changes: ChangeInput | readonly ChangeInput[]): boolean {
    const entry = this.entries.get(id);
    if (!entry || this.disposed) return false;
    const at = this.opts.now();
    for (const input of Array.isArray(changes) ? (changes as readonly ChangeInput[]) : [changes as ChangeInput]) applyInput(entry, input, at);
    this.markDirty(id);
    return true;
  }

  setActive(id: string): boolean {
    if (!this.entries.has(id)) return false;
    if (this.activeId !== id) {
      this.activeId = id;
      this.stateDirty = true;
      this.schedule();
    }
    return true;
  }

  /** Deletes the conversation here and for every window (a tombstone on disk). */
  async remove(id: string): Promise<void> {
    const entry = this.entries.get(id);
    this.forget(id);
    if (isSafeId(id)) await this.writer.remove(id, entry);
    await this.flush();
  }

  // ---------- streaming ----------

  /** A reply starts streaming into `messageId` here: other windows see it as streaming until endStream(). */
  beginStream(id: string, messageId: string): void {
    this.local.begin(id, messageId);
  }

  /** The reply ended: its final state is written before the lease goes, then the journal may be compacted. */
  async endStream(id: string): Promise<void> {
    if (await this.local.end(id, () => this.saveNow(id))) await this.writer.compactIfLarge(id);
  }

  // ---------- saving ----------

  /** Writes the conversation now (and waits for it). */
  async saveNow(id: string): Promise<void> {
    this.dirty.delete(id);
    await this.writer.save(id);
  }

  /** Writes everything that changed and waits for all writes in flight. */
  async flush(): Promise<void> {
    this.clearTimer();
    const ids = [...this.dirty, ...this.writer.unsaved()];
    this.dirty.clear();
    const writes = [...new Set(ids)].map((id) => this.writer.save(id));
    if (this.stateDirty) {
      this.stateDirty = false;
      writes.push(this.writer.saveState(this.activeId));
    }
    writes.push(this.writer.retryRemovals());
    await Promise.all(writes);
    await this.queue.idle();
  }

  /** Re-reads what changed on disk (`names`: folder entries; none: everything). The watcher calls it. */
  refresh(names?: readonly string[]): Promise<void> {
    return this.reader.refresh(names);
  }

  /** Last chance on shutdown: writes what changed synchronously (dispose cannot await), then drops the leases. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.watcher?.close();
    this.clearTimer();
    this.reader.dispose();
    try {
      this.writer.saveAllSync(this.stateDirty ? this.activeId : undefined);
    } catch (err) {
      this.log.error(`Could not save the chat history on exit: ${errorMessage(err)}`);
    }
    this.local.dropAllSync();
    this.listeners.clear();
  }

  // ---------- internals ----------

  private async load(): Promise<void> {
    const saved = await this.reader.loadFolder();
    if (saved && this.entries.has(saved)) this.activeId = saved;
    await this.writer.compactLarge();
  }

  /** Removes a conversation from memory (deleted here or elsewhere); picks another active one. */
  private forget(id: string): void {
    this.entries.delete(id);
    this.dirty.delete(id);
    if (this.activeId === id) {
      this.activeId = [...this.entries.values()].sort((a, b) => b.view.updatedAt - a.view.updatedAt)[0]?.view.id ?? '';
      this.stateDirty = true;
    }
  }

  private emit(event: StoreEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (err) {
        this.log.error('Chat history listener failed', err);
      }
    }
  }

  private markDirty(id: string): void {
    this.dirty.add(id);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.writer.retryDelay() ?? this.opts.throttleMs);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
