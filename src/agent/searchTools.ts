// The read-only tools over many files: find_files (findFiles with files.exclude, then the ignore files) and
// search_text (a JavaScript regex over the workspace's text files). Search never asks: a file the read gate would
// ask about (excluded, secret-shaped) or refuse (a link out of the workspace) is skipped and counted.
import * as vscode from 'vscode';
import { realpath } from 'node:fs/promises';
import { l10n } from '../common/l10n';
import { readTextFile } from '../context/core/boundedRead';
import { secretShape } from '../context/core/secretFiles';
import { relativeTo } from '../context/exclusions';
import { openDocument } from '../context/readGate';
import { shownPath, workspaceFolderPaths } from './agentPaths';
import { formatMatches, searchLines, type SearchMatch } from './core/textSearch';
import { LIMITS } from './core/toolDefinitions';
import { insideFolder } from './core/workspacePaths';
import { done, failed, mayReadUnasked, type ToolDeps, type Tool } from './toolDeps';

const SEARCH_MAX_FILES = 5_000;
const SEARCH_MAX_FILE_CHARS = 1_000_000;
const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

function globProblem(glob: string): string | undefined {
  if (glob.split(/[\\/]/).includes('..') || glob.startsWith('/')) return `The glob ${JSON.stringify(glob)} must be relative to the workspace folder (no leading "/" and no "..").`;
  return undefined;
}

/** Workspace files matching `glob` (files.exclude and the ignore files applied; never under .git/). */
async function workspaceFiles(deps: ToolDeps, glob: string, max: number): Promise<{ uris: vscode.Uri[]; more: boolean; excluded: number }> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return { uris: [], more: false, excluded: 0 };
  const found = (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), undefined, max + 1))
    .filter((u) => !relativeTo(folder, u).split('/').includes('.git'));
  const kept = await deps.gate.exclusions.filter(found);
  kept.sort((a, b) => a.path.localeCompare(b.path));
  return { uris: kept.slice(0, max), more: found.length > max, excluded: found.length - kept.length };
}

export const findFiles: Tool<'find_files'> = async (args, context, deps) => {
  const problem = globProblem(args.glob);
  if (problem) return failed(problem);
  if (!(await mayReadUnasked(context, deps, `find_files ${args.glob}`))) return { status: 'denied', result: 'The user denied this search.' };
  const max = Math.min(args.max_results ?? LIMITS.findResults, LIMITS.findResults);
  const { uris, more } = await workspaceFiles(deps, args.glob, max);
  if (uris.length === 0) return done(`No files match ${args.glob} (excluded files are not searched).`, l10n.t('No files'));
  const lines = uris.map(shownPath);
  if (more) lines.push(`[More files match: only the first ${max} are listed. Narrow the glob.]`);
  return done(lines.join('\n'), l10n.t('{0} files', uris.length));
};

/** The text of a file search may read without asking, or undefined (skipped: excluded, secret-shaped, outside). */
async function searchableText(deps: ToolDeps, uri: vscode.Uri, roots: readonly string[]): Promise<string | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  const relative = relativeTo(folder, uri);
  const facts = await deps.gate.exclusions.factsFor(folder, relative, { filesExclude: false });
  if (facts.ignored || facts.neverSent || secretShape(relative) !== undefined) return undefined;
  const real = await realpath(uri.fsPath).catch(() => undefined);
  if (real === undefined || !roots.some((root) => insideFolder(real, root, { folders: roots, ignoreCase: IGNORE_CASE }) !== undefined)) return undefined;
  if (real !== uri.fsPath && secretShape(real) !== undefined) return undefined;
  const open = openDocument(uri);
  if (open) return open.getText();
  const read = await readTextFile(real, { maxChars: SEARCH_MAX_FILE_CHARS });
  return read.ok ? read.text : undefined;
}

export const searchText: Tool<'search_text'> = async (args, context, deps) => {
  let regex: RegExp;
  try {
    regex = new RegExp(args.pattern, args.case_sensitive ? '' : 'i');
  } catch (err) {
    return failed(`The pattern is not a valid JavaScript regular expression: ${(err as Error).message}. Escape special characters such as ( [ . * with a backslash.`);
  }
  const glob = args.glob || '**/*';
  const problem = globProblem(glob);
  if (problem) return failed(problem);
  if (!(await mayReadUnasked(context, deps, `search_text ${args.pattern}`))) return { status: 'denied', result: 'The user denied this search.' };
  const max = Math.min(args.max_results ?? LIMITS.searchMatches, LIMITS.searchMatches);
  const { uris, more: moreFiles, excluded } = await workspaceFiles(deps, glob, SEARCH_MAX_FILES);
  const roots = await Promise.all(workspaceFolderPaths().map((p) => realpath(p).catch(() => p)));
  const matches: SearchMatch[] = [];
  let skipped = excluded;
  let truncated = false;
  for (const uri of uris) {
    if (context.signal.aborted) break;
    const text = await searchableText(deps, uri, roots);
    if (text === undefined) {
      skipped++;
      continue;
    }
    const found = searchLines(shownPath(uri), text, regex, args.context_lines ?? 0, max - matches.length);
    matches.push(...found.matches);
    if (found.more || matches.length >= max) {
      truncated = found.more || uris.indexOf(uri) < uris.length - 1;
      break;
    }
  }
  const notes: string[] = [];
  if (truncated) notes.push(`[Only the first ${max} matches are shown: narrow the pattern or the glob.]`);
  if (moreFiles) notes.push(`[Only the first ${SEARCH_MAX_FILES} files were searched: use a glob.]`);
  if (skipped > 0) notes.push(`[${skipped} files were skipped: excluded, secret-looking, binary, too large or outside the workspace.]`);
  const body = matches.length === 0 ? `No matches for /${args.pattern}/ in ${glob}.` : formatMatches(matches);
  return done([body, ...notes].join('\n'), l10n.t('{0} matches', matches.length));
};
