// The errors a model reads when its edit blocks do not apply: which block, what went wrong, and what to do, with
// the closest region of the file when nothing matched. English, like the prompt templates (the model reads them).

import type { Window } from './similarity';

/** At most this many lines of the closest region are quoted, each cut at LINE_CHARS characters. */
const QUOTED_LINES = 12;
const LINE_CHARS = 200;

export interface ClosestRegion {
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  similarity: number;
}

const blockName = (index: number, count: number) => `Block ${index + 1} of ${count}`;
const percent = (score: number) => `${Math.floor(score * 100)}%`;

export function emptySearchMessage(index: number, count: number): string {
  return `${blockName(index, count)}: the SEARCH section is empty but the file is not empty. An empty SEARCH only `
    + 'creates a new file; to change this file, put the exact lines to replace in SEARCH.';
}

export function ambiguousMessage(index: number, count: number, lines: readonly number[]): string {
  return `${blockName(index, count)}: the SEARCH text was found ${lines.length} times, at lines ${lines.join(', ')}. `
    + 'Include more of the surrounding lines in SEARCH so that it matches only one place.';
}

/** `lines` is the file's text (as left by the blocks before) the region points into. */
export function notFoundMessage(index: number, count: number, lines: readonly string[], closest: ClosestRegion | undefined, searchStopped: boolean): string {
  const head = `${blockName(index, count)}: the SEARCH text was not found in the file`;
  const advice = 'Copy the SEARCH lines exactly from the current file (read it again if unsure), whole lines, '
    + 'including indentation.';
  const stopped = searchStopped ? ' (the file is too large to compare all of it)' : '';
  if (!closest) return `${head}${stopped}, and no region of it is even half as similar. ${advice}`;
  return `${head}${stopped}. The most similar region is lines ${closest.startLine}-${closest.endLine} `
    + `(${percent(closest.similarity)} similar):\n${quote(lines, closest)}\n${advice}`;
}

/** The region's lines, numbered, capped in count and width. */
function quote(lines: readonly string[], region: ClosestRegion): string {
  const shown: string[] = [];
  const last = Math.min(region.endLine, region.startLine + QUOTED_LINES - 1);
  for (let n = region.startLine; n <= last; n++) {
    const line = lines[n - 1] ?? '';
    shown.push(`${n}: ${line.length > LINE_CHARS ? `${line.slice(0, LINE_CHARS)}…` : line}`);
  }
  if (last < region.endLine) shown.push(`… (${region.endLine - last} more lines)`);
  return shown.join('\n');
}

export const regionOf = (window: Window, length: number): ClosestRegion => ({
  startLine: window.start + 1,
  endLine: window.start + Math.max(length, 1),
  similarity: window.score,
});
