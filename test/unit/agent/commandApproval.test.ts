// Allowing a command never allows more than that command: each simple command of a line must be allowed on its own,
// writes and run-changing environments ask anyway, and whatever the parser does not follow asks.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { checkCommandLine, parseAllowEntry, proposeAllowEntry } from '../../../src/agent/core/commandApproval';

const ALLOW = ['npm test', 'npm run *', 'git status *', 'cd *', 'cat', 'echo *', 'ls *'];
const allowed = (line: string, list: readonly string[] = ALLOW): boolean => checkCommandLine(line, list).allowed;
const asks = (line: string, list: readonly string[] = ALLOW): string[] => {
  const verdict = checkCommandLine(line, list);
  assert.equal(verdict.allowed, false, `${line} must ask`);
  return [...verdict.reasons, ...verdict.commands.flatMap((c) => c.reasons)];
};

test('allowed commands are allowed, with the entry that allows them', () => {
  const verdict = checkCommandLine('npm test', ALLOW);
  assert.deepEqual(verdict, { allowed: true, commands: [{ text: 'npm test', allowedBy: 'npm test', reasons: [] }], reasons: [] });
  assert.equal(checkCommandLine('git status --short', ALLOW).commands[0]?.allowedBy, 'git status *');
  assert.ok(allowed('git status'), '`*` also matches no further word');
  assert.ok(allowed('npm run build -- --watch'));
  assert.ok(allowed('npm  test'), 'extra spaces');
  assert.ok(allowed("'npm' \"test\""), 'quoted words');
  assert.ok(allowed('npm test\\\n'), 'a trailing line continuation');
  assert.ok(allowed('npm te\\\nst'), 'a continuation inside a word');
  assert.ok(allowed('npm test # && curl x | sh'), 'a comment');
  assert.ok(allowed('npm test 2>&1 | cat'), 'a descriptor duplication writes no file');
  assert.ok(allowed('npm test > /dev/null 2>&1'));
  assert.ok(allowed('echo "a && b"'));
  assert.ok(allowed("echo 'a; b'"));
  assert.ok(allowed('(cd x && npm test)'));
  assert.ok(allowed('{ npm test; }'));
  assert.ok(allowed('cat <<EOF\nanything; rm -rf /\nEOF'), 'a heredoc body is input, not commands');
});

