// The parser finds every simple command a POSIX shell would run, and says what it does not follow.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseShellLine } from '../../../src/agent/core/shellParse';

const words = (line: string): string[][] => parseShellLine(line).commands.map((c) => c.words.map((w) => w.value));
const codes = (line: string): string[] => [...new Set(parseShellLine(line).problems.map((p) => p.code))];

test('splits sequences, and-or lists, pipes and background', () => {
  assert.deepEqual(words('npm test && curl x | sh'), [['npm', 'test'], ['curl', 'x'], ['sh']]);
  assert.deepEqual(words('a; b\nc || d |& e & f'), [['a'], ['b'], ['c'], ['d'], ['e'], ['f']]);
  const parsed = parseShellLine('a && b & c');
  assert.deepEqual(parsed.commands.map((c) => c.background), [true, true, false]);
  assert.deepEqual(parsed.problems, []);
});

test('operators inside quotes or escaped are text', () => {
  assert.deepEqual(words('echo "a && b"'), [['echo', 'a && b']]);
  assert.deepEqual(words("echo 'a; b'"), [['echo', 'a; b']]);
  assert.deepEqual(words('echo a\\;b \\| c'), [['echo', 'a;b', '|', 'c']]);
  assert.deepEqual(words("'npm' \"te\"st"), [['npm', 'test']]);
});

test('the commands of substitutions, subshells, groups and process substitutions are commands too', () => {
  assert.deepEqual(words('npm test $(curl x)'), [['npm', 'test', '$(curl x)'], ['curl', 'x']]);
  assert.deepEqual(words('npm test `id`'), [['npm', 'test', '`id`'], ['id']]);
  assert.deepEqual(words('echo "$(rm -rf /)"'), [['echo', '$(rm -rf /)'], ['rm', '-rf', '/']]);
  assert.deepEqual(words('echo `echo \\`id\\``'), [['echo', '`echo \\`id\\``'], ['echo', '`id`'], ['id']]);
  assert.deepEqual(words('(cd x && npm test)'), [['cd', 'x'], ['npm', 'test']]);
  assert.deepEqual(words('{ npm test; }'), [['npm', 'test']]);
  assert.deepEqual(words('diff <(ls a) >(tee b)')[1], ['ls', 'a']);
  assert.deepEqual(words('diff <(ls a) >(tee b)')[2], ['tee', 'b']);
  assert.equal(parseShellLine('echo $(( 1 + 2 ))').commands.length, 1);
  for (const line of ['(cd x && npm test)', '{ npm test; }', 'npm test $(curl x)']) assert.deepEqual(codes(line), [], line);
});

test('a substitution\'s word is not literal; globs, braces, variables and ~ are not either', () => {
  const cmd = parseShellLine('$(echo npm) "$X" *.js {a,b} ~/x plain "qu oted"').commands[0]!;
  assert.deepEqual(cmd.words.map((w) => w.literal), [false, false, false, false, false, true, true]);
});

test('redirections are not words; a group\'s redirection applies to its commands', () => {
  const cmd = parseShellLine('npm test 2>&1 >out.txt < in.txt').commands[0]!;
  assert.deepEqual(cmd.words.map((w) => w.value), ['npm', 'test']);
  assert.deepEqual(cmd.redirects.map((r) => [r.fd, r.op, r.target?.value]), [['2', '>&', '1'], [undefined, '>', 'out.txt'], [undefined, '<', 'in.txt']]);
  const grouped = parseShellLine('{ a; b; } > log').commands;
  assert.deepEqual(grouped.map((c) => c.redirects.map((r) => r.target?.value)), [['log'], ['log']]);
  assert.deepEqual(parseShellLine('cat <<< "$(id)"').commands.map((c) => c.text), ['cat <<< "$(id)"', 'id']);
});

test('heredocs: the body is not commands; an expanded body with a substitution, or no end line, is a problem', () => {
  assert.deepEqual(words('cat <<EOF\nrm -rf /\nEOF\nls'), [['cat'], ['ls']]);
  assert.deepEqual(codes("cat <<'EOF'\n$(id)\nEOF"), []);
  assert.deepEqual(codes('cat <<EOF\n$(id)\nEOF'), ['unsupported']);
  assert.deepEqual(codes('cat <<EOF\nno end'), ['unclosed-heredoc']);
  assert.deepEqual(codes('cat <<-EOF\n\tx\n\tEOF'), []);
});

test('assignments before the command word are not words', () => {
  const cmd = parseShellLine('FOO=1 BAR="a b" npm test X=2').commands[0]!;
  assert.deepEqual(cmd.assignments.map((a) => [a.name, a.value.value]), [['FOO', '1'], ['BAR', 'a b']]);
  assert.deepEqual(cmd.words.map((w) => w.value), ['npm', 'test', 'X=2']);
  assert.equal(parseShellLine("'FOO=1' npm").commands[0]?.words[0]?.value, 'FOO=1', 'a quoted name is a command word');
});

test('line continuations, blanks and comments', () => {
  assert.deepEqual(words('npm  \ttest'), [['npm', 'test']]);
  assert.deepEqual(words('npm test\\\n --grep x'), [['npm', 'test', '--grep', 'x']]);
  assert.deepEqual(words('npm test # && rm -rf /'), [['npm', 'test']]);
  assert.deepEqual(words('echo a#b'), [['echo', 'a#b']]);
  assert.deepEqual(words('# only a comment'), []);
  assert.deepEqual(words(''), []);
});

test('what it does not follow is a problem, never a guess', () => {
  assert.deepEqual(codes('echo "a'), ['unclosed-quote']);
  assert.deepEqual(codes("echo 'a"), ['unclosed-quote']);
  assert.deepEqual(codes('echo `id'), ['unclosed-group']);
  assert.deepEqual(codes('(npm test'), ['unclosed-group']);
  assert.deepEqual(codes('{ npm test }'), ['unclosed-group'], '`}` is a word unless a command ends before it');
  assert.deepEqual(codes('npm test)'), ['syntax']);
  assert.deepEqual(codes('npm test &&'), ['syntax']);
  assert.deepEqual(codes('&& npm test'), ['syntax']);
  for (const line of ['if true; then ls; fi', 'npm() { rm -rf /; }; npm test', 'case x in a) ls;; esac', 'for f in *; do rm $f; done']) {
    assert.ok(codes(line).includes('unsupported'), line);
  }
  assert.deepEqual(codes('echo ${X:-$(id)}'), ['unsupported']);
  assert.deepEqual(codes('npm test !-1'), ['history-expansion']);
  assert.deepEqual(codes('echo "hi!" ! x'), [], 'a lone or closing ! is not a history expansion');
});

test('any text parses without throwing, and a broken line is never silent (deterministic random lines)', () => {
  const alphabet = ['a', ' ', ';', '&', '|', '(', ')', '{', '}', '<', '>', '$', '`', "'", '"', '\\', '\n', '#', '!', '=', '*', '2', '-'];
  let seed = 19;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % alphabet.length;
  for (let i = 0; i < 3000; i++) {
    const line = Array.from({ length: 1 + (i % 24) }, () => alphabet[next()]).join('');
    const parsed = parseShellLine(line);
    const quotes = (line.match(/'/g) ?? []).length;
    // An odd number of single quotes, with no other quoting, comment or heredoc around, is an unclosed one: it must not pass as understood.
    if (quotes % 2 === 1 && !/["\\`$#]|<</.test(line)) assert.notDeepEqual(parsed.problems, [], JSON.stringify(line));
  }
});
