// The DOM-agnostic core of the streaming renderer: splits a growing markdown text into top-level blocks,
// and tells which of them are final. Only the text after the last final block is re-parsed on each update,
// so the cost of a frame depends on the size of the growing block, not on the length of the reply.
import type Token from 'markdown-it/lib/token.mjs';
import { parse, renderTokens, type RenderEnv } from './markdown';

export interface BlockHtml {
  /** Rendered (not yet sanitised) HTML of one top-level block. */
  html: string;
  /** A fenced code block whose closing fence has not arrived yet. */
  openFence: boolean;
}

export interface BlockUpdate {
  /** The previous output is no longer a prefix of the new one: drop everything rendered so far. */
  reset: boolean;
  /** Blocks that became final with this update, in order; they are never re-rendered. */
  stable: BlockHtml[];
  /** The blocks after them, which may still change. */
  tail: BlockHtml[];
}

/** A line that could be a link reference definition, which changes how text *before* it renders. */
const REFERENCE_DEFINITION = /^ {0,3}\[(?:[^\]\\\n]|\\.){1,999}\]:/m;
const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

export function normalizeSource(text: string): string {
  // The same normalisation markdown-it applies, done up front so our offsets match its line maps.
  let out = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  if (out.includes('\0')) out = out.replace(/\0/g, '\uFFFD');
  return out;
}

export class BlockSplitter {
  /** The part of the source whose blocks are final. */
  private stableSource = '';
  /** Once a reference definition shows up, every update renders the whole text (rare in model output). */
  private wholeText = false;

  constructor(private readonly env: () => RenderEnv = () => ({})) {}

  /**
   * @param text the whole text so far (each call's text normally extends the previous one)
   * @param final true when the text is complete: every block is final and every fence closed
   */
  update(text: string, final: boolean): BlockUpdate {
    const source = normalizeSource(text);
    let reset = false;
    if (!source.startsWith(this.stableSource)) {
      this.stableSource = '';
      reset = true;
    }
    let tailSource = source.slice(this.stableSource.length);
    if (!this.wholeText && REFERENCE_DEFINITION.test(tailSource)) {
      this.wholeText = true;
      if (this.stableSource) reset = true;
      this.stableSource = '';
      tailSource = source;
    }

    const env = this.env();
    const tokens = parse(tailSource, env);
    const starts: number[] = [];
    tokens.forEach((t, i) => {
      if (t.level === 0 && t.nesting !== -1 && t.map) starts.push(i);
    });
    const newlines = countNewlines(tailSource);

    // Block k's predecessors are final once block k's first line is complete: every markdown rule that
    // ends a block decides on the first line of the next one, and a complete line no longer changes.
    let firstTail = starts.length > 0 ? starts.length - 1 : 0;
    if (this.wholeText) firstTail = 0;
    else {
      while (firstTail > 0 && tokens[starts[firstTail]!]!.map![0] >= newlines) firstTail--;
    }

    const blocks: BlockHtml[] = starts.map((start, k) => {
      const end = starts[k + 1] ?? tokens.length;
      const slice = tokens.slice(start, end);
      const isLast = k === starts.length - 1;
      return { html: renderTokens(slice, env), openFence: !final && isLast && isOpenFence(slice[0]!, tailSource) };
    });

    if (firstTail > 0) {
      const line = tokens[starts[firstTail]!]!.map![0];
      this.stableSource += tailSource.slice(0, offsetOfLine(tailSource, line));
    }
    return { reset, stable: blocks.slice(0, firstTail), tail: blocks.slice(firstTail) };
  }
}

function isOpenFence(token: Token, source: string): boolean {
  if (token.type !== 'fence' || !token.map) return false;
  const [startLine, endLine] = token.map;
  // A closed fence ends with a fence line of the same character, at least as long as the opening one.
  const start = offsetOfLine(source, endLine - 1);
  const nl = source.indexOf('\n', start);
  const closing = CLOSING_FENCE.exec(source.slice(start, nl === -1 ? source.length : nl));
  return !(endLine - 1 > startLine && closing && closing[1]![0] === token.markup[0] && closing[1]!.length >= token.markup.length);
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) return text.length;
    offset = nl + 1;
  }
  return offset;
}
