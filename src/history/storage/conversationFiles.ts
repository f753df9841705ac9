// The files of one conversation (layout: schemaV2.ts; records: schemaV3.ts) and every operation on them. Writes
// happen under the conversation's lock; reads need none (a snapshot is replaced by rename, a journal only grows, and
// a read that raced a compaction sees the snapshot change and starts over).
import * as path from 'node:path';
import { applyChange } from '../changes';
import type { Conversation } from '../conversation';
import type { StoreFs } from '../storeFs';
import { type LockEnv, withFileLock, withFileLockSync } from './fileLock';
import { byteLength, decodeLines, encodeLines, endsMidLine } from './journal';
import { CURRENT_VERSION, readConversationFile } from './migrate';
import type { JournalLineV3 } from './schemaV3';

/** How far this window has read a conversation's files. */
export interface DiskMark {
  /** The snapshot's identity (inode, size, mtime): it changes when someone compacts. */
  stamp: string;
  /** The snapshot's format version (older ones are compacted before anything is appended). */
  version: number;
  snapshotBytes: number;
  /** Journal bytes read (complete lines only). */
  journalBytes: number;
}

export type FullRead =
  | { kind: 'ok'; conversation: Conversation; mark: DiskMark; skipped: number }
  | { kind: 'deleted' }
  | { kind: 'missing' }
  | { kind: 'newer'; version: number }
  /** The CONTENT does not parse: the only read that may move the files aside. */
  | { kind: 'corrupt'; detail: string }
  /** Not read now, content unknown (it kept changing): keep the files, read again later. */
  | { kind: 'unreadable'; detail: string };

/** A snapshot replaced again and again while it was read (a compaction in another window each time). */
export const KEPT_CHANGING: FullRead = { kind: 'unreadable', detail: 'kept changing while read' };

export type TailRead = { kind: 'same' } | { kind: 'lines'; lines: JournalLineV3[]; mark: DiskMark; skipped: number } | { kind: 'reload' };

export type AppendResult =
  /** `foreign`: what other windows appended since our mark ('reload': they compacted, read everything again). */
  | { kind: 'ok'; foreign: JournalLineV3[] | 'reload'; mark: DiskMark }
  | { kind: 'deleted' }
  | { kind: 'missing' };

export const SNAPSHOT_PREFIX = 'conv-';
export const TEMP_SUFFIX = '.tmp';
const READ_ATTEMPTS = 4;

export function isSafeId(id: string): boolean {
  return /^[A-Za-z0-9-]{1,100}$/.test(id);
}

function stampOf(st: { ino: number; size: number; mtimeMs: number }): string {
  return `${st.ino}:${st.size}:${st.mtimeMs}`;
}

function errorCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

export class ConversationFiles {
  private tempCounter = 0;

  constructor(
    readonly dir: string,
    private readonly fs: StoreFs,
    private readonly lockEnv: LockEnv,
    /** Short, file-name-safe id of this host: a temp file of a gone process on this host is stale. */
    readonly hostTag: string,
  ) {}

  snapshot(id: string): string {
    return path.join(this.dir, `${SNAPSHOT_PREFIX}${id}.json`);
  }

  journal(id: string): string {
    return path.join(this.dir, `${SNAPSHOT_PREFIX}${id}.jsonl`);
  }

  tombstone(id: string): string {
    return path.join(this.dir, `${SNAPSHOT_PREFIX}${id}.deleted`);
  }

  lease(id: string, messageId: string): string {
    return path.join(this.dir, `${SNAPSHOT_PREFIX}${id}.${messageId}.lease`);
  }

  private lock(id: string): string {
    return path.join(this.dir, `${SNAPSHOT_PREFIX}${id}.lock`);
  }

  withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return withFileLock(this.lockEnv, this.lock(id), fn);
  }

  async isDeleted(id: string): Promise<boolean> {
    return (await this.fs.stat(this.tombstone(id))) !== undefined;
  }

  /** The whole conversation: snapshot (migrated to the current version) plus its journal. */
  async readFull(id: string): Promise<FullRead> {
    for (let attempt = 1; attempt < READ_ATTEMPTS; attempt++) {
      const read = await this.readOnce(id);
      if (read) return read;
    }
    return this.withLock(id, async () => (await this.readOnce(id)) ?? KEPT_CHANGING);
  }

  /** undefined: the snapshot changed while it was read (a compaction): read again. Throws I/O errors. */
  async readOnce(id: string): Promise<FullRead | undefined> {
    if (await this.isDeleted(id)) return { kind: 'deleted' };
    const before = await this.fs.stat(this.snapshot(id));
    if (!before) return { kind: 'missing' };
    let text: string;
    let journal: Uint8Array;
    try {
      text = await this.fs.readFile(this.snapshot(id));
      journal = await this.readJournal(id, 0);
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return undefined;
      throw err;
    }
    const after = await this.fs.stat(this.snapshot(id));
    if (!after || stampOf(after) !== stampOf(before)) return undefined;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return { kind: 'corrupt', detail: 'not JSON' };
    }
    const result = readConversationFile(raw);
    if (!result.ok) return result.problem === 'newer' ? { kind: 'newer', version: result.version } : { kind: 'corrupt', detail: result.detail };
    const conversation = result.file.conversation;
    if (conversation.id !== id) return { kind: 'corrupt', detail: 'another id inside' };
    const decoded = decodeLines(journal);
    for (const line of decoded.lines) applyChange(conversation, line.change, line.at);
    const mark = { stamp: stampOf(after), version: result.fromVersion, snapshotBytes: after.size, journalBytes: decoded.consumed };
    return { kind: 'ok', conversation, mark, skipped: decoded.skipped };
  }

  /** What was appended since `mark`, when the snapshot is still the one we read. */
  async readTail(id: string, mark: DiskMark): Promise<TailRead> {
    const snapshot = await this.fs.stat(this.snapshot(id));
    if (!snapshot || stampOf(snapshot) !== mark.stamp || (await this.isDeleted(id))) return { kind: 'reload' };
    const size = (await this.fs.stat(this.journal(id)))?.size ?? 0;
    if (size === mark.journalBytes) return { kind: 'same' };
    if (size < mark.journalBytes) return { kind: 'reload' };
    const bytes = await this.readJournal(id, mark.journalBytes);
    const again = await this.fs.stat(this.snapshot(id));
    if (!again || stampOf(again) !== mark.stamp) return { kind: 'reload' };
    const decoded = decodeLines(bytes);
    if (decoded.consumed === 0) return { kind: 'same' }; // a line still being written
    return { kind: 'lines', lines: decoded.lines, mark: { ...mark, journalBytes: mark.journalBytes + decoded.consumed }, skipped: decoded.skipped };
  }

  /**
   * Appends our changes to the journal, under the lock. The cost depends on what is appended (and on
   * what other windows appended since we last looked), never on the size of the conversation.
   */
  append(id: string, mark: DiskMark, lines: readonly JournalLineV3[]): Promise<AppendResult> {
    return this.withLock(id, async () => {
      if (await this.isDeleted(id)) return { kind: 'deleted' };
      const snapshot = await this.fs.stat(this.snapshot(id));
      if (!snapshot) return { kind: 'missing' };
      const journalPath = this.journal(id);
      const existing = await this.fs.stat(journalPath);
      const size = existing?.size ?? 0;
      let foreign: JournalLineV3[] | 'reload' = [];
      let lastByte: Uint8Array = new Uint8Array();
      if (stampOf(snapshot) !== mark.stamp || size < mark.journalBytes) foreign = 'reload';
      else if (size > mark.journalBytes) {
        const bytes = await this.readJournal(id, mark.journalBytes);
        foreign = decodeLines(bytes).lines;
        lastByte = bytes.subarray(bytes.length - 1);
      }
      if (size > 0 && lastByte.length === 0) lastByte = await this.readJournal(id, size - 1);
      // A writer that crashed mid-line left a partial record: a newline closes it off (readers skip it).
      const data = (endsMidLine(lastByte) ? '\n' : '') + encodeLines(lines);
      try {
        await this.fs.appendDurable(journalPath, data);
      } catch (err) {
        await this.fs.truncate(journalPath, size).catch(() => undefined); // never leave half a record
        throw err;
      }
      if (!existing) await this.fs.syncDir(this.dir);
      const next: DiskMark = { stamp: stampOf(snapshot), version: mark.version, snapshotBytes: snapshot.size, journalBytes: size + byteLength(data) };
      return { kind: 'ok', foreign, mark: next };
    });
  }

  /** Writes a conversation that is not on disk yet. 'exists': it is (append instead). */
  create(id: string, conversation: Conversation): Promise<{ kind: 'ok'; mark: DiskMark } | { kind: 'deleted' } | { kind: 'exists' }> {
    return this.withLock(id, async () => {
      if (await this.isDeleted(id)) return { kind: 'deleted' };
      if (await this.fs.stat(this.snapshot(id))) return { kind: 'exists' };
      return { kind: 'ok', mark: await this.writeSnapshot(id, conversation) };
    });
  }

  /**
   * Folds the journal (and `lines`, our changes not written yet) into a new snapshot in the current
   * version, under the lock: read from disk, so nothing another window wrote is lost.
   */
  compact(id: string, lines: readonly JournalLineV3[] = []): Promise<FullRead> {
    return this.withLock(id, async () => {
      const read = await this.readOnce(id);
      if (!read || read.kind !== 'ok') return read ?? KEPT_CHANGING;
      for (const line of lines) applyChange(read.conversation, line.change, line.at);
      const mark = await this.writeSnapshot(id, read.conversation);
      await this.fs.unlink(this.journal(id)).catch((err: unknown) => {
        if (errorCode(err) !== 'ENOENT') throw err;
      });
      return { kind: 'ok', conversation: read.conversation, mark, skipped: 0 };
    });
  }

  /** Deletes for good: the tombstone first (durably), then the files. */
  remove(id: string, leaseIds: readonly string[]): Promise<void> {
    return this.withLock(id, async () => {
      await this.fs.writeFileDurable(this.tombstone(id), JSON.stringify({ version: CURRENT_VERSION, deletedAt: Date.now() }));
      await this.fs.syncDir(this.dir);
      await this.removeFiles(id, leaseIds);
    });
  }

  /** The files of a deleted conversation (also to finish a deletion a crash interrupted). */
  async removeFiles(id: string, leaseIds: readonly string[]): Promise<void> {
    for (const file of [this.snapshot(id), this.journal(id), ...leaseIds.map((m) => this.lease(id, m))]) {
      await this.fs.unlink(file).catch(() => undefined);
    }
    await this.fs.syncDir(this.dir);
  }

  /** Temp file, fsync, rename, fsync the folder: a crash leaves the old snapshot or the new one. */
  private async writeSnapshot(id: string, conversation: Conversation): Promise<DiskMark> {
    const file = this.snapshot(id);
    const data = JSON.stringify({ version: CURRENT_VERSION, conversation });
    const temp = this.tempOf(file);
    try {
      await this.fs.writeFileDurable(temp, data);
      await this.fs.rename(temp, file);
    } catch (err) {
      await this.fs.unlink(temp).catch(() => undefined);
      throw err;
    }
    await this.fs.syncDir(this.dir);
    const st = await this.fs.stat(file);
    return { stamp: st ? stampOf(st) : '', version: CURRENT_VERSION, snapshotBytes: st?.size ?? byteLength(data), journalBytes: 0 };
  }

  /** `<file>.<hostTag>-<pid>-<n>.tmp`: housekeeping can tell whose it is. */
  tempOf(file: string): string {
    return `${file}.${this.hostTag}-${this.lockEnv.me.pid}-${++this.tempCounter}${TEMP_SUFFIX}`;
  }

  private async readJournal(id: string, start: number): Promise<Uint8Array> {
    try {
      return await this.fs.readFrom(this.journal(id), start);
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return new Uint8Array();
      throw err;
    }
  }

  // ---------- synchronous twins (the last save on dispose) ----------

  appendSync(id: string, lines: readonly JournalLineV3[]): 'ok' | 'deleted' | 'missing' {
    return withFileLockSync(this.lockEnv, this.lock(id), () => {
      if (this.fs.statSync(this.tombstone(id))) return 'deleted';
      if (!this.fs.statSync(this.snapshot(id))) return 'missing';
      const journalPath = this.journal(id);
      const size = this.fs.statSync(journalPath)?.size ?? 0;
      const lastByte = size > 0 ? this.fs.readFromSync(journalPath, size - 1) : new Uint8Array();
      this.fs.appendDurableSync(journalPath, (endsMidLine(lastByte) ? '\n' : '') + encodeLines(lines));
      if (size === 0) this.fs.syncDirSync(this.dir);
      return 'ok';
    });
  }

  createSync(id: string, conversation: Conversation): 'ok' | 'deleted' | 'exists' {
    return withFileLockSync(this.lockEnv, this.lock(id), () => {
      if (this.fs.statSync(this.tombstone(id))) return 'deleted';
      const file = this.snapshot(id);
      if (this.fs.statSync(file)) return 'exists';
      this.writeFileAtomicSync(file, JSON.stringify({ version: CURRENT_VERSION, conversation }));
      return 'ok';
    });
  }

  writeFileAtomicSync(file: string, data: string): void {
    const temp = this.tempOf(file);
    this.fs.writeFileDurableSync(temp, data);
    this.fs.renameSync(temp, file);
    this.fs.syncDirSync(this.dir);
  }
}
