// Splits a POSIX shell command line into its simple commands, for the agent's command approval. Hand-written because
// the common npm tokenizer (shell-quote) reads neither `$( )`, backticks, `{ …; }` groups nor heredocs, and every one of
// them runs or hides commands. It parses only as far as approval needs; anything it does not follow becomes a problem
// (and the line then asks the user), never a guess.
import { ASSIGNMENT, REDIRECT_OPS, UNSUPPORTED_KEYWORDS, WORD_END, type ParsedLine, type ShellProblem, type ShellRedirect, type SimpleCommand } from './shellSyntax';
import { readWordText, type WordReader } from './shellWords';

interface PendingHeredoc {
  delimiter: string;
  quoted: boolean;
  stripTabs: boolean;
}

/** Parses `line`; `offset` places a backtick's inner text in its outer line (for the reading order). */
export function parseShellLine(line: string, offset = 0): ParsedLine {
  const parser = new Parser(line, offset);
  parser.sequence(undefined);
  const commands = parser.commands.sort((a, b) => a.start - b.start);
  return { commands, problems: parser.problems };
}

class Parser implements WordReader {
  pos = 0;
  readonly commands: SimpleCommand[] = [];
  readonly problems: ShellProblem[] = [];
  private heredocs: PendingHeredoc[] = [];

  constructor(readonly src: string, private readonly offset: number) {}

  problem(p: ShellProblem): void {
    if (!this.problems.some((q) => JSON.stringify(q) === JSON.stringify(p))) this.problems.push(p);
  }

  /** Commands until EOF or `closer` (`)` of a subshell or `$( )`, `}` of a group), which it consumes. */
  sequence(closer: ')' | '}' | undefined): void {
    let listStart = this.commands.length; // for `&`: the and-or list it sends to the background
    let awaiting = false; // after `&&`, `||`, `|`: a command must follow
    let hasCommand = false; // since the last separator
    let lastOp = '';
    for (;;) {
      this.skipBlanks();
      const c = this.src[this.pos];
      if (c === undefined) {
        if (closer) this.problem({ code: 'unclosed-group', closer });
        if (awaiting) this.problem({ code: 'syntax', near: lastOp });
        this.endHeredocs();
        return;
      }
      if (c === '#') { this.skipComment(); continue; }
      if (c === '\n') { this.pos++; this.readHeredocBodies(); if (!awaiting) { hasCommand = false; listStart = this.commands.length; } continue; }
      const op = this.operator();
      if (op) {
        if (op === ';;' || op === ';&' || op === ';;&') this.problem({ code: 'unsupported', construct: op });
        else if (!hasCommand || awaiting) this.problem({ code: 'syntax', near: op });
        if (op === '&') for (const cmd of this.commands.slice(listStart)) cmd.background = true;
        awaiting = op === '&&' || op === '||' || op === '|' || op === '|&';
        lastOp = op;
        if (!awaiting) { hasCommand = false; listStart = this.commands.length; }
        continue;
      }
      if (c === ')') {
        this.pos++;
        if (awaiting) this.problem({ code: 'syntax', near: ')' });
        if (closer === ')') return;
        this.problem({ code: 'syntax', near: ')' });
        continue;
      }
      if (hasCommand && !awaiting) { this.problem({ code: 'syntax', near: this.src.slice(this.pos, this.pos + 10) }); }
      const reserved = this.reservedWord();
      if (reserved === '}') {
        this.pos++;
        if (closer === '}') return;
        this.problem({ code: 'syntax', near: '}' });
        continue;
      }
      if (reserved === '{' || c === '(') {
        this.pos++;
        const first = this.commands.length;
        this.sequence(reserved === '{' ? '}' : ')');
        this.trailingRedirects(first);
      } else {
        this.simpleCommand();
      }
      hasCommand = true;
      awaiting = false;
    }
  }

  private operator(): string | undefined {
    for (const op of [';;&', ';;', ';&', '&&', '||', '|&', ';', '|']) {
      if (this.src.startsWith(op, this.pos)) { this.pos += op.length; return op; }
    }
    if (this.src[this.pos] === '&' && this.src[this.pos + 1] !== '>') { this.pos++; return '&'; }
    return undefined;
  }

  /** `{` or `}` standing alone in command position (otherwise they are parts of words, as in `{a,b}`). */
  private reservedWord(): string | undefined {
    const c = this.src[this.pos];
    if (c !== '{' && c !== '}') return undefined;
    const next = this.src[this.pos + 1];
    return next === undefined || WORD_END.has(next) ? c : undefined;
  }

  /** Redirections after `)` or `}` apply to every command of the group. */
  private trailingRedirects(first: number): void {
    for (;;) {
      this.skipBlanks();
      const redirect = this.redirect();
      if (!redirect) return;
      for (const cmd of this.commands.slice(first)) cmd.redirects.push(redirect);
    }
  }

