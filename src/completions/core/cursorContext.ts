// What is sent from the document around the cursor: a prefix and a suffix window by a token budget (Continue gives
// the prefix 30 % and the suffix 20 % of its budget: what comes before the cursor says more about what comes next),
// cut at line boundaries so the model never sees half a line at the window's far edge. Works from the cursor
// outwards, so a long file costs only the lines that are sent.
import { estimateTextTokens } from '../../models/tokenEstimate';

export { SnippetRing } from './snippetRing';

export interface ContextBudget { maxPrefixTokens: number; maxSuffixTokens: number }

/**
 * Prefix and suffix around `offset`, cut at line boundaries to fit the budget (tokens estimated as
 * src/models/tokenEstimate does). The cursor's own line is always there as far as the budget allows: when even its
 * part before (after) the cursor is over budget, it is cut by characters at its far end, never inside a surrogate pair.
 */
export function cursorContext(text: string, offset: number, budget: ContextBudget): { prefix: string; suffix: string } {
  const cursor = safeOffset(text, Math.max(0, Math.min(offset, text.length)));
  return {
    prefix: prefixWindow(text, cursor, Math.max(0, budget.maxPrefixTokens)),
    suffix: suffixWindow(text, cursor, Math.max(0, budget.maxSuffixTokens)),
  };
}

const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** An offset that does not fall between the two halves of a surrogate pair (moved before the pair). */
function safeOffset(text: string, offset: number): number {
  return offset > 0 && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset)) ? offset - 1 : offset;
}

function prefixWindow(text: string, cursor: number, maxTokens: number): string {
  // The cursor line's part before the cursor, then whole lines upwards while they fit.
  let start = cursor > 0 ? text.lastIndexOf('\n', cursor - 1) + 1 : 0;
  let used = estimateTextTokens(text.slice(start, cursor));
  if (used > maxTokens) return tailWithin(text.slice(start, cursor), maxTokens);
  while (start > 0) {
    const lineStart = start >= 2 ? text.lastIndexOf('\n', start - 2) + 1 : 0;
    const cost = estimateTextTokens(text.slice(lineStart, start));
    if (used + cost > maxTokens) break;
    used += cost;
    start = lineStart;
  }
  return text.slice(start, cursor);
}

function suffixWindow(text: string, cursor: number, maxTokens: number): string {
  // The rest of the cursor's line, then whole lines downwards while they fit.
  const lineEnd = (from: number): number => {
    const nl = text.indexOf('\n', from);
    return nl < 0 ? text.length : nl + 1;
  };
  let end = lineEnd(cursor);
  let used = estimateTextTokens(text.slice(cursor, end));
  if (used > maxTokens) return headWithin(text.slice(cursor, end), maxTokens);
  while (end < text.length) {
    const next = lineEnd(end);
    const cost = estimateTextTokens(text.slice(end, next));
    if (used + cost > maxTokens) break;
    used += cost;
    end = next;
  }
  return text.slice(cursor, end);
}

/** The longest end of `line` within the budget (a minified file's one line), whole characters only. */
function tailWithin(line: string, maxTokens: number): string {
  let lo = 0;
  let hi = line.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (estimateTextTokens(line.slice(mid)) <= maxTokens) hi = mid;
    else lo = mid + 1;
  }
  return line.slice(isLow(line.charCodeAt(lo)) ? lo + 1 : lo);
}

/** The longest start of `line` within the budget, whole characters only. */
function headWithin(line: string, maxTokens: number): string {
  let lo = 0;
  let hi = line.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (estimateTextTokens(line.slice(0, mid)) <= maxTokens) lo = mid;
    else hi = mid - 1;
  }
  return line.slice(0, lo > 0 && isHigh(line.charCodeAt(lo - 1)) ? lo - 1 : lo);
}
