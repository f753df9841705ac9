// The shapes the POSIX command-line parser (shellParse.ts) produces, and the character classes it reads by.
// Problems are codes, not messages: commandApproval.ts turns them into the user's language.

/** One word after quote removal; `literal` is false when the shell would change it when it runs (expansion, glob). */
export interface ShellWord {
  value: string;
  literal: boolean;
  start: number;
}

export interface ShellRedirect {
  /** `>`, `>>`, `>|`, `<>`, `&>`, `&>>`, `>&`, `<`, `<&`, `<<`, `<<-`, `<<<`. */
  op: string;
  fd?: string;
  target?: ShellWord;
}

export interface SimpleCommand {
  /** The command as written (for backticks: their inner text). */
  text: string;
  /** Where it starts in the line, to keep the commands in reading order. */
  start: number;
  assignments: Array<{ name: string; value: ShellWord }>;
  words: ShellWord[];
  redirects: ShellRedirect[];
  /** Ended by `&` (also when a whole `a && b &` list is). */
  background: boolean;
}

export type ShellProblem =
  | { code: 'unclosed-quote' }
  | { code: 'unclosed-group'; closer: string }
  | { code: 'unclosed-heredoc'; delimiter: string }
  | { code: 'unsupported'; construct: string }
  | { code: 'syntax'; near: string }
  | { code: 'history-expansion' };

export interface ParsedLine {
  /** Every simple command, those inside `$( )`, backticks, `<( )`, subshells and groups included. */
  commands: SimpleCommand[];
  problems: ShellProblem[];
}

/** Characters that end an unquoted word. */
export const WORD_END = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);

/** Reserved words this checker does not follow (control flow, functions): a line with one always asks. */
export const UNSUPPORTED_KEYWORDS = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'select',
  'function', 'coproc', '[[', ']]',
]);

/** Redirection operators, longest first (so `>>` is not read as `>`). */
export const REDIRECT_OPS = ['&>>', '<<<', '<<-', '&>', '<<', '<>', '<&', '>>', '>|', '>&', '<', '>'];

export const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)\+?=/;
