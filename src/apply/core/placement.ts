// Where a code block goes in its target and what the file reads afterwards: the whole file (a block that is the
// file), the selection the question was about (a fragment of it), or the part of the file the fragment rewrites
// (found by its first and last lines). Pure: offsets into the document's text, as VS Code's positionAt takes them.

export type Placement = 'wholeFile' | 'selection' | 'anchor';

export interface EditPlan {
  placement: Placement;
  /** The replaced range of the old text (offsets). */
  start: number;
  end: number;
  /** What replaces it. */
  replacement: string;
  /** The whole new text of the file. */
  newText: string;
}

export interface PlanInput {
  code: string;
  /** The target's current text. */
  text: string;
  /** The selection the question was about, when it is in this file (offsets into `text`). */
  selection?: { start: number; end: number };
}

const nonBlank = (lines: readonly string[]) => lines.map((l) => l.trim()).filter(Boolean);
const splitLines = (text: string) => text.replace(/\r\n?/g, '\n').split('\n');

/** A block that is the whole file: it starts and ends like the file, or is most of it. */
export function isWholeFile(code: string, text: string): boolean {
  const file = nonBlank(splitLines(text));
  const block = nonBlank(splitLines(code));
  if (file.length === 0) return true;
  if (block.length === 0) return false;
  const sameFirst = block[0] === file[0];
  const sameLast = block.at(-1) === file.at(-1);
  const ratio = block.length / file.length;
  return (sameFirst && sameLast && ratio >= 0.5) || ratio >= 0.8 || (sameFirst && ratio >= 0.6);
}

export function planEdit(input: PlanInput): EditPlan {
  const { text, selection } = input;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const code = input.code.replace(/\r\n?/g, '\n');
  if (selection && !(isWholeFile(code, text) && coversMost(code, text, selection))) {
    const range = widenToLines(text, selection);
    return replace(text, range, fitTo(code, text.slice(range.start, range.end), eol), 'selection');
  }
  if (!selection && !isWholeFile(code, text)) {
    const anchored = findAnchor(code, text);
    if (anchored) return replace(text, anchored, fitTo(code, text.slice(anchored.start, anchored.end), eol), 'anchor');
  }
  let whole = code.replace(/\n/g, eol);
  if (text.endsWith('\n') && !whole.endsWith('\n')) whole += eol;
  return replace(text, { start: 0, end: text.length }, whole, 'wholeFile');
}

/** A whole-file block asked about a selection still replaces the file only when it is much more than the selection. */
function coversMost(code: string, text: string, selection: { start: number; end: number }): boolean {
  const selected = nonBlank(splitLines(text.slice(selection.start, selection.end))).length;
  return nonBlank(splitLines(code)).length >= 2 * Math.max(1, selected);
}

function replace(text: string, range: { start: number; end: number }, replacement: string, placement: Placement): EditPlan {
  return { placement, ...range, replacement, newText: text.slice(0, range.start) + replacement + text.slice(range.end) };
}

/** A selection that starts in a line's indentation starts at the line; one that ends after its last character ends there. */
function widenToLines(text: string, range: { start: number; end: number }): { start: number; end: number } {
  const lineStart = text.lastIndexOf('\n', range.start - 1) + 1;
  const start = /^[ \t]*$/.test(text.slice(lineStart, range.start)) ? lineStart : range.start;
  let end = range.end;
  if (end > start && text[end - 1] === '\n') end -= text[end - 2] === '\r' ? 2 : 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl === -1 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  if (/^[ \t]*$/.test(text.slice(end, lineEnd))) end = lineEnd;
  return { start, end };
}

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];

function minIndent(lines: readonly string[]): string {
  let best: string | undefined;
  for (const line of lines) {
    if (!line.trim()) continue;
    const indent = indentOf(line);
    if (best === undefined || indent.length < best.length) best = indent;
  }
  return best ?? '';
}

/** The code indented like the text it replaces (models often drop the indentation), in the file's line endings. */
function fitTo(code: string, old: string, eol: string): string {
  let lines = splitLines(code);
  if (lines.length > 1 && lines.at(-1) === '') lines = lines.slice(0, -1);
  const have = minIndent(lines);
  const want = minIndent(splitLines(old));
  if (want.length > have.length) {
    const extra = want.slice(0, want.length - have.length);
    lines = lines.map((l) => (l.trim() ? extra + l : l));
  }
  return lines.join(eol);
}

/** The lines of the text that the fragment rewrites: its first line's unique match, to the best-fitting last line. */
function findAnchor(code: string, text: string): { start: number; end: number } | undefined {
  const block = nonBlank(splitLines(code));
  const first = block[0];
  const last = block.at(-1);
  if (!first || !last || block.length < 2 || first.length < 4) return undefined;
  const lines = splitLines(text);
  const starts = lines.flatMap((l, i) => (l.trim() === first ? [i] : []));
  if (starts.length !== 1) return undefined;
  const from = starts[0]!;
  let to: number | undefined;
  for (let i = from + 1; i < lines.length; i++) {
    if (lines[i]!.trim() !== last) continue;
    if (to === undefined || Math.abs(i - from + 1 - block.length) < Math.abs(to - from + 1 - block.length)) to = i;
  }
  if (to === undefined) return undefined;
  const offsets = lineOffsets(text);
  const start = offsets[from]!;
  const endLine = /^[^\r\n]*/.exec(text.slice(offsets[to]))![0];
  return { start, end: offsets[to]! + endLine.length };
}

function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) offsets.push(i + 1);
  return offsets;
}
