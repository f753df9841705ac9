// Whether a command line the model wants to run is covered by the workspace's allow-list. Every simple command of
// the line (after `&&`, `;`, `|`, inside `$( )`, backticks, subshells, groups) must be allowed on its own, so allowing
// `npm test` never allows `npm test && curl … | sh`; what the parser does not follow asks the user.
//
// Entries: `npm test` allows exactly that command (words compared after quote removal, so `'npm'  test` is the same);
// `npm test *` allows it with any further arguments (or none). `VAR=value cmd` is `cmd` with an environment: allowed
// when `cmd` is, unless the variable changes what runs (PATH, LD_PRELOAD, NODE_OPTIONS, …) — then only an entry that
// names the same assignment (`PATH=/opt/bin make`) allows it.
import { l10n } from '../../common/l10n';
import { ALWAYS_ASK_COMMANDS, changesWhatRuns, writtenFiles } from './commandRisks';
import { parseShellLine } from './shellParse';
import type { ShellProblem, SimpleCommand } from './shellSyntax';

export interface CommandVerdict {
  text: string;
  /** The allow-list entry that allows the command's program (it may still ask: see `reasons`). */
  allowedBy?: string;
  /** Why it asks; empty when the command is allowed. */
  reasons: string[];
  /** The variables it sets for the command (`FOO=1 npm test`), for the card. */
  setsEnvironment?: string[];
}

export interface LineVerdict {
  /** True only when every command is allowed and the line was understood. */
  allowed: boolean;
  commands: CommandVerdict[];
  /** Why the line as a whole asks (not understood, empty); each command's own reasons are on it. */
  reasons: string[];
}

interface AllowEntry {
  source: string;
  assignments: Map<string, string>;
  words: string[];
  prefix: boolean;
}

/** An entry as the matcher reads it, or undefined for one that cannot allow anything safely (it is ignored). */
export function parseAllowEntry(entry: string): AllowEntry | undefined {
  const source = entry.trim();
  const prefix = /(^|\s)\*$/.test(source);
  const parsed = parseShellLine(prefix ? source.slice(0, -1) : source);
  const cmd = parsed.commands[0];
  const first = cmd?.words[0];
  if (parsed.problems.length > 0 || parsed.commands.length !== 1 || !cmd || !first) return undefined;
  if (cmd.redirects.length > 0 || cmd.background || ALWAYS_ASK_COMMANDS.has(first.value)) return undefined;
  if (!cmd.words.every((w) => w.literal) || !cmd.assignments.every((a) => a.value.literal)) return undefined;
  return {
    source,
    assignments: new Map(cmd.assignments.map((a) => [a.name, a.value.value])),
    words: cmd.words.map((w) => w.value),
    prefix,
  };
}

function matches(cmd: SimpleCommand, entry: AllowEntry): boolean {
  const { words } = cmd;
  if (entry.prefix ? words.length < entry.words.length : words.length !== entry.words.length) return false;
  if (!entry.words.every((w, i) => words[i]?.literal === true && words[i]?.value === w)) return false;
  return [...entry.assignments].every(([name, value]) =>
    cmd.assignments.some((a) => a.name === name && a.value.literal && a.value.value === value));
}

export function checkCommandLine(line: string, allowList: readonly string[]): LineVerdict {
  const parsed = parseShellLine(line);
  const entries = allowList.map(parseAllowEntry).filter((e): e is AllowEntry => e !== undefined);
  const reasons = parsed.problems.map(problemMessage);
  if (parsed.commands.length === 0 && reasons.length === 0) reasons.push(l10n.t('The command line is empty.'));
  const commands = parsed.commands.map((cmd) => judge(cmd, entries));
  const allowed = reasons.length === 0 && commands.every((c) => c.reasons.length === 0);
  return { allowed, commands, reasons };
}

