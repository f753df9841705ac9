// Where one search block stands in the file's lines, trying strategies from the strictest to the most tolerant.
// Whole lines only: a block matches a run of complete lines (a fragment of a line is "not found", with the closest
// region, rather than a silent match inside a longer line).

import { bestWindow, budgetOf, fuzzyForm, type Budget, type Window } from './similarity';

export type LineStrategy = 'exact' | 'trailingWhitespace' | 'indentation' | 'fuzzy';

export interface MatchOptions {
  /** 0-based line after the previous block's replacement (none for the first block): breaks a tie. */
  after?: number;
  /** A 1-based start line the model gave (Roo's `:start_line:`): breaks a tie when a match starts there. */
  startLineHint?: number;
  /** Lowest similarity a fuzzy match needs; 1 or more turns the fuzzy match off. */
  fuzzyThreshold: number;
  /** DP cells the fuzzy search may spend (and again the search for the closest region when nothing matched). */
  fuzzyCells: number;
}

export type Location =
  | { kind: 'found'; start: number; strategy: LineStrategy; similarity?: number; tieBroken?: boolean }
  | { kind: 'ambiguous'; starts: number[]; strategy: LineStrategy }
  | { kind: 'notFound'; closest?: Window; searchStopped: boolean };

/** Fuzzy matching is not tried for a block this short: a few changed characters would be most of it. */
export const FUZZY_MIN_CHARS = 24;
/** A second fuzzy region this close to the best one's score makes the match ambiguous. */
const FUZZY_TIE = 0.02;
/** A region less similar than this is not worth showing as "the closest" (and not searching for). */
export const CLOSEST_MIN_SCORE = 0.5;

const EXACT_FORMS: ReadonlyArray<readonly [LineStrategy, (line: string) => string]> = [
  ['exact', (l) => l],
  ['trailingWhitespace', (l) => l.trimEnd()],
  ['indentation', (l) => l.trim()],
];

export function locate(lines: readonly string[], search: readonly string[], options: MatchOptions): Location {
  for (const [strategy, form] of EXACT_FORMS) {
    const starts = equalRuns(lines.map(form), search.map(form));
    if (starts.length > 0) return choose(starts, strategy, options);
  }
  const fileForm = lines.map(fuzzyForm);
  const searchForm = search.map(fuzzyForm);
  const budget = budgetOf(options.fuzzyCells);
  if (options.fuzzyThreshold < 1 && searchForm.join('').length >= FUZZY_MIN_CHARS) {
    const best = bestWindow(fileForm, searchForm, { minScore: options.fuzzyThreshold, budget });
    if (best) {
      const rival = bestWindow(fileForm, searchForm, {
        minScore: Math.max(options.fuzzyThreshold, best.score - FUZZY_TIE),
        exclude: [best.start, best.start + search.length],
        budget,
      });
      if (!rival) return { kind: 'found', start: best.start, strategy: 'fuzzy', similarity: best.score };
      const chosen = choose([best.start, rival.start].sort((a, b) => a - b), 'fuzzy', options);
      return chosen.kind === 'found' ? { ...chosen, similarity: chosen.start === best.start ? best.score : rival.score } : chosen;
    }
  }
  return closestRegion(fileForm, searchForm, budget.exhausted, options.fuzzyCells);
}

function closestRegion(fileForm: string[], searchForm: string[], stoppedBefore: boolean, cells: number): Location {
  const budget: Budget = budgetOf(cells);
  const closest = bestWindow(fileForm, searchForm, { minScore: CLOSEST_MIN_SCORE, budget });
  return { kind: 'notFound', ...(closest ? { closest } : {}), searchStopped: stoppedBefore || budget.exhausted };
}

/** The 0-based starts of every run of `search` in `lines`. O(N · n) comparisons at most. */
function equalRuns(lines: readonly string[], search: readonly string[]): number[] {
  const starts: number[] = [];
  const n = search.length;
  for (let start = 0; start + n <= lines.length; start++) {
    let k = 0;
    while (k < n && lines[start + k] === search[k]) k++;
    if (k === n) starts.push(start);
  }
  return starts;
}

/**
 * One match, or the tie broken: by the model's start-line hint, else by being the only match at or after the
 * previous block's replacement (models write blocks in file order). Otherwise ambiguous.
 */
function choose(starts: number[], strategy: LineStrategy, options: MatchOptions): Location {
  if (starts.length === 1) return { kind: 'found', start: starts[0]!, strategy };
  const hinted = options.startLineHint !== undefined ? starts.filter((s) => s + 1 === options.startLineHint) : [];
  if (hinted.length === 1) return { kind: 'found', start: hinted[0]!, strategy, tieBroken: true };
  const later = starts.filter((s) => options.after !== undefined && s >= options.after);
  if (later.length === 1) return { kind: 'found', start: later[0]!, strategy, tieBroken: true };
  return { kind: 'ambiguous', starts, strategy };
}
