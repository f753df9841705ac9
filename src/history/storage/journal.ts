// Journal lines: one JSON record per line, appended. Readers take complete lines only: a line still being
// written (or cut by a crash) has no newline yet and is left for later; a line that does not parse (the
// remains of a crashed writer, which the next writer closes off with a newline) is skipped and counted.
import * as z from '../../common/zodMini';
import { JournalLineV3 } from './schemaV3';

const NEWLINE = 0x0a;
const decoder = new TextDecoder();

export function encodeLines(lines: readonly JournalLineV3[]): string {
  let out = '';
  for (const line of lines) out += `${JSON.stringify(line)}\n`;
  return out;
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export interface Decoded {
  lines: JournalLineV3[];
  /** Bytes of complete lines (a newline never sits inside a UTF-8 sequence, so this is a safe cut). */
  consumed: number;
  /** Complete lines that did not parse. */
  skipped: number;
}

export function decodeLines(bytes: Uint8Array): Decoded {
  const end = bytes.lastIndexOf(NEWLINE);
  if (end < 0) return { lines: [], consumed: 0, skipped: 0 };
  const lines: JournalLineV3[] = [];
  let skipped = 0;
  for (const text of decoder.decode(bytes.subarray(0, end + 1)).split('\n')) {
    if (!text.trim()) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      skipped++;
      continue;
    }
    const parsed = z.safeParse(JournalLineV3, raw);
    if (parsed.success) lines.push(parsed.data);
    else skipped++;
  }
  return { lines, consumed: end + 1, skipped };
}

/** True when the data ends in the middle of a line (a writer crashed mid-append). */
export function endsMidLine(lastByte: Uint8Array): boolean {
  return lastByte.length > 0 && lastByte[lastByte.length - 1] !== NEWLINE;
}
