// What makes an otherwise allowed simple command ask anyway: a command that runs other commands or changes how the
// shell runs them, an environment variable that changes what runs, and output written to a file.
import type { SimpleCommand } from './shellSyntax';

/**
 * Never allowed by an allow-list entry: each runs its arguments as a command (`sudo x`, `xargs x`, `env x`), reads
 * commands from elsewhere (`eval`, `source`, `.`), or changes what a later command name means (`alias`, `hash -p`,
 * `export PATH=…`, `set`). Allowing `xargs *` would allow everything.
 */
export const ALWAYS_ASK_COMMANDS = new Set([
  'eval', 'source', '.', 'exec', 'sudo', 'doas', 'su', 'pkexec', 'runuser', 'command', 'builtin', 'env', 'xargs',
  'nohup', 'nice', 'timeout', 'time', 'watch', 'setsid', 'stdbuf', 'alias', 'unalias', 'hash', 'enable', 'export',
  'declare', 'typeset', 'local', 'readonly', 'set', 'shopt', 'trap', 'unset', 'function',
]);

/** Variables that change which program runs or what it loads (prefixes end in `_`; compared upper-cased). */
const RUN_CHANGING = new Set([
  'PATH', 'LD_PRELOAD', 'LD_LIBRARY_PATH', 'LD_AUDIT', 'NODE_OPTIONS', 'NODE_PATH', 'PYTHONPATH', 'PYTHONSTARTUP',
  'PYTHONHOME', 'PERL5OPT', 'PERL5LIB', 'PERLLIB', 'RUBYOPT', 'RUBYLIB', 'BASH_ENV', 'ENV', 'SHELLOPTS', 'BASHOPTS',
  'IFS', 'PS4', 'PROMPT_COMMAND', 'HOME', 'ZDOTDIR', 'SHELL', 'EDITOR', 'VISUAL', 'PAGER', 'BROWSER', 'CDPATH',
  'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', 'CLASSPATH', 'GOFLAGS', 'RUSTC_WRAPPER', 'RUSTFLAGS',
  'CC', 'CXX', 'MAKEFLAGS', 'XDG_CONFIG_HOME',
]);
const RUN_CHANGING_PREFIXES = ['LD_', 'DYLD_', 'GIT_', 'NPM_CONFIG_', 'YARN_', 'PNPM_', 'BASH_FUNC_', 'CARGO_'];

export function changesWhatRuns(name: string): boolean {
  const upper = name.toUpperCase();
  return RUN_CHANGING.has(upper) || RUN_CHANGING_PREFIXES.some((p) => upper.startsWith(p));
}

const WRITING_OPS = new Set(['>', '>>', '>|', '<>', '&>', '&>>']);
const HARMLESS_TARGET = '/dev/null';

/** The files the command writes through a redirection or `tee` (`?` for a target only known when it runs). */
export function writtenFiles(cmd: SimpleCommand): string[] {
  const files: string[] = [];
  for (const r of cmd.redirects) {
    if (!r.target) continue;
    // `>&2`, `2>&1`, `>&-` duplicate or close a descriptor; `>&file` (bash) writes the file.
    const writes = WRITING_OPS.has(r.op) || (r.op === '>&' && !/^(\d+|-)$/.test(r.target.value));
    if (writes && !(r.target.literal && r.target.value === HARMLESS_TARGET)) files.push(r.target.literal ? r.target.value : '?');
  }
  const [first, ...args] = cmd.words;
  if (first?.literal && first.value === 'tee') {
    for (const a of args) {
      if (a.literal && (a.value.startsWith('-') || a.value === HARMLESS_TARGET)) continue;
      files.push(a.literal ? a.value : '?');
    }
  }
  return files;
}
