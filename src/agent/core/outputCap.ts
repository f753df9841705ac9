// What a tool's output may cost the context window: a command's output keeps its head and its tail (an error is
// usually at the end, what ran at the start) with the middle's size said; a file's lines are numbered and cut at a
// line count and a character count, saying how to read on. Pure.

/** `text` within `max` characters: the first and last parts, and a line saying how much was left out between. */
export function capHeadTail(text: string, max: number): { text: string; omitted: number } {
  if (text.length <= max) return { text, omitted: 0 };
  const marker = (n: number) => `\n… [${n} characters omitted] …\n`;
  const room = Math.max(0, max - marker(text.length).length);
  const head = Math.ceil(room * 0.4);
  const tail = room - head;
  const omitted = text.length - head - tail;
  return { text: text.slice(0, head) + marker(omitted) + text.slice(text.length - tail), omitted };
}

/** A live stream's output, kept within `max` with its head and its latest tail (for the card and the result). */
export class CappedOutput {
  private head = '';
  private tail = '';
  private dropped = 0;

  constructor(private readonly max: number) {}

  append(chunk: string): void {
    const half = Math.floor(this.max / 2);
    if (this.head.length < half) {
      const take = chunk.slice(0, half - this.head.length);
      this.head += take;
      chunk = chunk.slice(take.length);
    }
    if (chunk === '') return;
    this.tail += chunk;
    const over = this.tail.length - (this.max - half);
    if (over > 0) {
      this.tail = this.tail.slice(over);
      this.dropped += over;
    }
  }

  get omitted(): number {
    return this.dropped;
  }

  text(): string {
    return this.dropped === 0 ? this.head + this.tail : `${this.head}\n… [${this.dropped} characters omitted] …\n${this.tail}`;
  }
}

export interface NumberedLines {
  text: string;
  /** 1-based, inclusive: the lines shown. */
  from: number;
  to: number;
  total: number;
  /** Lines after `to` that were asked for (or exist) but not shown. */
  more: boolean;
}

/** Lines `from`..`to` of `content` as "12| text", at most `maxLines` lines and `maxChars` characters. */
export function numberLines(content: string, range: { start?: number; end?: number }, limits: { maxLines: number; maxChars: number }): NumberedLines {
  const lines = content.split(/\r?\n/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  const total = content === '' ? 0 : lines.length;
  const from = Math.max(1, range.start ?? 1);
  const wantedTo = Math.min(total, range.end ?? total);
  const out: string[] = [];
  let chars = 0;
  let to = from - 1;
  for (let n = from; n <= wantedTo && out.length < limits.maxLines; n++) {
    const row = `${n}| ${lines[n - 1]}`;
    if (chars + row.length + 1 > limits.maxChars && out.length > 0) break;
    out.push(row.length > limits.maxChars ? `${row.slice(0, limits.maxChars)}… [line cut]` : row);
    chars += row.length + 1;
    to = n;
  }
  return { text: out.join('\n'), from, to, total, more: to < wantedTo };
}
