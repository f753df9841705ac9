// Reads one shell word: quotes and escapes removed, expansions noted (the word is then not literal), and the
// commands of its `$( )` and backticks handed back to the parser — inside double quotes too, where they still run.
import { WORD_END, type ShellProblem, type ShellWord } from './shellSyntax';

export interface WordReader {
  readonly src: string;
  pos: number;
  problem(p: ShellProblem): void;
  /** Parses the commands of a `$( … )` from the position, through its `)`. */
  substitution(): void;
  /** Parses a backtick's inner text (escapes removed), found at `at`. */
  backtick(inner: string, at: number): void;
}

/** Characters after `!` that do not start a history expansion (bash, interactive shells). */
const NOT_HISTORY = new Set([' ', '\t', '\n', '=', '(', '"', undefined]);

export function readWordText(r: WordReader): ShellWord {
  const start = r.pos;
  let value = '';
  let literal = true;
  for (;;) {
    const c = r.src[r.pos];
    if (c === undefined || WORD_END.has(c)) break;
    if (c === '\\') {
      const next = r.src[r.pos + 1];
      if (next !== '\n') value += next ?? '\\';
      r.pos += next === undefined ? 1 : 2;
    } else if (c === "'") {
      const close = r.src.indexOf("'", r.pos + 1);
      if (close < 0) { r.problem({ code: 'unclosed-quote' }); value += r.src.slice(r.pos + 1); r.pos = r.src.length; break; }
      value += r.src.slice(r.pos + 1, close);
      r.pos = close + 1;
    } else if (c === '"') {
      const inner = readDoubleQuoted(r);
      value += inner.value;
      literal &&= inner.literal;
    } else if (c === '$' || c === '`') {
      const text = readExpansion(r, false);
      value += text;
      literal &&= text === '$';
    } else {
      if (c === '!' && !NOT_HISTORY.has(r.src[r.pos + 1])) r.problem({ code: 'history-expansion' });
      // Globs, brace expansion and `~` change the word when it runs.
      if ('*?[{}'.includes(c) || (c === '~' && r.pos === start)) literal = false;
      value += c;
      r.pos++;
    }
  }
  return { value, literal, start };
}

function readDoubleQuoted(r: WordReader): { value: string; literal: boolean } {
  r.pos++;
  let value = '';
  let literal = true;
  for (;;) {
    const c = r.src[r.pos];
    if (c === undefined) { r.problem({ code: 'unclosed-quote' }); return { value, literal }; }
    if (c === '"') { r.pos++; return { value, literal }; }
    if (c === '\\') {
      const next = r.src[r.pos + 1];
      if (next !== undefined && '$`"\\\n'.includes(next)) { if (next !== '\n') value += next; r.pos += 2; }
      else { value += c; r.pos++; }
    } else if (c === '$' || c === '`') {
      const text = readExpansion(r, true);
      value += text;
      literal &&= text === '$';
    } else {
      if (c === '!' && !NOT_HISTORY.has(r.src[r.pos + 1])) r.problem({ code: 'history-expansion' });
      value += c;
      r.pos++;
    }
  }
}

/** From a `$` or a backtick: consumes the expansion and returns its text as written (`$` alone when none). */
function readExpansion(r: WordReader, inDouble: boolean): string {
  const start = r.pos;
  const src = r.src;
  if (src[start] === '`') {
    let inner = '';
    let i = start + 1;
    for (; i < src.length && src[i] !== '`'; i++) {
      if (src[i] === '\\' && '$`\\'.includes(src[i + 1] ?? '')) { inner += src[i + 1]; i++; }
      else inner += src[i];
    }
    if (i >= src.length) { r.problem({ code: 'unclosed-group', closer: '`' }); r.pos = src.length; }
    else r.pos = i + 1;
    r.backtick(inner, start + 1);
    return src.slice(start, r.pos);
  }
  const next = src[start + 1];
  if (next === '(' && src[start + 2] === '(') {
    // Arithmetic: not followed further; a substitution inside it is.
    r.pos = closing(r, start + 3, '(', ')', 2);
    if (/\$\(|`/.test(src.slice(start + 3, r.pos))) r.problem({ code: 'unsupported', construct: '$((…$(…)…))' });
  } else if (next === '(') {
    r.pos = start + 2;
    r.substitution();
  } else if (next === '{') {
    r.pos = closing(r, start + 2, '{', '}', 1);
    if (/\$\(|`/.test(src.slice(start + 2, r.pos))) r.problem({ code: 'unsupported', construct: '${…$(…)…}' });
  } else if (next === "'" && !inDouble) {
    // ANSI-C quoting ($'…'): its escapes are not decoded here, so the word counts as not literal.
    let i = start + 2;
    while (i < src.length && src[i] !== "'") i += src[i] === '\\' ? 2 : 1;
    if (i >= src.length) { r.problem({ code: 'unclosed-quote' }); r.pos = src.length; }
    else r.pos = i + 1;
  } else if (next !== undefined && /[A-Za-z0-9_@*#?$!-]/.test(next)) {
    r.pos = start + 2;
    if (/[A-Za-z_]/.test(next)) while (r.pos < src.length && /[A-Za-z0-9_]/.test(src[r.pos] ?? '')) r.pos++;
  } else {
    r.pos = start + 1;
    return '$';
  }
  return src.slice(start, r.pos);
}

/** The position after the `depth` closers that balance the opener (quotes not followed: only for what asks anyway). */
function closing(r: WordReader, from: number, open: string, close: string, depth: number): number {
  let level = 0;
  for (let i = from; i < r.src.length; i++) {
    const c = r.src[i];
    if (c === '\\') { i++; continue; }
    if (c === open) level++;
    else if (c === close) {
      if (level > 0) { level--; continue; }
      if (depth === 1 || r.src[i + 1] === close) return i + depth;
    }
  }
  r.problem({ code: 'unclosed-group', closer: close.repeat(depth) });
  return r.src.length;
}
