// Bounded edit distance for the fuzzy fallback of edit blocks. Every call is charged to a Budget of DP cells, so a
// search over a large file stops after a fixed amount of work (deterministic: no clock) instead of running long.

/** DP cells still allowed; `exhausted` once a call needed more than was left. */
export interface Budget {
  cells: number;
  exhausted: boolean;
}

export const budgetOf = (cells: number): Budget => ({ cells, exhausted: false });

/**
 * The Levenshtein distance of `a` and `b` when it is at most `max`, else `max + 1`. Banded (only cells within `max`
 * of the diagonal): O(min(|a|, |b|) · (2·max + 1)) cells, stopped early when a whole row is over `max`.
 */
export function boundedDistance(a: string, b: string, max: number, budget: Budget): number {
  if (a === b) return 0;
  const over = max + 1;
  if (max < 0 || Math.abs(a.length - b.length) > max) return over;
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length);
  if (a.length < b.length) [a, b] = [b, a]; // the shorter one across, for shorter rows
  const la = a.length;
  const lb = b.length;
  let prev = new Int32Array(lb + 1);
  let cur = new Int32Array(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j <= max ? j : over;
  for (let i = 1; i <= la; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(lb, i + max);
    const cells = hi - lo + 1;
    if (budget.cells < cells) {
      budget.exhausted = true;
      return over;
    }
    budget.cells -= cells;
    cur[0] = i <= max ? i : over;
    if (lo > 1) cur[lo - 1] = over;
    let rowMin = lo === 1 ? cur[0] : over;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j - 1]! + cost, prev[j]! + 1, cur[j - 1]! + 1);
      cur[j] = v > over ? over : v;
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (hi < lb) cur[hi + 1] = over;
    if (rowMin > max) return over;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[lb]!, over);
}

/** A line as the fuzzy match compares it: no indentation, no trailing blanks, inner runs of blanks as one space. */
export const fuzzyForm = (line: string): string => line.trim().replace(/\s+/g, ' ');

export interface Window {
  /** 0-based first line of the window. */
  start: number;
  /** 1 − (summed line distances ÷ summed longer-line lengths), in [0, 1]. */
  score: number;
}

export interface WindowSearch {
  /** Accept only windows scoring at least this. */
  minScore: number;
  /** A range of 0-based lines [start, end) no accepted window may overlap. */
  exclude?: readonly [number, number];
  budget: Budget;
}

const counts = new Int32Array(65_536);

/**
 * A lower bound of the edit distance from the characters' counts alone (an edit changes each side of the count
 * difference by at most one). O(|a| + |b|), charged to the budget.
 */
export function countBound(a: string, b: string, budget: Budget): number {
  budget.cells -= a.length + b.length;
  for (let i = 0; i < a.length; i++) counts[a.charCodeAt(i)]!++;
  for (let i = 0; i < b.length; i++) counts[b.charCodeAt(i)]!--;
  let surplus = 0;
  let deficit = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    if (counts[c]! > 0) surplus += counts[c]!;
    counts[c] = 0;
  }
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (counts[c]! < 0) deficit -= counts[c]!;
    counts[c] = 0;
  }
  return Math.max(surplus, deficit);
}

/**
 * The best window of `search.length` consecutive lines of `file` (both already in fuzzyForm), compared line by
 * line, or undefined when none reaches minScore. First every window gets a cheap upper bound of its score
 * (countBound: N·n line pairs, O(line length) each); then windows are scored exactly (bounded Levenshtein) from the
 * most promising down, stopping when no remaining bound can beat the best score. The budget caps the total work;
 * when it runs out the best found so far is returned and `budget.exhausted` is set.
 */
export function bestWindow(file: readonly string[], search: readonly string[], options: WindowSearch): Window | undefined {
  const n = search.length;
  const { budget, exclude } = options;
  const candidates: Array<{ start: number; longest: number; bound: number }> = [];
  for (let start = 0; n > 0 && start + n <= file.length; start++) {
    if (exclude && start < exclude[1] && start + n > exclude[0]) continue;
    let longest = 0;
    for (let k = 0; k < n; k++) longest += Math.max(file[start + k]!.length, search[k]!.length);
    if (longest === 0) continue;
    const allowed = (1 - options.minScore) * longest;
    let lower = 0;
    for (let k = 0; k < n && lower <= allowed; k++) lower += countBound(file[start + k]!, search[k]!, budget);
    if (budget.cells < 0) {
      budget.exhausted = true;
      break;
    }
    if (lower <= allowed + 1e-9) candidates.push({ start, longest, bound: 1 - lower / longest });
  }
  candidates.sort((x, y) => y.bound - x.bound || x.start - y.start);
  let best: Window | undefined;
  for (const { start, longest, bound } of candidates) {
    if (best && bound <= best.score) break; // no window left can do better
    const floor = Math.max(best ? best.score : 0, options.minScore);
    const allowed = Math.floor((1 - floor) * longest + 1e-9);
    let distance = 0;
    for (let k = 0; k < n && distance <= allowed; k++) {
      distance += boundedDistance(file[start + k]!, search[k]!, allowed - distance, budget);
    }
    if (budget.exhausted) break;
    if (distance > allowed) continue;
    const score = 1 - distance / longest;
    if (!best || score > best.score) best = { start, score };
  }
  return best;
}
