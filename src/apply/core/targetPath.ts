// Which file a code block is for: a path named in the fence's info string (```ts src/math.ts, ```ts title="x.ts",
// ```src/math.ts) or in a comment on its first line (// src/math.ts, # file: util.py, <!-- docs/a.md -->), and
// whether that path stays inside the workspace. Pure: the host checks which candidates exist.
import { posix } from 'node:path';
import { isInGitFolder } from '../../common/pathNames';

export interface BlockPath {
  /** The path as the block names it (slashes normalised). */
  path: string;
  via: 'fence' | 'comment';
  /** The code without the path comment line (the same code when the fence named the path). */
  code: string;
}

/** `name.ext` or `dir/name(.ext)`: no spaces, no quotes, no URL. */
const PATH_LIKE = /^(?!\w+:\/\/)[\w@~+.\-/\\]*(?:[\w-]\.[A-Za-z0-9_+-]{1,12}|\/[\w.-]+)$/;
/** Language names that look like file names ("c++", "objective-c" have no dot; "node.js" does). */
const NOT_PATHS = new Set(['node.js', 'vue.js', 'next.js', 'asp.net', 'vb.net']);

function looksLikePath(token: string): boolean {
  return token.length <= 500 && PATH_LIKE.test(token) && !NOT_PATHS.has(token.toLowerCase()) && !/^\.+$/.test(token);
}

