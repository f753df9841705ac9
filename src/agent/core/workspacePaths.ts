// Where a path the model names points: relative to the first workspace folder, or absolute inside one; refused
// outside every folder and anywhere under `.git/` (however it is spelled: .GIT, GIT~1, `.git.`). Only the named
// path is judged here; links are judged on the real path by the read gate (reads) and Apply's write check (writes).
// Pure: the folders and the platform's path module are passed in.
import * as nodePath from 'node:path';
import { isInGitFolder } from '../../common/pathNames';

export type PathRefusal = 'no-workspace' | 'outside' | 'git' | 'empty';

export type ResolvedPath =
  | { ok: true; fsPath: string; folder: string; relative: string }
  | { ok: false; refusal: PathRefusal; shown: string };

type PathModule = Pick<typeof nodePath, 'isAbsolute' | 'resolve' | 'relative' | 'sep'>;

export interface PathContext {
  /** The workspace folders' fsPaths, the first one is where relative paths start. */
  folders: readonly string[];
  path?: PathModule;
  /** Windows and macOS compare names without case. */
  ignoreCase?: boolean;
}

/** `relative` of `target` in `folder` when inside ('' for the folder itself), else undefined. */
export function insideFolder(target: string, folder: string, context: PathContext): string | undefined {
  const path = context.path ?? nodePath;
  const fold = (p: string) => (context.ignoreCase ? p.toLowerCase() : p);
  const rel = path.relative(fold(folder), fold(target));
  if (rel === '') return '';
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  // The relative path with the target's own spelling (fold may have lowered it).
  return target.slice(target.length - rel.length).split(path.sep).join('/');
}

export function resolveToolPath(raw: string | undefined, context: PathContext, options: { allowRoot?: boolean } = {}): ResolvedPath {
  const path = context.path ?? nodePath;
  const named = (raw ?? '').trim().replace(/^file:\/\//, '');
  const first = context.folders[0];
  if (first === undefined) return { ok: false, refusal: 'no-workspace', shown: named };
  if (named === '' && !options.allowRoot) return { ok: false, refusal: 'empty', shown: named };
  const fsPath = path.isAbsolute(named) ? path.resolve(named) : path.resolve(first, named || '.');
  for (const folder of context.folders) {
    const relative = insideFolder(fsPath, folder, context);
    if (relative === undefined) continue;
    if (isInGitFolder(relative)) return { ok: false, refusal: 'git', shown: relative };
    return { ok: true, fsPath, folder, relative };
  }
  return { ok: false, refusal: 'outside', shown: named };
}

/** What the model reads when a path is refused (English). */
export function pathRefusalMessage(refusal: PathRefusal, shown: string): string {
  switch (refusal) {
    case 'no-workspace': return 'No workspace folder is open, so no file can be reached. Ask the user to open a folder.';
    case 'empty': return 'The path is empty: name a file relative to the workspace folder.';
    case 'outside': return `Refused: ${shown} is outside the workspace folder. Only files inside the workspace can be used; name them relative to it.`;
    case 'git': return `Refused: ${shown} is inside the .git folder, which the agent may not read or change. Use run_command with git instead.`;
  }
}
