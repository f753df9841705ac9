// Where a suggestion repeats what is already after the cursor (continue#4721: the suffix written twice), and the
// closing brackets and quotes it would add a second time.

const OPENER: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const QUOTES = new Set(['"', "'", '`']);
/** Characters that may be dropped from the suggestion's end because the rest of the line already has them. */
const CLOSERS = /^[)\]}"'`;,\s]+$/;

/**
 * Drops the end of `suggestion` that the rest of the cursor's line already starts with: closing brackets and quotes
 * the suggestion does not open itself (so `bar()` before `)` stays whole), and the whole rest of the line repeated.
 */
export function dropRestOfLineOverlap(suggestion: string, restOfLine: string): string {
  const rest = restOfLine.replace(/\r$/, '').trimStart().trimEnd();
  if (rest === '') return suggestion;
  const end = suggestion.trimEnd();
  for (let k = rest.length; k >= 1; k--) {
    const piece = rest.slice(0, k);
    if (!end.endsWith(piece)) continue;
    if (k !== rest.length && !CLOSERS.test(piece)) continue;
    if (!unbalancedEnough(end, piece)) continue;
    const kept = end.slice(0, end.length - piece.length);
    // The rest of the line brings its own space before the bracket (` };`): no second one.
    return /^[ \t]/.test(restOfLine) ? kept.trimEnd() : kept;
  }
  return suggestion;
}

/** Whether `text` closes more of each bracket than it opens, and has an odd count of each quote, as `piece` needs. */
function unbalancedEnough(text: string, piece: string): boolean {
  const needed = new Map<string, number>();
  for (const ch of piece) if (OPENER[ch] !== undefined || QUOTES.has(ch)) needed.set(ch, (needed.get(ch) ?? 0) + 1);
  for (const [ch, count] of needed) {
    const opener = OPENER[ch];
    if (opener !== undefined) {
      if (occurrences(text, ch) - occurrences(text, opener) < count) return false;
    } else if ((occurrences(text, ch) - count) % 2 !== 0) {
      return false;
    }
  }
  return true;
}

function occurrences(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * Cuts a multi-line suggestion where it starts writing the suffix again: at its first line equal (indentation
 * included, so an inner block's `}` is not the function's `}`) to the first non-blank line after the cursor's line.
 * The first line is compared as the whole line it makes with the text before the cursor.
 */
export function cutAtSuffixRepeat(suggestion: string, linePrefix: string, suffix: string): string {
  const suffixLines = suffix.split('\n');
  const restBlank = (suffixLines[0] ?? '').trim() === '';
  const anchor = suffixLines.slice(1).find((l) => l.trim() !== '')?.replace(/\r$/, '').trimEnd();
  if (anchor === undefined) return suggestion;
  const lines = suggestion.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (i === 0 && !restBlank) continue;
    const whole = (i === 0 ? linePrefix + (lines[0] ?? '') : (lines[i] ?? '')).replace(/\r$/, '').trimEnd();
    if (whole === anchor) return lines.slice(0, i).join('\n');
  }
  return suggestion;
}
