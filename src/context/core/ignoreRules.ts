// Git's ignore semantics over a workspace folder: every `.gitignore` (and every `.inferencechatignore`, the
// extension's own list of what is never sent) applies to its own folder and below, a deeper file's rules win over
// a shallower one's, `!` re-includes, character classes (`*.py[cod]`) and `**` work, and nothing under an ignored
// folder can be re-included — all as `git check-ignore` does. The matching itself is the `ignore` package; this
// file only places each nested file's rules under its folder. Pure.
import ignore, { type Ignore } from 'ignore';

/** One ignore file: the folder it sits in (workspace-relative, '' for the root), its name as shown, its text. */
export interface IgnoreFile {
  dir: string;
  source: string;
  text: string;
}

/** Why a path is ignored: the file and the pattern (as written there). */
export interface IgnoredBy {
  source: string;
  pattern: string;
}

/**
 * A pattern of the file in `dir`, rewritten relative to the root: git anchors a pattern with a slash (other than a
 * trailing one) to its own folder, and lets one without match at any depth below it.
 */
export function rootedPattern(dir: string, line: string): string | undefined {
  let body = line.replace(/(?<!\\)\s+$/, '');
  if (!body || body.startsWith('#')) return undefined;
  const negate = body.startsWith('!');
  if (negate) body = body.slice(1);
  if (!body) return undefined;
  if (dir) {
    const withoutTrailing = body.endsWith('/') ? body.slice(0, -1) : body;
    const anchored = withoutTrailing.includes('/');
    const inner = anchored ? body.replace(/^\//, '') : body.startsWith('**/') ? body : `**/${body}`;
    body = `${dir}/${inner}`;
  }
  return negate ? `!${body}` : body;
}

export class IgnoreRules {
  private readonly matcher: Ignore;

  /** `ignoreCase`: as git's core.ignorecase (true on Windows and macOS, whose file systems ignore case). */
  constructor(files: readonly IgnoreFile[], options: { ignoreCase?: boolean } = {}) {
    // Shallow files first: with `ignore` (as with git) the last matching rule wins, so deeper files come later.
    const ordered = [...files].sort((a, b) => depth(a.dir) - depth(b.dir));
    this.matcher = ignore({ ignorecase: options.ignoreCase ?? false });
    for (const file of ordered) {
      const dir = file.dir.replace(/^\/+|\/+$/g, '');
      for (const line of file.text.split(/\r?\n/)) {
        const pattern = rootedPattern(dir, line);
        if (pattern) this.matcher.add({ pattern, mark: `${file.source}\u0000${line.trim()}` });
      }
    }
  }

  /** Why a workspace-relative path (forward slashes; a trailing `/` for a folder) is ignored, or undefined. */
  ignoredBy(relativePath: string): IgnoredBy | undefined {
    const path = relativePath.replace(/^\/+/, '');
    if (!path || !ignore.isPathValid(path.replace(/\/$/, ''))) return undefined;
    const result = this.matcher.test(path);
    if (!result.ignored || !result.rule) return undefined;
    const [source = '', pattern = result.rule.pattern] = (result.rule.mark ?? '').split('\u0000');
    return { source, pattern };
  }
}

function depth(dir: string): number {
  return dir ? dir.split('/').filter(Boolean).length : 0;
}
