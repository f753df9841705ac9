// Builds the prompt for Explain/Fix/Tests/Document/Ask from the selection and an editable template.
// Pure TypeScript (no `vscode`), so it is unit-tested directly.
import type { PromptKind } from '../config/core/parseSettings';
import type { SelectionContext } from '../protocol';
import { l10n } from '../common/l10n';

export interface SelectionInput {
  code: string;
  /** Workspace-relative file name. */
  fileName: string;
  languageId: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** For 'ask': the user's question. */
  question?: string;
  /** Longest code sent; longer code is cut with a visible marker. */
  maxChars: number;
  /** Where exactly the selection is, for Apply (copied into the message's context as it is). */
  where?: Pick<SelectionContext, 'uri' | 'startCharacter' | 'endCharacter' | 'textHash'>;
}

export interface BuiltPrompt {
  /** Sent to the model. */
  content: string;
  /** Shown in the chat as the user message. */
  display: string;
  context: SelectionContext;
  /** Characters cut from the end of the code (0 when nothing was cut). */
  truncatedChars: number;
}

/** The title above the code in the chat, in the display language (read when used: the translator comes at activation). */
export function promptTitle(kind: PromptKind): string {
  switch (kind) {
    case 'explain': return l10n.t('Explain selection');
    case 'fix': return l10n.t('Fix selection');
    case 'tests': return l10n.t('Write tests for selection');
    case 'document': return l10n.t('Document selection');
    case 'ask': return l10n.t('Ask about selection');
  }
}

export function truncationMarker(chars: number): string {
  return `[… truncated ${chars} characters]`;
}

/** Cuts code to maxChars (never inside a surrogate pair) and says how much was cut. */
export function truncateCode(code: string, maxChars: number): { code: string; truncatedChars: number } {
  if (code.length <= maxChars) return { code, truncatedChars: 0 };
  let end = Math.max(0, maxChars);
  const last = code.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { code: code.slice(0, end), truncatedChars: code.length - end };
}

/** A backtick fence longer than any run of backticks inside the code, so the code cannot close it. */
export function fenceFor(code: string): string {
  const longest = Math.max(0, ...Array.from(code.matchAll(/`+/g), (m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

export function fencedBlock(code: string, languageId: string): string {
  const fence = fenceFor(code);
  const info = /^[\w#+.-]+$/.test(languageId) ? languageId : '';
  return `${fence}${info}\n${code}${code.endsWith('\n') ? '' : '\n'}${fence}`;
}

const PLACEHOLDER = /\$\{(code|fileName|languageId|startLine|endLine|question)\}/g;

/** Replaces the known ${…} placeholders in one pass (so text inside the code is never re-substituted). */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (match, name: string) => values[name] ?? match);
}

export function buildSelectionPrompt(kind: PromptKind, template: string, input: SelectionInput): BuiltPrompt {
  const { code, truncatedChars } = truncateCode(input.code, input.maxChars);
  const shownCode = truncatedChars > 0 ? `${code}${code.endsWith('\n') ? '' : '\n'}${truncationMarker(truncatedChars)}` : code;
  const block = fencedBlock(shownCode, input.languageId);
  const values = {
    code: block,
    fileName: input.fileName,
    languageId: input.languageId,
    startLine: String(input.startLine),
    endLine: String(input.endLine),
    question: (input.question ?? '').trim(),
  };
  let content = fillTemplate(template, values);
  // A template without ${code} still gets the code: dropping it silently would make the answer meaningless.
  if (!/\$\{code\}/.test(template)) content = `${content.trimEnd()}\n\n${block}`;

  const range = input.startLine === input.endLine ? l10n.t('line {0}', input.startLine) : l10n.t('lines {0}–{1}', input.startLine, input.endLine);
  const heading = kind === 'ask' && values.question ? values.question : `**${promptTitle(kind)}** · \`${input.fileName}\` ${range}`;
  const display = `${heading}\n\n${block}`;

  const context: SelectionContext = {
    fileName: input.fileName,
    languageId: input.languageId,
    startLine: input.startLine,
    endLine: input.endLine,
    ...(truncatedChars > 0 ? { truncated: true } : {}),
    ...input.where,
  };
  return { content, display, context, truncatedChars };
}

/** The system prompt for selection commands: the user's system prompt plus what the request is about. */
export function selectionSystemPrompt(userSystemPrompt: string): string {
  const base = userSystemPrompt.trim();
  const extra = 'The user shares code from their editor; refer to it by its file name and line numbers when useful.';
  return base ? `${base}\n\n${extra}` : extra;
}
