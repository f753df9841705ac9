// Which document a code block goes into, in order: the file its fence or first comment names (inside the
// workspace only), the selection its question was about, the active editor. Uses the pure rules of
// src/apply/core/targetPath.ts; here are the workspace, the file system and the user's choice among several.
// Every target then passes writeCheck.ts: never into `.git`, and a warning for a file that runs code.
import * as vscode from 'vscode';
import type { ApplyRequest } from './core/applyRequest';
import { candidatePaths, chooseTarget, pathOfBlock } from './core/targetPath';
import { l10n } from '../common/l10n';
import type { RunsCode } from '../common/runsCode';
import type { SelectionContext } from '../protocol';
import { APPLY_SCHEME } from './proposals';
import { checkWrite, runsCodeTest } from './writeCheck';

export interface ApplyUi {
  /** Several files match: which one (undefined: cancelled). */
  pickFile(uris: readonly vscode.Uri[]): Promise<vscode.Uri | undefined>;
  /** Creating a new file from the block: true to go ahead. */
  confirmCreate(uri: vscode.Uri): Promise<boolean>;
  /** The file changed since the question was asked: true to apply anyway. */
  confirmStale(uri: vscode.Uri): Promise<boolean>;
  /** Writing the file can make code run (`why` says how): true to write it anyway. */
  confirmRunsCode(uri: vscode.Uri, why: RunsCode): Promise<boolean>;
}

export interface Target {
  uri: vscode.Uri;
  exists: boolean;
  /** The code to apply (without a path comment that named the file). */
  code: string;
  /** The selection the code is about, in this file (from the question, or the editor's). */
  selection?: vscode.Range;
  /** The text there must still have this hash (SelectionContext.textHash). */
  textHash?: string;
  /** Writing this file can make code run: the review says so and Accept asks. */
  runsCode?: RunsCode;
  /** What a real path out of the workspace means for this target (checkWrite's `outside`), checked again on Accept. */
  outside: 'refuse' | 'allow';
}

export type TargetResult = { ok: true; target: Target } | { ok: false; problem?: string };

async function isFile(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

export async function resolveTarget(request: ApplyRequest, ui: ApplyUi): Promise<TargetResult> {
  const found = await findTarget(request, ui);
  if (!found.ok) return found;
  const { target } = found;
  // A path the model named must stay inside the workspace; a file the user opened or asked about is theirs to choose.
  const named = target.named !== undefined;
  const outside = named ? 'refuse' : 'allow';
  const check = await checkWrite(target.uri, outside);
  const shown = target.named ?? vscode.workspace.asRelativePath(target.uri, false);
  if (!check.ok) {
    return {
      ok: false,
      problem: check.reason === 'gitFolder'
        ? l10n.t('Not applied: {0} is inside a .git folder.', shown)
        : l10n.t('Not applied: {0} is outside the workspace.', shown),
    };
  }
  const { named: _named, ...rest } = target;
  return { ok: true, target: { ...rest, outside, ...(check.runsCode ? { runsCode: check.runsCode } : {}) } };
}

type Found = { ok: true; target: Omit<Target, 'outside'> & { named?: string } } | { ok: false; problem?: string };

async function findTarget(request: ApplyRequest, ui: ApplyUi): Promise<Found> {
  const named = pathOfBlock(request.info, request.code);
  if (named) {
    const uri = await namedFile(named.path, ui);
    if (!(uri instanceof vscode.Uri)) return uri;
    const exists = await isFile(uri);
    return { ok: true, target: { uri, exists, code: named.code, named: named.path, ...selectionIn(uri, request.context) } };
  }
  const context = request.context;
  if (context?.uri) {
    const uri = vscode.Uri.parse(context.uri, true);
    const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
    if (open || (await isFile(uri))) return { ok: true, target: { uri, exists: true, code: request.code, ...selectionIn(uri, context) } };
  }
  const usable = (e: vscode.TextEditor | undefined) => e && e.document.uri.scheme !== APPLY_SCHEME && e.document.uri.scheme !== 'output';
  const editor = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].find(usable);
  if (editor) {
    const fromContext = selectionIn(editor.document.uri, context);
    const selection = fromContext.selection ?? (editor.selection.isEmpty ? undefined : editor.selection);
    return { ok: true, target: { uri: editor.document.uri, exists: true, code: request.code, ...fromContext, ...(selection ? { selection } : {}) } };
  }
  return { ok: false, problem: l10n.t('Open the file this code is for (or ask about a selection), then click Apply again.') };
}

async function namedFile(path: string, ui: ApplyUi): Promise<vscode.Uri | { ok: false; problem?: string }> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const roots = folders.map((f) => ({ name: f.name, path: f.uri.path }));
  const candidates = candidatePaths(path, roots);
  if (!candidates.ok) {
    return {
      ok: false,
      problem: candidates.reason === 'noWorkspace'
        ? l10n.t('Open a folder to apply code to {0}.', path)
        : candidates.reason === 'gitFolder'
          ? l10n.t('Not applied: {0} is inside a .git folder.', path)
          : l10n.t('Not applied: {0} is outside the workspace.', path),
    };
  }
  const toUri = (p: string) => {
    const folder = folders.find((f) => p.startsWith(`${f.uri.path.replace(/\/+$/, '')}/`)) ?? folders[0]!;
    return folder.uri.with({ path: p });
  };
  const existing: string[] = [];
  for (const c of candidates.candidates) if (await isFile(toUri(c))) existing.push(c);
  let found: string[] = [];
  if (existing.length === 0 && !path.includes('/')) {
    const matches = await vscode.workspace.findFiles(`**/${path.replace(/[[\]{}*?!]/g, '')}`, '{**/node_modules/**,**/.git/**}', 20);
    found = matches.map((u) => u.path);
  }
  const runsCodeAt = found.length ? await runsCodeTest() : () => false;
  const choice = chooseTarget(candidates.candidates, existing, found, (p) => runsCodeAt(toUri(p)));
  // A single match is taken, except a bare name's only match where a file runs code: the user picks it.
  if (choice.kind === 'existing') return toUri(choice.path);
  if (choice.kind !== 'confirm' && choice.paths.length === 1) return toUri(choice.paths[0]!);
  const picked = await ui.pickFile(choice.paths.map(toUri));
  return picked ?? { ok: false };
}

/** The question's selection as a range of this file, when it was about this file. */
function selectionIn(uri: vscode.Uri, context: SelectionContext | undefined): { selection?: vscode.Range; textHash?: string } {
  if (!context) return {};
  const same = context.uri ? context.uri === uri.toString() : vscode.workspace.asRelativePath(uri, false) === context.fileName;
  if (!same) return {};
  const start = new vscode.Position(Math.max(0, context.startLine - 1), context.startCharacter ?? 0);
  const end = new vscode.Position(Math.max(0, context.endLine - 1), context.endCharacter ?? Number.MAX_SAFE_INTEGER);
  return { selection: new vscode.Range(start, end), ...(context.textHash ? { textHash: context.textHash } : {}) };
}
