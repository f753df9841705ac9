// Chunks of recently edited and visible files, for the prompt's other-file context (llama.vscode keeps such a ring
// for /infill's `input_extra`). Each note is a chunk of whole lines around a line; the same chunk noted twice is
// kept once (continue#6340 sent duplicated context), and a chunk that overlaps an older one of the same file replaces
// it (the newer text is what the file says now). Least recently noted chunks go first when the ring is full.
import { estimateTextTokens } from '../../models/tokenEstimate';
import type { Snippet } from './fimTemplates';

interface Chunk {
  filePath: string;
  languageId: string;
  /** First and last line (0-based, inclusive) of the chunk in its file when noted. */
  startLine: number;
  endLine: number;
  text: string;
}

/** What a snippet costs beyond its text in any template (a path header and separators). */
const SNIPPET_OVERHEAD_TOKENS = 4;

/** Recently edited / open files' chunks, same language first; the ring llama.vscode keeps for input_extra. */
export class SnippetRing {
  private readonly maxChunks: number;
  private readonly chunkLines: number;
  /** Oldest first. */
  private chunks: Chunk[] = [];

  constructor(options?: { maxChunks?: number; chunkLines?: number }) {
    this.maxChunks = Math.max(1, options?.maxChunks ?? 16);
    this.chunkLines = Math.max(1, options?.chunkLines ?? 32);
  }

  /** Records the lines around an edit or a visible range of a file. */
  note(filePath: string, languageId: string, text: string, aroundLine: number): void {
    const { startLine, endLine, chunk } = linesAround(text, aroundLine, this.chunkLines);
    if (chunk.trim() === '') return;
    const overlapNeeded = Math.ceil((endLine - startLine + 1) / 2);
    this.chunks = this.chunks.filter((c) => {
      if (c.filePath !== filePath) return true;
      if (c.text === chunk) return false;
      const overlap = Math.min(c.endLine, endLine) - Math.max(c.startLine, startLine) + 1;
      return overlap < overlapNeeded;
    });
    this.chunks.push({ filePath, languageId, startLine, endLine, text: chunk });
    if (this.chunks.length > this.maxChunks) this.chunks.splice(0, this.chunks.length - this.maxChunks);
  }

  forget(filePath: string): void {
    this.chunks = this.chunks.filter((c) => c.filePath !== filePath);
  }

  /** Up to `maxTokens` of snippets for a request in `filePath` (never from that file itself), most relevant last. */
  pick(filePath: string, languageId: string, maxTokens: number): Snippet[] {
    const recentFirst = this.chunks.filter((c) => c.filePath !== filePath).reverse();
    const ordered = [
      ...recentFirst.filter((c) => c.languageId === languageId),
      ...recentFirst.filter((c) => c.languageId !== languageId),
    ];
    const picked: Snippet[] = [];
    const seen = new Set<string>();
    let used = 0;
    for (const c of ordered) {
      // The same text in two files (a copied file) is sent once.
      if (seen.has(c.text)) continue;
      const cost = estimateTextTokens(c.text) + estimateTextTokens(c.filePath) + SNIPPET_OVERHEAD_TOKENS;
      if (used + cost > maxTokens) continue;
      seen.add(c.text);
      used += cost;
      picked.push({ filePath: c.filePath, text: c.text });
    }
    return picked.reverse();
  }
}

/**
 * The `count` whole lines centred on `aroundLine` (shifted to stay inside the file). Scans only up to the chunk's
 * last line, so noting near the top of a long file costs little.
 */
function linesAround(text: string, aroundLine: number, count: number): { startLine: number; endLine: number; chunk: string } {
  const lineCount = countLinesUpTo(text, Math.max(0, aroundLine) + count);
  const line = Math.min(Math.max(0, aroundLine), lineCount - 1);
  let startLine = Math.max(0, line - Math.floor(count / 2));
  const endLine = Math.min(lineCount - 1, startLine + count - 1);
  startLine = Math.max(0, Math.min(startLine, endLine - count + 1));
  const from = offsetOfLine(text, startLine);
  const toNewline = offsetOfLine(text, endLine + 1);
  const to = toNewline > text.length ? text.length : toNewline - 1;
  return { startLine, endLine, chunk: text.slice(from, to).replace(/\r$/, '') };
}

/** The number of lines of `text`, counting no further than `limit` (enough to place a chunk). */
function countLinesUpTo(text: string, limit: number): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0 && lines <= limit; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** Where line `line` starts (text.length + 1 past the last line). */
function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length + 1;
    offset = nl + 1;
  }
  return offset;
}
