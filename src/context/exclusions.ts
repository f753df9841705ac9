// Which workspace files may be attached: not those hidden by `files.exclude`, nor those the workspace root's
// .gitignore ignores (node_modules, build output, .env…). The picker leaves them out; a dropped or "Add to
// Chat" file that is excluded is refused by name, with the rule.
import * as vscode from 'vscode';
import { isIgnored, parseGitignore } from './gitignore';

type Rules = ReturnType<typeof parseGitignore>;

export class Exclusions {
  private readonly cache = new Map<string, Promise<Rules>>();

  /** Forget the .gitignore rules read so far (the file changed). */
  reset(): void {
    this.cache.clear();
  }

  /** The rule that excludes the file ('files.exclude', '.gitignore'), or undefined when it may be attached. */
  async ruleFor(uri: vscode.Uri): Promise<string | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined; // outside the workspace: the user chose it explicitly
    const relative = vscode.workspace.asRelativePath(uri, false);
    if (isIgnored(await this.rules(folder), relative)) return '.gitignore';
    // With `exclude` undefined, findFiles applies files.exclude: an existing file it does not find is excluded.
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, escapeGlob(relative)), undefined, 1);
    return found.length === 0 ? 'files.exclude' : undefined;
  }

  /** Drops the ignored files from a findFiles result. */
  async filter(uris: readonly vscode.Uri[]): Promise<vscode.Uri[]> {
    const out: vscode.Uri[] = [];
    for (const uri of uris) {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!folder || !isIgnored(await this.rules(folder), vscode.workspace.asRelativePath(uri, false))) out.push(uri);
    }
    return out;
  }

  private rules(folder: vscode.WorkspaceFolder): Promise<Rules> {
    const key = folder.uri.toString();
    let rules = this.cache.get(key);
    if (!rules) {
      rules = Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.gitignore'))).then(
        (bytes) => parseGitignore(new TextDecoder().decode(bytes)),
        () => [],
      );
      this.cache.set(key, rules);
    }
    return rules;
  }
}

/** A path as a glob that matches only itself. */
function escapeGlob(path: string): string {
  return path.replace(/[[\]{}*?!]/g, (c) => `[${c}]`);
}
