// A lock file per conversation (`conv-<id>.lock`), held for the few milliseconds one window appends to
// its journal (or, rarely, rewrites its snapshot), so two windows never write the same conversation at
// once. It is created exclusively (O_EXCL) and holds who took it. A lock is stale when its process is
// gone (same host) or it is older than STALE_MS (a process on another host, or a reused pid); a stale
// lock is moved aside and checked before it is removed, so a lock taken meanwhile is put back.
import * as z from '../../common/zodMini';
import type { StoreFs } from '../storeFs';
import { LockV2 } from './schemaV2';

/** Who we are: one per store (window), so two stores in one process (tests) exclude each other too. */
export interface Holder {
  owner: string;
  host: string;
  pid: number;
}

export interface LockEnv {
  fs: StoreFs;
  me: Holder;
  processAlive: (pid: number) => boolean;
}

/** Longer than any write under the lock takes (a 1 GB snapshot on a slow disk). */
const STALE_MS = 60_000;
/** A lock file that does not parse (its writer died while writing it) is stale after this. */
const UNREADABLE_STALE_MS = 5_000;
/** Giving up: the save is then reported and retried later, nothing is dropped. */
const TIMEOUT_MS = 15_000;

let asideCounter = 0;

export async function withFileLock<T>(env: LockEnv, path: string, fn: () => Promise<T>): Promise<T> {
  await acquire(env, path);
  try {
    return await fn();
  } finally {
    await release(env, path);
  }
}

/**
 * The synchronous twin, for the last save on dispose. A lock our own store holds (an async save of this
 * window suspended at an await while dispose runs) counts as ours: we write through it and leave it to
 * its holder to release.
 */
export function withFileLockSync<T>(env: LockEnv, path: string, fn: () => T): T {
  const borrowed = acquireSync(env, path);
  try {
    return fn();
  } finally {
    if (!borrowed) releaseSync(env, path);
  }
}

function lockText(me: Holder): string {
  return JSON.stringify({ owner: me.owner, host: me.host, pid: me.pid, at: Date.now() });
}

function parseLock(text: string | undefined): z.infer<typeof LockV2> | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = z.safeParse(LockV2, JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function isStale(env: LockEnv, text: string, mtimeMs: number | undefined): boolean {
  const lock = parseLock(text);
  if (!lock) return mtimeMs !== undefined && Date.now() - mtimeMs > UNREADABLE_STALE_MS;
  if (lock.host === env.me.host && lock.pid !== env.me.pid && !env.processAlive(lock.pid)) return true;
  return Date.now() - lock.at > STALE_MS;
}

async function acquire(env: LockEnv, path: string): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    if (await env.fs.createExclusive(path, lockText(env.me))) return;
    const text = await env.fs.readFile(path).catch(() => undefined);
    if (text === undefined) continue; // released meanwhile
    if (isStale(env, text, (await env.fs.stat(path))?.mtimeMs)) {
      await breakStale(env, path, text);
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another window holds ${path.split(/[\\/]/).pop()} for too long`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

async function breakStale(env: LockEnv, path: string, staleText: string): Promise<void> {
  const aside = `${path}.stale-${env.me.pid}-${++asideCounter}`;
  try {
    await env.fs.rename(path, aside);
  } catch {
    return; // someone else broke it first
  }
  const taken = await env.fs.readFile(aside).catch(() => undefined);
  // A fresh lock taken between our read and our rename: give it back (if nobody took the place meanwhile).
  if (taken !== staleText && !(await env.fs.stat(path))) await env.fs.rename(aside, path).catch(() => undefined);
  await env.fs.unlink(aside).catch(() => undefined);
}

async function release(env: LockEnv, path: string): Promise<void> {
  const lock = parseLock(await env.fs.readFile(path).catch(() => undefined));
  // Not ours any more (we were too slow and someone broke it as stale): theirs stays.
  if (lock?.owner === env.me.owner) await env.fs.unlink(path).catch(() => undefined);
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Returns true when the lock is borrowed from an async save of this same store. */
function acquireSync(env: LockEnv, path: string): boolean {
  const deadline = Date.now() + TIMEOUT_MS / 5; // VS Code gives a closing window a few seconds
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    if (env.fs.createExclusiveSync(path, lockText(env.me))) return false;
    let text: string;
    try {
      text = env.fs.readFileSync(path);
    } catch {
      continue;
    }
    if (parseLock(text)?.owner === env.me.owner) return true;
    if (isStale(env, text, env.fs.statSync(path)?.mtimeMs)) {
      try {
        env.fs.unlinkSync(path);
      } catch {
        /* broken by someone else */
      }
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another window holds ${path.split(/[\\/]/).pop()} for too long`);
    sleepSync(delay);
  }
}

function releaseSync(env: LockEnv, path: string): void {
  try {
    if (parseLock(env.fs.readFileSync(path))?.owner === env.me.owner) env.fs.unlinkSync(path);
  } catch {
    /* gone already */
  }
}
