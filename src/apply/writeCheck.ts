// May Apply write this file, and does writing it make code run? Checked on the path as named and on its real path
// (symbolic links resolved; on Windows the real path also turns `GIT~1`, `.GIT` or `.git.` into `.git`): a file
// whose real path is in a `.git` folder is refused, one a symlink leads out of the workspace is refused when the
// model named it, and one that runs code (src/common/runsCode.ts, either path) is written only after a warning.
import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import { isInGitFolder } from '../common/pathNames';
import { hooksPathOf, type RunsCode, runsCode } from '../common/runsCode';

export type WriteCheck =
  | { ok: true; runsCode?: RunsCode }
  | { ok: false; reason: 'gitFolder' | 'outsideWorkspace' };

/** A git config larger than this is not read for core.hooksPath (it is a few hundred bytes). */
const GIT_CONFIG_MAX = 64 * 1024;

/**
 * `outside`: when the real path leaves the workspace folder, refuse (a path the model named) or allow (the file the
 * user has open or asked about: their choice).
 */
export async function checkWrite(uri: vscode.Uri, outside: 'refuse' | 'allow'): Promise<WriteCheck> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const named = folder ? vscode.workspace.asRelativePath(uri, false) : uri.path;
  if (isInGitFolder(named)) return { ok: false, reason: 'gitFolder' };
  if (uri.scheme !== 'file') {
    if (!folder && outside === 'refuse') return { ok: false, reason: 'outsideWorkspace' };
    return withRunsCode(runsCode(named));
  }
  const real = await realPathOf(uri.fsPath);
  const root = folder ? await realpath(folder.uri.fsPath).catch(() => folder.uri.fsPath) : undefined;
  const realRelative = root !== undefined && real !== undefined ? insideRelative(real, root) : undefined;
  if (realRelative === undefined) {
    if (outside === 'refuse') return { ok: false, reason: 'outsideWorkspace' };
    if (real !== undefined && isInGitFolder(real)) return { ok: false, reason: 'gitFolder' };
    return withRunsCode(runsCode(named));
  }
  if (isInGitFolder(realRelative)) return { ok: false, reason: 'gitFolder' };
  const hooksPaths = root !== undefined ? await hooksPathsOf(root) : [];
  return withRunsCode(runsCode(named, { hooksPaths }) ?? runsCode(realRelative, { hooksPaths }));
}

/** For the bare-name search: whether a found file runs code (its path as found; the full check comes later). */
export async function runsCodeTest(): Promise<(uri: vscode.Uri) => boolean> {
  const roots = await Promise.all((vscode.workspace.workspaceFolders ?? []).map(async (f) => [f.uri.toString(), await hooksPathsOf(f.uri.fsPath)] as const));
  const hooks = new Map(roots);
  return (uri) => {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return runsCode(vscode.workspace.asRelativePath(uri, false), { hooksPaths: folder ? hooks.get(folder.uri.toString()) ?? [] : [] }) !== undefined;
  };
}

function withRunsCode(found: RunsCode | undefined): WriteCheck {
  return found ? { ok: true, runsCode: found } : { ok: true };
}

/** The real path of a file, or of a new file: its nearest existing folder's real path plus the rest. */
async function realPathOf(path: string): Promise<string | undefined> {
  const rest: string[] = [];
  for (let at = path; ; at = dirname(at)) {
    const real = await realpath(at).catch(() => undefined);
    if (real !== undefined) return rest.length ? join(real, ...rest.reverse()) : real;
    if (dirname(at) === at) return undefined;
    rest.push(basename(at));
  }
}

/** `path` relative to `root` when it is inside it (root itself: ''), else undefined. */
function insideRelative(path: string, root: string): string | undefined {
  if (path === root) return '';
  const prefix = root.endsWith(sep) ? root : root + sep;
  const inside = process.platform === 'win32' || process.platform === 'darwin'
    ? path.toLowerCase().startsWith(prefix.toLowerCase())
    : path.startsWith(prefix);
  return inside ? relative(root, path) : undefined;
}

/** The folder's `core.hooksPath` as a path relative to it, when its git config sets one inside the folder. */
async function hooksPathsOf(root: string): Promise<string[]> {
  const config = join(root, '.git', 'config');
  try {
    const info = await stat(config);
    if (!info.isFile() || info.size > GIT_CONFIG_MAX) return [];
    const hooksPath = hooksPathOf(await readFile(config, 'utf8'));
    if (!hooksPath || hooksPath.startsWith('~')) return [];
    const inside = isAbsolute(hooksPath) ? insideRelative(hooksPath, root) : hooksPath;
    return inside ? [inside] : [];
  } catch {
    return []; // no repository here, or `.git` is a file (a worktree): the named hook folders still count
  }
}