test('every sub-command must be allowed (npm test && curl … | sh is not npm test)', () => {
  const verdict = checkCommandLine('npm test && curl x | sh', ALLOW);
  assert.equal(verdict.allowed, false);
  assert.deepEqual(verdict.commands.map((c) => [c.text, c.allowedBy, c.reasons.length]), [
    ['npm test', 'npm test', 0], ['curl x', undefined, 1], ['sh', undefined, 1]]);
  assert.match(verdict.commands[1]?.reasons[0] ?? '', /"curl x" is not in this workspace's allow-list/);
  asks('npm test; rm -rf /');
  asks('npm test\nrm -rf /');
  asks('npm test || rm -rf /');
  asks('(cd x && rm -rf /)');
  asks('{ npm test; rm x; }');
});

test('substitutions run their commands, also inside double quotes and in arguments an entry allows', () => {
  assert.match(asks('npm test $(curl x)').join('\n'), /"curl x" is not/);
  assert.match(asks('npm test `id`').join('\n'), /"id" is not/);
  assert.match(asks('echo "$(curl x | sh)"').join('\n'), /"sh" is not/);
  assert.match(asks('$(echo npm) test', [...ALLOW, 'echo *']).join('\n'), /command name is only known when the line runs/);
  assert.ok(allowed('echo $(ls src)'), 'a substitution of allowed commands is allowed');
  asks('cat <(curl x)');
});

test('writing a file asks even for an allowed command; /dev/null does not', () => {
  assert.deepEqual(asks('npm test > /etc/passwd'), ['It writes to /etc/passwd.']);
  assert.deepEqual(asks('npm test >> log.txt'), ['It writes to log.txt.']);
  assert.deepEqual(asks('npm test &> out'), ['It writes to out.']);
  assert.deepEqual(asks('npm test >& out'), ['It writes to out.']);
  assert.deepEqual(asks('npm test > "$F"'), ['It writes to a file named only when the line runs.']);
  assert.deepEqual(asks('{ npm test; } > out'), ['It writes to out.']);
  const tee = checkCommandLine('npm test | tee out.txt', [...ALLOW, 'tee *']);
  assert.equal(tee.allowed, false);
  assert.deepEqual(tee.commands[1], { text: 'tee out.txt', allowedBy: 'tee *', reasons: ['It writes to out.txt.'] });
  assert.ok(allowed('npm test | tee', [...ALLOW, 'tee *']), 'tee without a file only passes output on');
});

test('environment: FOO=1 is the command with an environment; a variable that changes what runs asks', () => {
  const foo = checkCommandLine('FOO=1 npm test', ALLOW);
  assert.equal(foo.allowed, true);
  assert.deepEqual(foo.commands[0]?.setsEnvironment, ['FOO']);
  assert.deepEqual(asks('PATH=/tmp npm test'), ['It sets PATH, which changes what runs.']);
  assert.deepEqual(asks('LD_PRELOAD=/tmp/x.so npm test'), ['It sets LD_PRELOAD, which changes what runs.']);
  assert.deepEqual(asks('NODE_OPTIONS="--require /tmp/x.js" npm test'), ['It sets NODE_OPTIONS, which changes what runs.']);
  asks('npm_config_script_shell=/tmp/x npm test');
  asks('PATH=/tmp; npm test');
  assert.ok(allowed('PATH=/opt/bin make', ['PATH=/opt/bin make']), 'an entry that names the assignment allows it');
  asks('PATH=/tmp make', ['PATH=/opt/bin make']);
  asks('make', ['PATH=/opt/bin make']);
});

test('commands that run other commands always ask, whatever the list says', () => {
  for (const line of ['eval "npm test"', 'source ./env.sh', '. ./env.sh', 'exec npm test', 'sudo npm test', 'xargs rm', 'env npm test', 'alias npm=rm']) {
    assert.match(asks(line, [...ALLOW, 'eval *', 'source *', '. *', 'exec *', 'sudo *', 'xargs *', 'env *', 'alias *']).join('\n'), /always asks/, line);
  }
});

test('background, unknown constructs, broken quoting and empty lines ask', () => {
  assert.deepEqual(asks('npm test &'), ['It keeps running in the background.']);
  assert.deepEqual(asks('echo "a'), ['The command line has a quote that is not closed.']);
  assert.deepEqual(asks('(npm test'), ['The command line has a ")" missing.']);
  assert.match(asks('if true; then npm test; fi').join('\n'), /uses if, which is not checked automatically/);
  assert.match(asks('cat <<EOF\n$(curl x)\nEOF').join('\n'), /here-document/);
  assert.match(asks('cat <<EOF\nno end').join('\n'), /not ended by its line "EOF"/);
  assert.match(asks('npm test !!').join('\n'), /history expansion/);
  assert.deepEqual(asks(''), ['The command line is empty.']);
  assert.deepEqual(asks('   # just a comment'), ['The command line is empty.']);
  asks('npm test', []);
});

test('an entry matches whole words: npm * does not allow npmx, a prefix entry not a longer word', () => {
  assert.equal(allowed('npmx test', ['npm *']), false);
  assert.equal(allowed('npm test', ['npm *']), true);
  assert.equal(allowed('npm testx', ['npm test *']), false);
  assert.equal(allowed('npm test -- --grep x', ['npm test']), false, 'an exact entry allows no further argument');
  assert.equal(allowed('npm test -- --grep x', ['npm test *']), true);
  assert.equal(allowed('npm $T', ['npm test']), false, 'a variable is not the word it might hold');
  assert.equal(allowed('npm test $HOME', ['npm test *']), true, 'after the prefix, arguments are free');
  assert.equal(allowed('git commit -m "a b"', ['git commit -m "a b"']), true);
  assert.equal(allowed('git commit -m a b', ['git commit -m "a b"']), false);
});

test('entries that cannot allow safely are ignored', () => {
  for (const entry of ['*', '', 'npm test && rm x', 'npm test > out', 'eval *', 'sudo npm test', '$(x) *', 'npm "test', 'npm $X']) {
    assert.equal(parseAllowEntry(entry), undefined, entry);
  }
  assert.deepEqual(parseAllowEntry(' git status * '), { source: 'git status *', assignments: new Map(), words: ['git', 'status'], prefix: true });
});

test('the proposed "always allow" entry', () => {
  assert.equal(proposeAllowEntry('npm test'), 'npm test');
  assert.equal(proposeAllowEntry('npm test -- --grep x'), 'npm test *');
  assert.equal(proposeAllowEntry('npm run build -- --watch'), 'npm run build *');
  assert.equal(proposeAllowEntry('npm run build'), 'npm run build');
  assert.equal(proposeAllowEntry('git status --short'), 'git status *');
  assert.equal(proposeAllowEntry("'npm'   test"), 'npm test');
  assert.equal(proposeAllowEntry('FOO=1 npm test'), 'npm test');
  assert.equal(proposeAllowEntry('npm test 2>&1'), 'npm test');
  assert.equal(proposeAllowEntry('node test.js'), 'node test.js', 'no subcommand: exactly, never `node *`');
  assert.equal(proposeAllowEntry('node -e "x"'), 'node -e x');
  assert.equal(proposeAllowEntry('ls -la "my dir"'), "ls -la 'my dir'");
  for (const none of ['npm test && ls', 'npm test > out', 'sudo npm test', 'PATH=/tmp npm test', 'npm test &', 'npm $X', '', 'echo "a']) {
    assert.equal(proposeAllowEntry(none), undefined, none);
  }
  // What is proposed allows the command it was proposed for.
  for (const cmd of ['npm test -- --grep x', 'npm run build -- --watch', 'ls -la "my dir"', "echo 'it''s'"]) {
    assert.equal(allowed(cmd, [proposeAllowEntry(cmd)!]), true, cmd);
  }
});
