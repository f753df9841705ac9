// Reads a text file for the model without trusting it: regular files only (a FIFO, a device such as /dev/zero, a
// socket, a folder or a /proc file is refused before a byte is read), never more than the cap plus one byte (an
// endless or huge file cannot grow the extension host), and no binary content. Opening never blocks: a FIFO is
// opened non-blocking and the open file is checked again (a file swapped between the check and the open is
// caught). Pure (Node's fs, no vscode): tested with real files, links, FIFOs and devices.
import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { isBinary } from '../../prompt/attachments';
import type { NotRegularKind, ReadReason } from './readPolicy';

export type ReadTextResult =
  | { ok: true; text: string; bytes: number; truncated?: { keptChars: number } }
  | { ok: false; reason: ReadReason };

export interface ReadLimits {
  /** The most characters the caller takes. */
  maxChars: number;
  /** The most bytes read (default: 4 per character, UTF-8's widest); one more byte is read to tell "more". */
  maxBytes?: number;
  /** 'truncate': return the first maxChars and say so (completions); default 'refuse' (attachments are never cut). */
  whenTooLarge?: 'refuse' | 'truncate';
}

/** Kernel and device file systems: their "regular" files (/proc/self/environ) are not files a user wrote. */
const PSEUDO_ROOTS = ['/proc/', '/sys/', '/dev/'];

export function isPseudoPath(realPath: string): boolean {
  return PSEUDO_ROOTS.some((root) => realPath === root.slice(0, -1) || realPath.startsWith(root));
}

export function notRegularKind(st: Stats): NotRegularKind | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'folder';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  return 'other';
}

/** What stat says about a path (links followed): undefined for a regular file that may be read. */
export async function classifyPath(realPath: string): Promise<ReadReason | undefined> {
  if (isPseudoPath(realPath)) return { kind: 'not-regular', what: 'pseudo' };
  try {
    const what = notRegularKind(await stat(realPath));
    return what ? { kind: 'not-regular', what } : undefined;
  } catch (err) {
    return errorReason(err);
  }
}

function errorReason(err: unknown): ReadReason {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  if (code === 'EISDIR') return { kind: 'not-regular', what: 'folder' };
  if (code === 'ENXIO') return { kind: 'not-regular', what: 'socket' };
  return { kind: 'unreadable', errno: code };
}

// O_NONBLOCK: opening a FIFO without a writer returns at once instead of blocking a thread of the pool forever.
// O_NOFOLLOW: the caller passes the real path, so a link in its place now means it was swapped.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** Reads `realPath` (symbolic links already resolved) as UTF-8 text within the limits. */
export async function readTextFile(realPath: string, limits: ReadLimits): Promise<ReadTextResult> {
  const maxBytes = limits.maxBytes ?? limits.maxChars * 4;
  const tooLarge = (bytes?: number): ReadTextResult => ({ ok: false, reason: { kind: 'too-large', bytes, limitChars: limits.maxChars } });
  const before = await classifyPath(realPath);
  if (before) return { ok: false, reason: before };
  let handle;
  try {
    handle = await open(realPath, OPEN_FLAGS);
  } catch (err) {
    return { ok: false, reason: (err as NodeJS.ErrnoException).code === 'ELOOP' ? { kind: 'unreadable', errno: 'ELOOP' } : errorReason(err) };
  }
  try {
    const st = await handle.stat();
    const what = notRegularKind(st);
    if (what) return { ok: false, reason: { kind: 'not-regular', what } };
    const truncate = limits.whenTooLarge === 'truncate';
    // Far beyond the limit: say so without reading (a file system may report 0 for a file that has content: read).
    if (st.size > maxBytes && !truncate) return tooLarge(st.size);
    const buffer = Buffer.alloc(maxBytes + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    const over = filled > maxBytes;
    if (over && !truncate) return tooLarge(st.size > maxBytes ? st.size : undefined);
    const bytes = buffer.subarray(0, Math.min(filled, maxBytes));
    if (isBinary(bytes)) return { ok: false, reason: { kind: 'binary' } };
    let text = new TextDecoder().decode(bytes);
    if (over || text.length > limits.maxChars) {
      if (!truncate) return tooLarge(st.size || filled);
      text = text.slice(0, limits.maxChars);
      return { ok: true, text, bytes: filled, truncated: { keptChars: text.length } };
    }
    return { ok: true, text, bytes: filled };
  } catch (err) {
    return { ok: false, reason: errorReason(err) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