function unquote(value: string): string {
  return value.replace(/^["'`](.*)["'`]$/, '$1');
}

/** The path in a fence's info string, if it names one. */
export function pathFromInfo(info: string): string | undefined {
  const tokens = info.replace(/[{}]/g, ' ').trim().split(/\s+/).filter(Boolean);
  for (const [i, raw] of tokens.entries()) {
    const keyed = /^(?:title|file|filename|path|name)=(.+)$/i.exec(raw);
    if (keyed) {
      const value = unquote(keyed[1]!);
      if (looksLikePath(value)) return value;
      continue;
    }
    // "ts:src/math.ts" (language, colon, path)
    const colon = /^[\w#+-]+:(.+)$/.exec(raw);
    if (i === 0 && colon && looksLikePath(colon[1]!)) return colon[1];
    const token = unquote(raw);
    // The first token is a language unless it is clearly a path (has a slash, or is "name.ext").
    if (i === 0 && !token.includes('/') && !/\.[A-Za-z0-9]{1,12}$/.test(token)) continue;
    if (looksLikePath(token)) return token;
  }
  return undefined;
}

const COMMENT = /^\s*(?:\/\/+|#(?!!)|--|;+|\/\*+|<!--|\{-|%|')\s*(?:(?:file(?:name)?|path)\s*:\s*)?(\S+?)\s*(?:\*+\/|-->|-\})?\s*$/i;

/** The path named by a comment on the block's first non-empty line, with that line removed from the code. */
export function pathFromLeadingComment(code: string): { path: string; code: string } | undefined {
  const match = /^(?:[ \t]*\r?\n)*([^\n]*)(?:\n|$)/.exec(code);
  if (!match) return undefined;
  const line = match[1]!.replace(/\r$/, '');
  const comment = COMMENT.exec(line);
  if (!comment) return undefined;
  const path = unquote(comment[1]!);
  if (!looksLikePath(path)) return undefined;
  return { path, code: code.slice(match[0].length) };
}

export function pathOfBlock(info: string, code: string): BlockPath | undefined {
  const fromInfo = pathFromInfo(info);
  if (fromInfo) return { path: normalizeSlashes(fromInfo), via: 'fence', code };
  const fromComment = pathFromLeadingComment(code);
  if (fromComment) return { path: normalizeSlashes(fromComment.path), via: 'comment', code: fromComment.code };
  return undefined;
}

function normalizeSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

export interface WorkspaceRoot {
  /** The folder's name (how a multi-root workspace path may start). */
  name: string;
  /** Its absolute path (posix, as in a file URI). */
  path: string;
}

export type PathCandidates =
  | { ok: true; candidates: string[] }
  | { ok: false; reason: 'outsideWorkspace' | 'noWorkspace' | 'gitFolder' };

/**
 * Absolute paths the block's path may mean, one per workspace folder it can be in (a path that starts with a
 * folder's name means that folder only); refused when it would leave every folder (`..`, an absolute path
 * elsewhere, `~`).
 */
export function candidatePaths(path: string, roots: readonly WorkspaceRoot[]): PathCandidates {
  if (roots.length === 0) return { ok: false, reason: 'noWorkspace' };
  const p = normalizeSlashes(path);
  if (p.startsWith('~')) return { ok: false, reason: 'outsideWorkspace' };
  // Git's own folder is never a place for a model's code (a hook there would run on the next commit), however the
  // path spells it (`.GIT`, `.git.`, `GIT~1`); the host checks the real path too (a symlink into it).
  if (isInGitFolder(p)) return { ok: false, reason: 'gitFolder' };
  const drive = /^[A-Za-z]:/.test(p);
  if (drive || p.startsWith('/')) {
    const absolute = posix.normalize(toPosixDrive(p));
    if (roots.some((r) => isInside(absolute, r.path))) return { ok: true, candidates: [absolute] };
    return { ok: false, reason: 'outsideWorkspace' };
  }
  return relativeCandidates(p, roots);
}

function relativeCandidates(p: string, roots: readonly WorkspaceRoot[]): PathCandidates {
  const named = roots.length > 1 ? roots.find((r) => p.startsWith(`${r.name}/`)) : undefined;
  const pool = named ? [{ root: named, rel: p.slice(named.name.length + 1) }] : roots.map((root) => ({ root, rel: p }));
  const candidates: string[] = [];
  for (const { root, rel } of pool) {
    const absolute = posix.normalize(posix.join(root.path, rel));
    if (!isInside(absolute, root.path) || absolute === posix.normalize(root.path)) return { ok: false, reason: 'outsideWorkspace' };
    candidates.push(absolute);
  }
  return { ok: true, candidates };
}

function toPosixDrive(p: string): string {
  return /^[A-Za-z]:/.test(p) ? `/${p[0]!.toLowerCase()}${p.slice(1)}` : p;
}

function isInside(absolute: string, root: string): boolean {
  const r = posix.normalize(toPosixDrive(root)).replace(/\/+$/, '');
  const a = posix.normalize(toPosixDrive(absolute));
  const lower = /^\/[a-z]:/i.test(r);
  return lower ? a.toLowerCase().startsWith(`${r.toLowerCase()}/`) : a.startsWith(`${r}/`);
}

export type TargetChoice =
  | { kind: 'existing'; path: string }
  | { kind: 'ambiguous'; paths: string[] }
  /** Found by a bare name only in a place where a file runs code: the user picks it, even when it is the only one. */
  | { kind: 'confirm'; paths: string[] }
  | { kind: 'new'; paths: string[] };

/**
 * Picks the target among the candidates that exist, or among the files found elsewhere in the workspace with the
 * same name (`found`, for a bare `math.ts`); several matches are for the user to choose; none: a new file. A bare
 * name never lands silently where a file runs code (`runsCodeAt`): `settings.json` found only as
 * `.vscode/settings.json` is offered for the user to pick, not taken.
 */
export function chooseTarget(
  candidates: readonly string[],
  existing: readonly string[],
  found: readonly string[] = [],
  runsCodeAt: (path: string) => boolean = () => false,
): TargetChoice {
  const present = candidates.filter((c) => existing.includes(c));
  if (present.length === 1) return { kind: 'existing', path: present[0]! };
  if (present.length > 1) return { kind: 'ambiguous', paths: present };
  const unique = [...new Set(found)];
  if (unique.length === 1) return runsCodeAt(unique[0]!) ? { kind: 'confirm', paths: unique } : { kind: 'existing', path: unique[0]! };
  if (unique.length > 1) return { kind: 'ambiguous', paths: unique };
  return { kind: 'new', paths: [...candidates] };
}
