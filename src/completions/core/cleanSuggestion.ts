// What the model wrote → what the editor shows. Each rule comes from a failure users reported: special tokens and
// chat markup in the editor (continue#2953), the suffix written twice (continue#4721), a whole block proposed in
// the middle of a line, closing brackets doubled, suggestions of nothing but whitespace.
import type { FimFamily } from './fimTemplates';
import { familyStopTokens, UNAMBIGUOUS_TOKENS, unescapeControlTokens } from './fimTokens';
import { cutAtSuffixRepeat, dropRestOfLineOverlap } from './suffixOverlap';

export interface CleanInput {
  suggestion: string;
  /** The document text before the cursor (at least the whole current line). */
  prefix: string;
  /** The document text after the cursor (at least the rest of the current line and a few lines). */
  suffix: string;
  /** 'auto': single line when the cursor is mid-line (text after it on the line), else multi-line. */
  lines: 'auto' | 'single' | 'multi';
  family?: FimFamily;
}

/**
 * Stops where it repeats the suffix, strips special tokens and chat markup, keeps indentation, drops whitespace-only,
 * does not repeat closing brackets the suffix already has. undefined = show nothing.
 */
export function cleanSuggestion(input: CleanInput): string | undefined {
  const linePrefix = input.prefix.slice(input.prefix.lastIndexOf('\n') + 1);
  const restOfLine = (input.suffix.split('\n', 1)[0] ?? '').replace(/\r$/, '');
  const midLine = restOfLine.trim() !== '';

  let text = cutAtControlToken(input.suggestion.replace(/\r\n/g, '\n'), input.family);
  text = unescapeControlTokens(text);
  text = stripChatMarkup(text, input.prefix);
  text = dropRepeatedLinePrefix(text, linePrefix);

  const single = input.lines === 'single' || (input.lines === 'auto' && midLine);
  text = single ? (text.split('\n', 1)[0] ?? '') : cutAtSuffixRepeat(text, linePrefix, input.suffix);
  text = dropRestOfLineOverlap(text, restOfLine);
  // Trailing blank lines and spaces at the end of a line only add whitespace the user must delete; mid-line, a
  // trailing space may separate the fill from the rest of the line.
  if (!midLine) text = text.trimEnd();
  return text.trim() === '' ? undefined : text;
}

/** The suggestion up to the first control token (a server that prints its special tokens, or a model that ran on). */
function cutAtControlToken(text: string, family: FimFamily | undefined): string {
  const tokens = family ? [...familyStopTokens(family), ...UNAMBIGUOUS_TOKENS] : UNAMBIGUOUS_TOKENS;
  let cut = text.length;
  for (const token of tokens) {
    const at = text.indexOf(token);
    if (at >= 0 && at < cut) cut = at;
  }
  return text.slice(0, cut);
}

// "Here is the code:", "Sure! Here's the completion:", "Below is the completed function:" (not a prose file's own
// "Here is how to install:", which names no code).
const LEAD_IN = new RegExp(
  String.raw`^[ \t]*(?:(?:sure|certainly|of course)\b[^\n]*|(?:here(?:'s| is| are)|below is)\s+(?:the\s+|your\s+)?`
    + String.raw`(?:[\w-]+\s+)?(?:code|completion|snippet|implementation|function|line)s?\b[^\n]*):[ \t]*\n`,
  'i',
);
const FENCE_OPEN = /^[ \t]*```[\w#+.-]*[ \t]*\n/;

/**
 * A chat model's lead-in line ("Here is the code:") and Markdown fences around the code. Fences are code only where
 * the document has none before the cursor (in a Markdown file, a fence may be what the user is writing).
 */
function stripChatMarkup(text: string, prefix: string): string {
  let out = text.replace(LEAD_IN, '');
  if (prefix.includes('```')) return out;
  const open = FENCE_OPEN.exec(out);
  if (open) out = out.slice(open[0].length);
  const close = /(^|\n)[ \t]*```/.exec(out);
  return close ? out.slice(0, close.index) : out;
}

/**
 * Chat models often start their answer with the line the user was typing (`const total = ` → `const total = 0;`);
 * the text before the cursor is dropped from the suggestion's start, when it is long enough to be no coincidence.
 */
function dropRepeatedLinePrefix(text: string, linePrefix: string): string {
  const typed = linePrefix.trimStart();
  if (typed.trim().length < 6) return text;
  const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
  const lineIndent = linePrefix.slice(0, linePrefix.length - typed.length);
  if (indent !== '' && indent !== lineIndent) return text;
  return text.startsWith(typed, indent.length) ? text.slice(indent.length + typed.length) : text;
}
