// search_text's matching and its result text: "path:line: text" for a match, "path-line- text" for a context line
// (grep's convention), a "--" between separate groups, long lines cut. Pure.

export interface SearchMatch {
  path: string;
  /** 1-based. */
  line: number;
  /** The lines shown with it, in order (the match among them). */
  rows: Array<{ line: number; text: string; match: boolean }>;
}

const MAX_LINE_CHARS = 300;

const cut = (text: string): string => (text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}…` : text);

/** The matches of `regex` in `text`, at most `max`; `more` when there were others. */
export function searchLines(path: string, text: string, regex: RegExp, contextLines: number, max: number): { matches: SearchMatch[]; more: boolean } {
  const lines = text.split(/\r?\n/);
  const matches: SearchMatch[] = [];
  const test = new RegExp(regex.source, regex.flags.replace(/[gy]/g, ''));
  for (let i = 0; i < lines.length; i++) {
    if (!test.test(lines[i]!)) continue;
    if (matches.length >= max) return { matches, more: true };
    const rows: SearchMatch['rows'] = [];
    for (let j = Math.max(0, i - contextLines); j <= Math.min(lines.length - 1, i + contextLines); j++) {
      rows.push({ line: j + 1, text: cut(lines[j]!), match: j === i });
    }
    matches.push({ path, line: i + 1, rows });
  }
  return { matches, more: false };
}

/** The result text: a file's overlapping or adjacent groups merged, "--" between groups. */
export function formatMatches(matches: readonly SearchMatch[]): string {
  const byFile = new Map<string, Map<number, { text: string; match: boolean }>>();
  for (const m of matches) {
    const rows = byFile.get(m.path) ?? new Map<number, { text: string; match: boolean }>();
    byFile.set(m.path, rows);
    for (const r of m.rows) {
      const seen = rows.get(r.line);
      rows.set(r.line, { text: r.text, match: r.match || seen?.match === true });
    }
  }
  const groups: string[] = [];
  for (const [path, rows] of byFile) {
    let group: string[] = [];
    let previous: number | undefined;
    for (const line of [...rows.keys()].sort((a, b) => a - b)) {
      if (previous !== undefined && line > previous + 1) {
        groups.push(group.join('\n'));
        group = [];
      }
      const row = rows.get(line)!;
      group.push(row.match ? `${path}:${line}: ${row.text}` : `${path}-${line}- ${row.text}`);
      previous = line;
    }
    if (group.length > 0) groups.push(group.join('\n'));
  }
  return groups.join('\n--\n');
}
