// "A reply streams into this message in a live window." The window that streams writes
// conv-<id>.<messageId>.lease and refreshes its heartbeat; other windows show the message as streaming
// (read-only) while the lease is alive, and as interrupted once it is not: its process is gone (same
// host) or the heartbeat is older than LEASE_TTL_MS (a crash on another host, a process that hangs).
import * as z from '../../common/zodMini';
import type { StoreFs } from '../storeFs';
import type { ConversationFiles } from './conversationFiles';
import type { Holder } from './fileLock';
import { CURRENT_VERSION } from './migrate';
import { LeaseV3 } from './schemaV3';

export const HEARTBEAT_MS = 5_000;
/** Several missed heartbeats: a busy event loop must not make a live reply look interrupted. */
export const LEASE_TTL_MS = 20_000;

export interface LeaseEnv {
  fs: StoreFs;
  files: ConversationFiles;
  me: Holder;
  processAlive: (pid: number) => boolean;
  now: () => number;
  ttlMs: number;
}

export async function readLease(env: LeaseEnv, id: string, messageId: string): Promise<LeaseV3 | undefined> {
  let text: string;
  try {
    text = await env.fs.readFile(env.files.lease(id, messageId));
  } catch {
    return undefined;
  }
  try {
    const parsed = z.safeParse(LeaseV3, JSON.parse(text));
    return parsed.success && parsed.data.messageId === messageId ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** When the lease stops counting (undefined: it does not count now). */
export function leaseExpiry(env: LeaseEnv, lease: LeaseV3 | undefined): number | undefined {
  if (!lease) return undefined;
  if (lease.host === env.me.host && lease.pid !== env.me.pid && !env.processAlive(lease.pid)) return undefined;
  const expiry = lease.heartbeatAt + env.ttlMs;
  return expiry > env.now() ? expiry : undefined;
}

export async function writeLease(env: LeaseEnv, id: string, messageId: string): Promise<void> {
  const lease: LeaseV3 = { version: CURRENT_VERSION, ...env.me, messageId, heartbeatAt: env.now() };
  const file = env.files.lease(id, messageId);
  const temp = env.files.tempOf(file);
  await env.fs.writeFile(temp, JSON.stringify(lease));
  await env.fs.rename(temp, file).catch(async (err: unknown) => {
    await env.fs.unlink(temp).catch(() => undefined);
    throw err;
  });
}

export function removeLeaseSync(env: LeaseEnv, id: string, messageId: string): void {
  try {
    env.fs.unlinkSync(env.files.lease(id, messageId));
  } catch {
    /* gone already */
  }
}

/** The replies this window streams: their leases, renewed every `heartbeatMs` until they end. */
export class LocalStreams {
  private readonly streams = new Map<string, { messageId: string; heartbeat: ReturnType<typeof setInterval>; ready: Promise<void> }>();

  constructor(
    private readonly env: LeaseEnv,
    private readonly heartbeatMs: number,
    private readonly warn: (message: string) => void,
  ) {}

  messageOf(id: string): string | undefined {
    return this.streams.get(id)?.messageId;
  }

  /** Resolves when the lease of the conversation's reply is on disk (undefined: none streams). */
  ready(id: string): Promise<void> | undefined {
    return this.streams.get(id)?.ready;
  }

  begin(id: string, messageId: string): void {
    const ready = writeLease(this.env, id, messageId).catch((err: unknown) => {
      this.warn(`Could not mark the streaming reply for other windows: ${String(err)}`);
    });
    const heartbeat = setInterval(() => void writeLease(this.env, id, messageId).catch(() => undefined), this.heartbeatMs);
    heartbeat.unref?.();
    this.streams.set(id, { messageId, heartbeat, ready });
  }

  /** Stops the heartbeat; `beforeDrop` runs (the final state is saved) before the lease goes. */
  async end(id: string, beforeDrop: () => Promise<void>): Promise<boolean> {
    const stream = this.streams.get(id);
    if (!stream) return false;
    clearInterval(stream.heartbeat);
    await beforeDrop();
    this.streams.delete(id);
    await stream.ready;
    await this.env.fs.unlink(this.env.files.lease(id, stream.messageId)).catch(() => undefined);
    return true;
  }

  /** On dispose, after the last save: no lease outlives its window. */
  dropAllSync(): void {
    for (const [id, stream] of this.streams) {
      clearInterval(stream.heartbeat);
      removeLeaseSync(this.env, id, stream.messageId);
    }
    this.streams.clear();
  }
}

/** Whether a process of this host still runs (EPERM: it does, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A short, file-name-safe tag of the host name (in temp file names). */
export function hostTagOf(hostname: string): string {
  let hash = 0;
  for (const ch of hostname) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0;
  return hash.toString(36);
}
