// A small .gitignore matcher for the workspace root's .gitignore (patterns with *, **, ?, a leading or inner
// `/` anchoring to the root, a trailing `/` for folders, `!` to re-include, `#` comments). Enough to keep
// ignored files (node_modules, build output, secrets) out of the attach picker and to refuse them by name. Pure.

interface Rule {
  negate: boolean;
  regex: RegExp;
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '\\' && i + 1 < glob.length) out += `\\${glob[++i]!}`;
    else out += /[.+^${}()|[\]\\]/.test(c) ? `\\${c}` : c;
  }
  return out;
}

export function parseGitignore(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    const body = globToRegex(line);
    // A match names the path itself or one of its folders (everything under an ignored folder is ignored).
    const regex = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}${dirOnly ? '/.*' : '(?:/.*)?'}$`);
    rules.push({ negate, regex });
  }
  return rules;
}

/** Whether a workspace-relative path (forward slashes) is ignored by the rules (the last matching rule wins). */
export function isIgnored(rules: readonly Rule[], relativePath: string): boolean {
  let ignored = false;
  for (const rule of rules) if (rule.regex.test(relativePath)) ignored = !rule.negate;
  return ignored;
}