  private simpleCommand(): void {
    const start = this.pos;
    const cmd: SimpleCommand = { text: '', start: start + this.offset, assignments: [], words: [], redirects: [], background: false };
    this.commands.push(cmd);
    let end = this.pos;
    for (;;) {
      this.skipBlanks();
      const c = this.src[this.pos];
      if (c === undefined || c === '\n' || c === ';' || c === '|' || c === ')') break;
      if (c === '&' && this.src[this.pos + 1] !== '>') break;
      if (c === '#' && this.pos > start && /\s/.test(this.src[this.pos - 1] ?? '')) { this.skipComment(); break; }
      if ((c === '<' || c === '>') && this.src[this.pos + 1] === '(') {
        const wordStart = this.pos;
        this.pos += 2;
        this.sequence(')');
        cmd.words.push({ value: this.src.slice(wordStart, this.pos), literal: false, start: wordStart });
      } else if (c === '(') {
        this.problem({ code: 'unsupported', construct: cmd.words.length === 1 ? `${cmd.words[0]?.value}()` : '(' });
        this.pos++;
        this.sequence(')');
      } else {
        const redirect = this.redirect();
        if (redirect) cmd.redirects.push(redirect);
        else this.wordOf(cmd);
      }
      end = this.pos;
    }
    cmd.text = this.src.slice(start, end).trim();
  }

  private wordOf(cmd: SimpleCommand): void {
    const raw = this.pos;
    const word = readWordText(this);
    const written = this.src.slice(raw, this.pos);
    const assignment = ASSIGNMENT.exec(written);
    if (cmd.words.length === 0 && assignment) {
      const eq = word.value.indexOf('=');
      cmd.assignments.push({ name: assignment[1] ?? '', value: { ...word, value: word.value.slice(eq + 1) } });
      return;
    }
    if (cmd.words.length === 0 && written === '!') return; // `! cmd` negates the status, runs cmd
    if (cmd.words.length === 0 && UNSUPPORTED_KEYWORDS.has(written)) this.problem({ code: 'unsupported', construct: written });
    cmd.words.push(word);
  }

  /** A redirection at the position (with its fd number and target), or undefined without moving. */
  private redirect(): ShellRedirect | undefined {
    const fd = /^\d*/.exec(this.src.slice(this.pos))![0];
    const at = this.pos + fd.length;
    const op = REDIRECT_OPS.find((o) => this.src.startsWith(o, at));
    if (!op || this.src[at + op.length] === '(' && (op === '<' || op === '>')) return undefined;
    this.pos = at + op.length;
    this.skipBlanks();
    const next = this.src[this.pos];
    if (next === undefined || WORD_END.has(next)) {
      this.problem({ code: 'syntax', near: op });
      return { op, fd: fd || undefined };
    }
    const rawStart = this.pos;
    const target = readWordText(this);
    if (op === '<<' || op === '<<-') {
      const quoted = /['"\\]/.test(this.src.slice(rawStart, this.pos));
      this.heredocs.push({ delimiter: target.value, quoted, stripTabs: op === '<<-' });
    }
    return { op, fd: fd || undefined, target };
  }

  /** After a newline: the bodies of the heredocs opened on the line before. */
  private readHeredocBodies(): void {
    for (const doc of this.heredocs) {
      const bodyStart = this.pos;
      let closed = false;
      while (this.pos < this.src.length) {
        const eol = this.src.indexOf('\n', this.pos);
        const lineEnd = eol < 0 ? this.src.length : eol;
        const text = this.src.slice(this.pos, lineEnd);
        this.pos = eol < 0 ? lineEnd : eol + 1;
        if ((doc.stripTabs ? text.replace(/^\t+/, '') : text) === doc.delimiter) { closed = true; break; }
      }
      if (!closed) this.problem({ code: 'unclosed-heredoc', delimiter: doc.delimiter });
      // An unquoted delimiter expands the body: a `$( )` or backtick in it would run.
      if (!doc.quoted && /\$\(|`/.test(this.src.slice(bodyStart, this.pos))) {
        this.problem({ code: 'unsupported', construct: '$(…) in a here-document' });
      }
    }
    this.heredocs = [];
  }

  private endHeredocs(): void {
    for (const doc of this.heredocs) this.problem({ code: 'unclosed-heredoc', delimiter: doc.delimiter });
    this.heredocs = [];
  }

  /** Spaces, tabs and backslash-newline continuations. */
  skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else return;
    }
  }

  private skipComment(): void {
    const eol = this.src.indexOf('\n', this.pos);
    this.pos = eol < 0 ? this.src.length : eol;
  }

  /** `$( … )` and `<( … )` bodies: parsed in place, their commands join this line's. */
  substitution(): void {
    this.sequence(')');
  }

  /** A backtick's inner text, parsed on its own. */
  backtick(inner: string, at: number): void {
    const parsed = parseShellLine(inner, this.offset + at);
    this.commands.push(...parsed.commands);
    for (const p of parsed.problems) this.problem(p);
  }
}
