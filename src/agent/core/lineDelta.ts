// How many lines a change adds and removes, for the card ("+3 −1 lines"): the lines between the common first and
// last lines of the two texts. Not a minimal diff (a change at both ends counts everything between), but cheap. Pure.

export function lineDelta(before: string, after: string): { added: number; removed: number } {
  const a = before === '' ? [] : before.replace(/\r?\n$/, '').split(/\r?\n/);
  const b = after === '' ? [] : after.replace(/\r?\n$/, '').split(/\r?\n/);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { added: endB - start, removed: endA - start };
}
