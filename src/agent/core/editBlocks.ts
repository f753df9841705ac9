// Applies a model's search/replace edit blocks to a file's text: in order, each against the text the previous one
// left, with tolerant matching (blockMatching.ts) and all-or-none: one failing block and nothing is applied, every
// failing block reported with what the model needs to fix it. Pure: text in, text out.
// Cost per block, for a file of N lines and a search of n lines of length ≤ L: the exact strategies O(N·n); the
// fuzzy one O(N·n·L) for its bounds plus bounded Levenshtein on the most promising windows, all charged to a fixed
// budget of work units (fuzzyCells, once for the match and once for the closest region), so it stays bounded.

import { locate, type LineStrategy } from './blockMatching';
import { ambiguousMessage, emptySearchMessage, notFoundMessage, regionOf, type ClosestRegion } from './editBlockErrors';
import type { EditBlock } from './editBlockParser';
import { indentUnitOf, reindent } from './reindent';

export type { EditBlock } from './editBlockParser';
export { parseEditBlocks } from './editBlockParser';

export type EditStrategy = LineStrategy | 'create';

export interface AppliedBlock {
  index: number;
  strategy: EditStrategy;
  /** The replacement's lines in the text right after this block applied (1-based, inclusive; endLine = startLine − 1 when it removed lines). */
  startLine: number;
  endLine: number;
  /** The fuzzy match's similarity (0–1). */
  similarity?: number;
  /** Several places matched; the one chosen was the only one after the previous block (or at the model's start line). */
  tieBroken?: boolean;
}

export interface EditBlockError {
  /** 0-based index of the block (messages count from 1). */
  index: number;
  kind: 'emptySearch' | 'notFound' | 'ambiguous';
  /** What the model reads (English). */
  message: string;
  /** notFound: the most similar region of the file. */
  closest?: ClosestRegion;
  /** ambiguous: the 1-based lines where it matched. */
  matchLines?: number[];
}

export type EditResult =
  | { ok: true; text: string; applied: AppliedBlock[] }
  | { ok: false; errors: EditBlockError[] };

export interface EditOptions {
  /** Lowest similarity for the fuzzy match (default 0.9); 1 turns it off. */
  fuzzyThreshold?: number;
  /**
   * Work units (a character counted, a DP cell) one block's fuzzy search may spend, and again its search for the
   * closest region when it is not found. Default 10 million: a few hundred milliseconds at worst.
   */
  fuzzyCells?: number;
  /** Line ending of a created file (default LF). */
  newFileEol?: '\n' | '\r\n';
}

export const DEFAULT_FUZZY_THRESHOLD = 0.9;
const DEFAULT_FUZZY_CELLS = 10_000_000;

/** The file's lines without line endings, the ending it uses most, and whether it ends with one. */
interface Document {
  lines: string[];
  eol: '\n' | '\r\n';
  finalNewline: boolean;
}

function readDocument(text: string): Document {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1;
  const finalNewline = text.endsWith('\n');
  const lines = text.split(/\r?\n/);
  if (finalNewline) lines.pop();
  return { lines, eol: crlf > 0 && crlf * 2 >= lf ? '\r\n' : '\n', finalNewline };
}

const writeDocument = (doc: Document): string =>
  doc.lines.join(doc.eol) + (doc.finalNewline && doc.lines.length > 0 ? doc.eol : '');

/** A block's text as lines: any line ending, one final newline taken as the end of its last line. */
function blockLines(text: string): string[] {
  const lf = text.replace(/\r\n?/g, '\n');
  const body = lf.endsWith('\n') ? lf.slice(0, -1) : lf;
  return body === '' ? [] : body.split('\n');
}

const isBlank = (doc: Document) => doc.lines.every((l) => l.trim() === '');

export function applyEditBlocks(text: string, blocks: readonly EditBlock[], options: EditOptions = {}): EditResult {
  const doc = readDocument(text);
  const applied: AppliedBlock[] = [];
  const errors: EditBlockError[] = [];
  const unit = indentUnitOf(doc.lines);
  let after: number | undefined;
  blocks.forEach((block, index) => {
    const search = blockLines(block.search);
    const replace = blockLines(block.replace);
    if (search.every((l) => l.trim() === '')) {
      if (!isBlank(doc)) {
        errors.push({ index, kind: 'emptySearch', message: emptySearchMessage(index, blocks.length) });
        return;
      }
      // An empty search on an empty (or new) file: the file is the replacement, ending with a newline.
      doc.lines = replace;
      doc.finalNewline = true;
      if (text === '') doc.eol = options.newFileEol ?? '\n';
      applied.push({ index, strategy: 'create', startLine: 1, endLine: replace.length });
      after = replace.length;
      return;
    }
    const found = locate(doc.lines, search, {
      ...(after !== undefined ? { after } : {}),
      ...(block.startLineHint !== undefined ? { startLineHint: block.startLineHint } : {}),
      fuzzyThreshold: options.fuzzyThreshold ?? DEFAULT_FUZZY_THRESHOLD,
      fuzzyCells: options.fuzzyCells ?? DEFAULT_FUZZY_CELLS,
    });
    if (found.kind === 'ambiguous') {
      const matchLines = found.starts.map((s) => s + 1);
      errors.push({ index, kind: 'ambiguous', message: ambiguousMessage(index, blocks.length, matchLines), matchLines });
      return;
    }
    if (found.kind === 'notFound') {
      const closest = found.closest ? regionOf(found.closest, search.length) : undefined;
      const message = notFoundMessage(index, blocks.length, doc.lines, closest, found.searchStopped);
      errors.push({ index, kind: 'notFound', message, ...(closest ? { closest } : {}) });
      return;
    }
    const region = doc.lines.slice(found.start, found.start + search.length);
    const tolerant = found.strategy === 'indentation' || found.strategy === 'fuzzy';
    const replacement = tolerant ? reindent(replace, search, region, unit) : replace;
    doc.lines.splice(found.start, search.length, ...replacement);
    after = found.start + replacement.length;
    applied.push({
      index,
      strategy: found.strategy,
      startLine: found.start + 1,
      endLine: found.start + replacement.length,
      ...(found.similarity !== undefined ? { similarity: found.similarity } : {}),
      ...(found.tieBroken ? { tieBroken: true } : {}),
    });
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, text: writeDocument(doc), applied };
}
