// What a window tidies in the shared folder when it opens it. Only what is provably nobody's any more:
// a temp file whose process is gone (this host) or that is older than TEMP_STALE_MS (any writer finishes
// a rename long before that), a lease nobody renews, the files of a conversation whose deletion a crash
// interrupted (the tombstone was written), and tombstones older than TOMBSTONE_KEEP_MS.
import * as path from 'node:path';
import type { Logger } from '../../common/logger';
import type { StoreFs } from '../storeFs';
import { type ConversationFiles, SNAPSHOT_PREFIX, TEMP_SUFFIX, isSafeId } from './conversationFiles';
import { type LeaseEnv, leaseExpiry, readLease } from './leases';

const TEMP_STALE_MS = 10 * 60_000;
/** Long enough that no window still holds changes to a conversation deleted that long ago. */
const TOMBSTONE_KEEP_MS = 30 * 24 * 60 * 60_000;

const ENTRY = /^conv-([A-Za-z0-9-]{1,100})\.(json|jsonl|deleted)$/;
const LEASE = /^conv-([A-Za-z0-9-]{1,100})\.([A-Za-z0-9-]{1,100})\.lease$/;
/** `<file>.<hostTag>-<pid>-<n>.tmp` (version 1 wrote `<file>.<pid>-<n>.tmp`). */
const TEMP = /\.(?:([a-z0-9]+)-)?(\d+)-\d+\.tmp$/;

/** The conversation id a folder entry belongs to (undefined: not a conversation's file, e.g. a lock or a temp file). */
export function conversationIdOf(name: string): string | undefined {
  return ENTRY.exec(name)?.[1] ?? LEASE.exec(name)?.[1];
}

export interface TidyEnv {
  fs: StoreFs;
  files: ConversationFiles;
  leases: LeaseEnv;
  log: Logger;
}

/** Tidies the folder; returns the ids of the conversations to load. */
export async function tidyFolder(env: TidyEnv, names: readonly string[]): Promise<string[]> {
  const { fs, files, leases } = env;
  const snapshots = new Set<string>();
  const tombstones = new Set<string>();
  const leaseFiles = new Map<string, string[]>();
  for (const name of names) {
    const entry = ENTRY.exec(name);
    if (entry?.[2] === 'json') snapshots.add(entry[1]!);
    if (entry?.[2] === 'deleted') tombstones.add(entry[1]!);
    const lease = LEASE.exec(name);
    if (lease) leaseFiles.set(lease[1]!, [...(leaseFiles.get(lease[1]!) ?? []), lease[2]!]);
    if (name.endsWith(TEMP_SUFFIX)) await removeIfStale(env, name);
  }
  for (const id of tombstones) {
    const leftovers = snapshots.has(id) || names.includes(`${SNAPSHOT_PREFIX}${id}.jsonl`) || leaseFiles.has(id);
    if (leftovers) {
      await files.withLock(id, () => files.removeFiles(id, leaseFiles.get(id) ?? [])).catch((err: unknown) => {
        env.log.warn(`Could not finish deleting a conversation: ${String(err)}`);
      });
    } else if (Date.now() - ((await fs.stat(files.tombstone(id)))?.mtimeMs ?? Date.now()) > TOMBSTONE_KEEP_MS) {
      await fs.unlink(files.tombstone(id)).catch(() => undefined);
    }
    snapshots.delete(id);
    leaseFiles.delete(id);
  }
  for (const [id, messageIds] of leaseFiles) {
    for (const messageId of messageIds) {
      if (leaseExpiry(leases, await readLease(leases, id, messageId)) === undefined) await fs.unlink(files.lease(id, messageId)).catch(() => undefined);
    }
  }
  return [...snapshots].filter(isSafeId);
}

async function removeIfStale(env: TidyEnv, name: string): Promise<void> {
  const file = path.join(env.files.dir, name);
  const match = TEMP.exec(name);
  const gone = match?.[1] === env.files.hostTag && Number(match[2]) !== env.leases.me.pid && !env.leases.processAlive(Number(match[2]));
  const st = await env.fs.stat(file).catch(() => undefined);
  if (!st) return;
  // Left by a crash between write and rename: the real file still has the previous version.
  if (gone || Date.now() - st.mtimeMs > TEMP_STALE_MS) await env.fs.unlink(file).catch(() => undefined);
}
