// The read-only tools on files: read_file (numbered lines, a range, capped), list_dir (respecting the ignore files
// and files.exclude) and get_problems. Every file read passes the one read gate with the purpose `agent`: outside
// the workspace or a link out of it is refused, an excluded or secret-shaped file asks in VS Code's modal.
import * as vscode from 'vscode';
import { l10n } from '../common/l10n';
import { shownPath, toolPath } from './agentPaths';
import { numberLines } from './core/outputCap';
import { LIMITS } from './core/toolDefinitions';
import { readRefusalMessage } from './core/toolMessages';
import { done, failed, mayReadUnasked, type Tool } from './toolDeps';
import { relativeTo } from '../context/exclusions';

/** A file larger than this is read in its first part only (read_file says so). */
const READ_MAX_CHARS = 4_000_000;

export const readFile: Tool<'read_file'> = async (args, context, deps) => {
  const path = toolPath(args.path);
  if (!path.ok) return failed(path.message, l10n.t('Refused'));
  if (!(await mayReadUnasked(context, deps, `read_file ${path.shown}`))) return { status: 'denied', result: `The user denied reading ${path.shown}.` };
  const read = await deps.gate.readText(path.uri, 'agent', path.shown, { maxChars: READ_MAX_CHARS, whenTooLarge: 'truncate' });
  if (!read.ok) return failed(readRefusalMessage(path.shown, read.reason), l10n.t('Not read'));
  const lines = numberLines(read.text, { start: args.start_line, end: args.end_line }, { maxLines: LIMITS.readLines, maxChars: LIMITS.readChars });
  if (lines.total === 0) return done(`${path.shown} is empty.`, l10n.t('{0}: empty', path.shown));
  if (lines.from > lines.total) return failed(`start_line ${lines.from} is past the end: ${path.shown} has ${lines.total} lines.`);
  const parts = [`${path.shown} (lines ${lines.from}–${lines.to} of ${lines.total}${read.truncated ? '+' : ''}):`, lines.text];
  if (lines.more) parts.push(`[Lines ${lines.to + 1}–${args.end_line ?? lines.total} not shown (at most ${LIMITS.readLines} lines or ${LIMITS.readChars} characters per call): call read_file with start_line ${lines.to + 1}.]`);
  if (read.truncated) parts.push(`[The file is larger than ${READ_MAX_CHARS} characters: only its beginning can be read.]`);
  return done(parts.join('\n'), l10n.t('{0} lines {1}–{2}', path.shown, lines.from, lines.to));
};

export const listDir: Tool<'list_dir'> = async (args, context, deps) => {
  const path = toolPath(args.path, { allowRoot: true });
  if (!path.ok) return failed(path.message, l10n.t('Refused'));
  if (!(await mayReadUnasked(context, deps, `list_dir ${path.shown}`))) return { status: 'denied', result: `The user denied listing ${path.shown}.` };
  const folder = vscode.workspace.getWorkspaceFolder(path.uri);
  let entries: Array<[string, vscode.FileType]>;
  try {
    entries = await vscode.workspace.fs.readDirectory(path.uri);
  } catch {
    return failed(`${path.shown} is not a folder (or does not exist). Use find_files to look for it.`, l10n.t('Not listed'));
  }
  // files.exclude: findFiles applies it, so a file it does not list here is hidden.
  const visibleFiles = new Set((await vscode.workspace.findFiles(new vscode.RelativePattern(path.uri, '*'))).map((u) => u.toString()));
  const shown: string[] = [];
  let hidden = 0;
  for (const [name, type] of entries.sort(([a], [b]) => a.localeCompare(b))) {
    const uri = vscode.Uri.joinPath(path.uri, name);
    const isDir = (type & vscode.FileType.Directory) !== 0;
    if (name === '.git' || (!isDir && !visibleFiles.has(uri.toString()))) {
      hidden++;
      continue;
    }
    if (folder) {
      const facts = await deps.gate.exclusions.factsFor(folder, relativeTo(folder, uri) + (isDir ? '/' : ''), { filesExclude: false });
      if (facts.ignored || facts.neverSent) {
        hidden++;
        continue;
      }
    }
    shown.push(isDir ? `${name}/` : name);
  }
  const listed = shown.slice(0, LIMITS.listEntries);
  const notes: string[] = [];
  if (shown.length > listed.length) notes.push(`[${shown.length - listed.length} more entries not listed: use find_files with a narrower glob.]`);
  if (hidden > 0) notes.push(`[${hidden} excluded entries (.git, .gitignore, files.exclude) not listed.]`);
  const header = `${path.shown}/ (${shown.length} entries):`;
  return done([header, ...listed, ...notes].join('\n'), l10n.t('{0}: {1} entries', path.shown, shown.length));
};

const SEVERITY = ['error', 'warning', 'info', 'hint'] as const;

export function problemLines(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics
    .filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning)
    .sort((a, b) => a.severity - b.severity || a.range.start.line - b.range.start.line)
    .map((d) => `${shownPath(uri)}:${d.range.start.line + 1}: ${SEVERITY[d.severity]}: ${d.message.replace(/\s+/g, ' ')}${d.source ? ` (${d.source})` : ''}`);
}

export const getProblems: Tool<'get_problems'> = async (args, context, deps) => {
  const path = args.path ? toolPath(args.path) : undefined;
  if (path && !path.ok) return failed(path.message, l10n.t('Refused'));
  if (!(await mayReadUnasked(context, deps, `get_problems ${path?.shown ?? ''}`.trim()))) return { status: 'denied', result: 'The user denied reading the problems.' };
  const lines: string[] = [];
  let withheld = 0;
  const files: Array<[vscode.Uri, vscode.Diagnostic[]]> = path ? [[path.uri, vscode.languages.getDiagnostics(path.uri)]] : vscode.languages.getDiagnostics();
  for (const [uri, diagnostics] of files) {
    const mine = problemLines(uri, diagnostics);
    if (mine.length === 0) continue;
    // A diagnostic can quote its file: the problems of a file the agent may not read unasked are left out.
    if ((await deps.gate.mayRead(uri, 'agent')).decision.verdict !== 'allowed') {
      withheld++;
      continue;
    }
    lines.push(...mine);
  }
  const where = path?.shown ?? 'the workspace';
  const kept = lines.slice(0, LIMITS.problems);
  const notes: string[] = [];
  if (lines.length > kept.length) notes.push(`[${lines.length - kept.length} more not shown.]`);
  if (withheld > 0) notes.push(`[The problems of ${withheld} excluded or secret-looking files are not shown.]`);
  const result = lines.length === 0 ? `No errors or warnings in ${where}.` : [`Errors and warnings in ${where} (${lines.length}):`, ...kept].join('\n');
  return done([result, ...notes].join('\n'), l10n.t('{0} problems', lines.length));
};
