// Reads the search/replace blocks a model writes:
//   <<<<<<< SEARCH
//   lines to find
//   =======
//   lines to put instead
//   >>>>>>> REPLACE
// Several blocks in one string, prose between them ignored. Tolerant of CRLF, of a code fence around the whole
// thing, of a missing final REPLACE marker, of Cline's `------- SEARCH` / `+++++++ REPLACE` markers and of Roo's
// `:start_line:N` + `-------` lines after SEARCH.

export interface EditBlock {
  search: string;
  replace: string;
  /** The 1-based line the model said the search starts at (Roo's `:start_line:`), when it gave one. */
  startLineHint?: number;
}

export interface ParsedBlocks {
  blocks: EditBlock[];
  /** Problems in the format the model can fix (English: the model reads them). */
  errors: string[];
}

const SEARCH = /^\s*(?:<{3,}|-{3,})\s*SEARCH\s*$/i;
const DIVIDER = /^\s*={3,}\s*$/;
const REPLACE = /^\s*(?:>{3,}|\+{3,})\s*REPLACE\s*$/i;
const START_LINE = /^\s*:start_line:\s*(\d+)\s*$/;
const RULE = /^\s*-{3,}\s*$/;
const FENCE = /^\s*(`{3,}|~{3,})/;

export function parseEditBlocks(text: string): ParsedBlocks {
  const lines = unfence(text.replace(/\r\n?/g, '\n').split('\n'));
  const blocks: EditBlock[] = [];
  const errors: string[] = [];
  let state: 'outside' | 'search' | 'replace' = 'outside';
  let search: string[] = [];
  let replace: string[] = [];
  let hint: number | undefined;
  const finish = () => {
    blocks.push({ search: search.join('\n'), replace: replace.join('\n'), ...(hint !== undefined ? { startLineHint: hint } : {}) });
    state = 'outside';
  };
  for (const line of lines) {
    if (state === 'outside') {
      if (!SEARCH.test(line)) continue;
      [state, search, replace, hint] = ['search', [], [], undefined];
    } else if (state === 'search') {
      if (DIVIDER.test(line)) state = 'replace';
      else if (REPLACE.test(line) || SEARCH.test(line)) {
        errors.push(`Block ${blocks.length + 1}: the ======= line between SEARCH and REPLACE is missing.`);
        state = SEARCH.test(line) ? 'search' : 'outside';
        [search, replace, hint] = [[], [], undefined];
      } else if (search.length === 0 && hint === undefined && START_LINE.test(line)) hint = Number(START_LINE.exec(line)![1]);
      else if (search.length === 0 && hint !== undefined && RULE.test(line)) continue;
      else search.push(line);
    } else if (REPLACE.test(line)) finish();
    else if (SEARCH.test(line)) {
      // A new block before this one's REPLACE marker: the marker was forgotten; keep what was written.
      finish();
      [state, search, replace, hint] = ['search', [], [], undefined];
    } else replace.push(line);
  }
  if (state === 'replace') {
    // The final marker is missing: the text ended in the replacement (less a closing fence of its own).
    while (replace.length > 0 && (replace.at(-1)!.trim() === '' || FENCE.test(replace.at(-1)!))) replace.pop();
    finish();
  }
  else if (state === 'search') errors.push(`Block ${blocks.length + 1}: the text ended inside SEARCH (no ======= and REPLACE).`);
  if (blocks.length === 0 && errors.length === 0) {
    errors.push('No edit blocks found. Write each edit as <<<<<<< SEARCH, the exact lines, =======, the new lines, >>>>>>> REPLACE.');
  }
  return { blocks, errors };
}

/** The lines inside a code fence around the whole text (a missing closing fence is fine). */
function unfence(lines: string[]): string[] {
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0 || !FENCE.test(lines[first]!)) return lines;
  const marker = FENCE.exec(lines[first]!)![1]!;
  let last = lines.length - 1;
  while (last > first && lines[last]!.trim() === '') last--;
  const closed = last > first && lines[last]!.trim().startsWith(marker) && lines[last]!.trim().replace(/[`~]/g, '') === '';
  return lines.slice(first + 1, closed ? last : last + 1);
}
