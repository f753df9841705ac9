// Re-indents a replacement written with other indentation than the file's (a model that wrote 2 spaces for the
// file's tabs, or dropped the class's indentation): each replacement line keeps its depth relative to the search
// block's first line, expressed in the file's own indentation unit on top of the matched line's indentation.

const TAB_COLUMNS = 4;

const leading = (line: string): string => /^[ \t]*/.exec(line)![0];
const columns = (indent: string): number => [...indent].reduce((n, c) => n + (c === '\t' ? TAB_COLUMNS : 1), 0);
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The file's indentation unit: a tab when most indented lines start with one, else the commonest step in spaces. */
export function indentUnitOf(lines: readonly string[]): string | undefined {
  let tabbed = 0;
  let spaced = 0;
  const steps = new Map<number, number>();
  let previous = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = leading(line);
    if (indent.startsWith('\t')) tabbed++;
    else if (indent.length > 0) spaced++;
    const width = columns(indent);
    const step = Math.abs(width - previous);
    if (step > 0 && !indent.includes('\t')) steps.set(step, (steps.get(step) ?? 0) + 1);
    previous = width;
  }
  if (tabbed === 0 && spaced === 0) return undefined;
  if (tabbed >= spaced) return '\t';
  const commonest = [...steps].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  return ' '.repeat(commonest ? commonest[0] : 4);
}

/**
 * `replace` re-indented for the region `fileRegion` that `search` matched (line for line, ignoring indentation).
 * `fileUnit` is the file's unit (indentUnitOf the whole file); blank lines stay empty.
 */
export function reindent(replace: readonly string[], search: readonly string[], fileRegion: readonly string[], fileUnit: string | undefined): string[] {
  const anchor = search.findIndex((line, k) => line.trim() !== '' && (fileRegion[k] ?? '').trim() !== '');
  if (anchor < 0) return [...replace];
  const searchBase = columns(leading(search[anchor]!));
  const fileBase = leading(fileRegion[anchor]!);
  // The block's own unit: the gcd of its lines' depths relative to the anchor (tabs count as one unit).
  const written = [...search, ...replace].filter((l) => l.trim() !== '');
  const usesTabs = written.some((l) => leading(l).includes('\t'));
  const unitColumns = usesTabs
    ? TAB_COLUMNS
    : written.reduce((g, l) => gcd(g, Math.abs(columns(leading(l)) - searchBase)), 0) || TAB_COLUMNS;
  const unit = fileUnit ?? (usesTabs ? '\t' : ' '.repeat(unitColumns));
  return replace.map((line) => {
    if (line.trim() === '') return '';
    const relative = columns(leading(line)) - searchBase;
    const levels = Math.trunc(relative / unitColumns);
    const rest = Math.abs(relative - levels * unitColumns);
    return shift(fileBase, levels, unit) + ' '.repeat(rest) + line.trimStart();
  });
}

/** `base` deeper by `levels` units (or shallower when negative, as far as it goes). */
function shift(base: string, levels: number, unit: string): string {
  if (levels >= 0) return base + unit.repeat(levels);
  let indent = base;
  for (let i = 0; i < -levels; i++) {
    if (indent.endsWith(unit)) indent = indent.slice(0, -unit.length);
    else if (indent.endsWith('\t')) indent = indent.slice(0, -1);
    else indent = indent.slice(0, Math.max(0, indent.length - unit.length));
  }
  return indent;
}
