// Which workspace files are excluded: the `.gitignore` files of the folder and of every subfolder on the way to
// the file (and `.git/info/exclude`), the extension's own `.inferencechatignore` files (what the user never wants
// sent, same syntax), and the files.exclude setting. Ignore files are read through the bounded reader (one that is
// a link to /dev/zero is not read) and kept until one of them changes.
import * as vscode from 'vscode';
import { realpath } from 'node:fs/promises';
import { type IgnoredBy, type IgnoreFile, IgnoreRules } from './core/ignoreRules';
import { readTextFile } from './core/boundedRead';

export const OWN_IGNORE_FILE = '.inferencechatignore';
export const IGNORE_FILE_NAMES = ['.gitignore', OWN_IGNORE_FILE] as const;
const MAX_IGNORE_FILE_CHARS = 256 * 1024;
const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

export interface ExclusionFacts {
  ignored?: IgnoredBy;
  neverSent?: IgnoredBy;
  filesExclude?: boolean;
}

export class Exclusions {
  /** Ignore-file texts by absolute path ('' when there is none or it cannot be read). */
  private readonly texts = new Map<string, Promise<string>>();
  /** Rules per folder chain: `<folder>|<dir>` → [.gitignore family, .inferencechatignore]. */
  private readonly rules = new Map<string, Promise<[IgnoreRules, IgnoreRules]>>();

  /** Forget what was read (an ignore file changed). */
  reset(): void {
    this.texts.clear();
    this.rules.clear();
  }

  /** Why a workspace file is excluded (by an ignore file of its folder chain, or files.exclude); {} when it is not. */
  async factsFor(folder: vscode.WorkspaceFolder, relative: string, options: { filesExclude?: boolean } = {}): Promise<ExclusionFacts> {
    const [git, own] = await this.rulesFor(folder, parentDir(relative));
    const facts: ExclusionFacts = {};
    const ignored = git.ignoredBy(relative);
    const neverSent = own.ignoredBy(relative);
    if (ignored) facts.ignored = ignored;
    if (neverSent) facts.neverSent = neverSent;
    if (options.filesExclude !== false && (await this.hiddenByFilesExclude(folder, relative))) facts.filesExclude = true;
    return facts;
  }

  /** A findFiles result without the files an ignore file excludes (files.exclude was applied by findFiles). */
  async filter(uris: readonly vscode.Uri[]): Promise<vscode.Uri[]> {
    const out: vscode.Uri[] = [];
    for (const uri of uris) {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!folder) continue;
      const facts = await this.factsFor(folder, relativeTo(folder, uri), { filesExclude: false });
      if (!facts.ignored && !facts.neverSent) out.push(uri);
    }
    return out;
  }

  /** With `exclude` undefined, findFiles applies files.exclude: an existing file it does not find is excluded. */
  private async hiddenByFilesExclude(folder: vscode.WorkspaceFolder, relative: string): Promise<boolean> {
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, escapeGlob(relative)), undefined, 1);
    return found.length === 0;
  }

  private rulesFor(folder: vscode.WorkspaceFolder, dir: string): Promise<[IgnoreRules, IgnoreRules]> {
    const key = `${folder.uri.toString()}|${dir}`;
    let rules = this.rules.get(key);
    if (!rules) {
      rules = this.load(folder, dir);
      this.rules.set(key, rules);
    }
    return rules;
  }

  private async load(folder: vscode.WorkspaceFolder, dir: string): Promise<[IgnoreRules, IgnoreRules]> {
    const dirs = [''];
    const parts = dir ? dir.split('/') : [];
    for (let i = 1; i <= parts.length; i++) dirs.push(parts.slice(0, i).join('/'));
    const git: IgnoreFile[] = [];
    const own: IgnoreFile[] = [];
    const exclude = await this.text(folder, '.git/info/exclude');
    if (exclude) git.push({ dir: '', source: '.git/info/exclude', text: exclude });
    for (const d of dirs) {
      for (const name of IGNORE_FILE_NAMES) {
        const source = d ? `${d}/${name}` : name;
        const text = await this.text(folder, source);
        if (text) (name === OWN_IGNORE_FILE ? own : git).push({ dir: d, source, text });
      }
    }
    return [new IgnoreRules(git, { ignoreCase: IGNORE_CASE }), new IgnoreRules(own, { ignoreCase: IGNORE_CASE })];
  }

  private text(folder: vscode.WorkspaceFolder, relative: string): Promise<string> {
    const path = vscode.Uri.joinPath(folder.uri, relative).fsPath;
    let text = this.texts.get(path);
    if (!text) {
      text = realpath(path).then(
        async (real) => {
          const read = await readTextFile(real, { maxChars: MAX_IGNORE_FILE_CHARS });
          return read.ok ? read.text : '';
        },
        () => '',
      );
      this.texts.set(path, text);
    }
    return text;
  }
}

/** The workspace-relative path of a URI in `folder`, with forward slashes. */
export function relativeTo(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string {
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : vscode.workspace.asRelativePath(uri, false);
}

function parentDir(relative: string): string {
  const cut = relative.lastIndexOf('/');
  return cut < 0 ? '' : relative.slice(0, cut);
}

/** A path as a glob that matches only itself. */
function escapeGlob(path: string): string {
  return path.replace(/[[\]{}*?!]/g, (c) => `[${c}]`);
}
