// Fill in the middle through a chat-only API (gateways without `/completions`): a "hole filler" prompt with a strict
// output contract. The document is shown with one `<HOLE/>` between the prefix and the suffix; the model answers
// with the fill between `<FILL>` and `</FILL>` and nothing else. A reply that breaks the contract (prose, no markers)
// shows nothing: a chat model's explanation must never become ghost text.
import type { ChatMessage } from '../../api/types';
import type { FimInput } from './fimTemplates';
import { escapeControlTokens, unescapeControlTokens } from './fimTokens';

/** Ends the reply at the contract's closing marker (where the API takes `stop`). */
export const HOLE_FILL_STOP: readonly string[] = ['</FILL>'];

const MARKERS = ['<HOLE/>', '<FILL>', '</FILL>', '<DOCUMENT', '</DOCUMENT>', '<SNIPPET', '</SNIPPET>'];
const ZWSP = '\u200B';
const MARKER_PATTERN = new RegExp(MARKERS.map((m) => m.replace(/[/]/g, '\\/')).join('|'), 'g');
const ESCAPED_MARKER_PATTERN = new RegExp(MARKERS.map((m) => `<${ZWSP}${m.slice(1).replace(/[/]/g, '\\/')}`).join('|'), 'g');

/** The user's text with our markers and every model family's control tokens broken (never read as structure). */
function escapeText(text: string): string {
  return escapeControlTokens(text).replace(MARKER_PATTERN, (m) => `<${ZWSP}${m.slice(1)}`);
}

function unescapeText(text: string): string {
  return unescapeControlTokens(text).replace(ESCAPED_MARKER_PATTERN, (m) => `<${m.slice(2)}`);
}

const attribute = (text: string): string => escapeText(text).replace(/["\r\n]/g, ' ');

const SYSTEM = `You fill a hole in a source file, like a code editor's autocomplete.
The file is between <DOCUMENT> and </DOCUMENT>; <HOLE/> marks the cursor: the text before it is the prefix, the text after it is the suffix.
Answer with exactly the text that goes at <HOLE/>, between <FILL> and </FILL>, and nothing else: no explanation, no Markdown fences, no repetition of the prefix or the suffix.
The fill starts exactly at the hole: when it continues a line, do not start a new one; when it spans lines, indent them as the file does.
If nothing should be inserted, answer <FILL></FILL>.

Example:
<DOCUMENT path="sum.py" language="python">
def total(items):
    result = 0
    for item in items:
        <HOLE/>
    return result
</DOCUMENT>
Answer:
<FILL>result += item</FILL>`;

/** The chat messages that ask for the fill of `input`'s hole (snippets of other files first, for reference). */
export function holeFillerMessages(input: FimInput): ChatMessage[] {
  const snippets = input.snippets.map(
    (s) => `<SNIPPET path="${attribute(s.filePath)}">\n${escapeText(s.text)}\n</SNIPPET>`,
  );
  const context = snippets.length > 0 ? `Other files of the project, for reference:\n${snippets.join('\n')}\n\n` : '';
  const document = `<DOCUMENT path="${attribute(input.filePath)}" language="${attribute(input.languageId)}">\n`
    + `${escapeText(input.prefix)}<HOLE/>${escapeText(input.suffix)}\n</DOCUMENT>`;
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: `${context}${document}\nAnswer with <FILL>…</FILL> only.` },
  ];
}

/** A fence around the whole text (```lang … ```), the known failure of chat models asked for code. */
const WHOLE_FENCE = /^```[\w#+.-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```$/;

/**
 * The fill from the model's reply (strict contract: the text between the markers), undefined when it broke the
 * contract. Tolerated, because they are the contract's known failures and lose nothing: a `<think>` block before
 * the answer, a Markdown fence around the whole answer or around the fill, a missing `</FILL>` (the `stop` of
 * HOLE_FILL_STOP or the token limit ended the reply there), one newline on each side of the fill. Refused: any other
 * text before `<FILL>` or after `</FILL>`, and a reply without `<FILL>`.
 */
export function parseHoleFill(reply: string): string | undefined {
  let text = reply.replace(/^\s*<think>[\s\S]*?<\/think>/, '').trim();
  text = WHOLE_FENCE.exec(text)?.[1]?.trim() ?? text;
  if (!text.startsWith('<FILL>')) return undefined;
  text = text.slice('<FILL>'.length);
  const close = text.indexOf('</FILL>');
  if (close >= 0) {
    if (text.slice(close + '</FILL>'.length).trim() !== '') return undefined;
    text = text.slice(0, close);
  }
  const fenced = WHOLE_FENCE.exec(text.trim());
  if (fenced) text = fenced[1] ?? '';
  else if (/^\r?\n/.test(text) && /\r?\n$/.test(text)) text = text.replace(/^\r?\n/, '').replace(/\r?\n$/, '');
  return unescapeText(text);
}
