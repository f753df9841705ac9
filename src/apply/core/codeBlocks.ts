// The fenced code blocks of an answer, as the chat view numbers them: the host takes the code of the block the
// user clicked Apply on from its own copy of the message (the view sends only the message id and the index), so
// this must find the same fences, in the same order, as markdown-it does in the view (a unit test compares them).
// Indented code blocks have no Apply button and are not counted.

export interface CodeBlock {
  /** The fence's info string, unescaped as written ("ts src/math.ts"). */
  info: string;
  /** The code between the fences (ends with a newline unless empty). */
  code: string;
}

const OPEN = /^(`{3,}|~{3,})(.*)$/;
const QUOTE = /^ {0,3}> ?/;
const LIST_ITEM = /^( *)(?:[-+*]|\d{1,9}[.)])( +)(?=\S)/;

/** Blockquote markers in front of a line, and the rest. */
function unquote(line: string): { depth: number; rest: string } {
  let depth = 0;
  let rest = line;
  for (let m = QUOTE.exec(rest); m; m = QUOTE.exec(rest)) {
    depth++;
    rest = rest.slice(m[0].length);
  }
  return { depth, rest };
}

export function fencedBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const blocks: CodeBlock[] = [];
  /** The last non-blank line outside a fence was a list item or indented: a deeper fence belongs to it. */
  let inList = false;
  for (let i = 0; i < lines.length; i++) {
    const { depth, rest: quoted } = unquote(lines[i]!);
    if (!quoted.trim()) continue;
    const item = LIST_ITEM.exec(quoted);
    const indent = item ? item[0].length : /^ */.exec(quoted)![0].length;
    const rest = quoted.slice(indent);
    const open = OPEN.exec(rest);
    const fenceAllowed = indent <= 3 || item !== null || inList;
    inList = item !== null || (inList && indent > 0);
    if (!open || !fenceAllowed) continue;
    const marker = open[1]!;
    const info = open[2]!;
    if (marker[0] === '`' && info.includes('`')) continue;
    const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},} *$`);
    const stripIndent = new RegExp(`^ {0,${indent}}`);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = unquote(lines[j]!);
      if (depth > 0 && line.depth < depth) break;
      const inner = line.rest.replace(stripIndent, '');
      if (closing.test(inner)) break;
      body.push(inner);
    }
    blocks.push({ info: unescapeInfo(info.trim()), code: body.length ? `${body.join('\n')}\n` : '' });
    i = depth > 0 && j < lines.length && unquote(lines[j]!).depth < depth ? j - 1 : j;
  }
  return blocks;
}

function unescapeInfo(info: string): string {
  return info.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/**
 * The answer without inline reasoning, as the view shows it (the same rules as src/webview/render/think.ts,
 * which the view cannot share with the host; a unit test keeps the two equal).
 */
export function answerText(text: string): string {
  const start = text.length - text.trimStart().length;
  if (text.slice(start, start + 7) === '<think>') {
    const close = text.indexOf('</think>', start + 7);
    return close === -1 ? '' : text.slice(close + 8).replace(/^\s+/, '');
  }
  const close = text.indexOf('</think>');
  if (close !== -1 && !text.slice(0, close).includes('```')) return text.slice(close + 8).replace(/^\s+/, '');
  return text;
}