function judge(cmd: SimpleCommand, entries: readonly AllowEntry[]): CommandVerdict {
  const reasons: string[] = [];
  const first = cmd.words[0];
  let entry: AllowEntry | undefined;
  if (!first) {
    // Only assignments or redirections: nothing runs, but what they set or write still counts below.
  } else if (!first.literal) {
    reasons.push(l10n.t('The command name is only known when the line runs.'));
  } else if (ALWAYS_ASK_COMMANDS.has(first.value)) {
    reasons.push(l10n.t('"{0}" runs other commands or changes how the shell runs them, so it always asks.', first.value));
  } else {
    entry = entries.find((e) => matches(cmd, e));
    if (!entry) reasons.push(l10n.t('"{0}" is not in this workspace\'s allow-list.', cmd.text));
  }
  for (const a of cmd.assignments) {
    if (changesWhatRuns(a.name) && !entry?.assignments.has(a.name)) {
      reasons.push(l10n.t('It sets {0}, which changes what runs.', a.name));
    }
  }
  for (const file of writtenFiles(cmd)) {
    reasons.push(file === '?' ? l10n.t('It writes to a file named only when the line runs.') : l10n.t('It writes to {0}.', file));
  }
  if (cmd.background) reasons.push(l10n.t('It keeps running in the background.'));
  const verdict: CommandVerdict = { text: cmd.text, reasons };
  if (entry) verdict.allowedBy = entry.source;
  if (cmd.assignments.length > 0) verdict.setsEnvironment = cmd.assignments.map((a) => a.name);
  return verdict;
}

function problemMessage(p: ShellProblem): string {
  switch (p.code) {
    case 'unclosed-quote': return l10n.t('The command line has a quote that is not closed.');
    case 'unclosed-group': return l10n.t('The command line has a "{0}" missing.', p.closer);
    case 'unclosed-heredoc': return l10n.t('A here-document is not ended by its line "{0}".', p.delimiter);
    case 'unsupported': return l10n.t('The command line uses {0}, which is not checked automatically.', p.construct);
    case 'syntax': return l10n.t('The command line is not valid shell syntax near "{0}".', p.near);
    case 'history-expansion': return l10n.t('The command line uses history expansion (!), which can insert other commands.');
  }
}

/** Package-manager verbs whose next word names what runs (`npm run build`). */
const RUNNER_VERBS = new Set(['run', 'run-script', 'exec']);
const SUBCOMMAND = /^[a-z][a-z0-9:_-]*$/;

/**
 * The entry "always allow this command" saves for one simple command, or undefined when none is safe to offer.
 * The program and its subcommand (two words; three after `run`/`exec`, as in `npm run build`) become the prefix:
 * `npm test -- --grep x` → `npm test *`, `git status --short` → `git status *`. A command without a subcommand
 * (`node test.js`, `ls -la`) is proposed exactly as written: `node *` would allow `node -e …`.
 */
export function proposeAllowEntry(command: string): string | undefined {
  const parsed = parseShellLine(command);
  const cmd = parsed.commands[0];
  if (parsed.problems.length > 0 || parsed.commands.length !== 1 || !cmd) return undefined;
  const words = cmd.words.map((w) => w.value);
  const [program, sub, target] = words;
  if (program === undefined || !cmd.words.every((w) => w.literal) || ALWAYS_ASK_COMMANDS.has(program)) return undefined;
  if (cmd.background || writtenFiles(cmd).length > 0 || cmd.assignments.some((a) => changesWhatRuns(a.name))) return undefined;
  let prefix = 1;
  if (sub !== undefined && SUBCOMMAND.test(sub)) {
    prefix = 2;
    if (RUNNER_VERBS.has(sub) && target !== undefined && SUBCOMMAND.test(target)) prefix = 3;
  }
  const values = words.map(quoteWord);
  if (prefix === 1 || prefix === words.length) return values.join(' ');
  return `${values.slice(0, prefix).join(' ')} *`;
}

/** A word as the shell reads it back: bare when safe, else in single quotes. */
function quoteWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
