// The read policy: per purpose, what is allowed, what needs the user's yes and what is refused (with which reason).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mayRead, READ_PURPOSES, type ReadFacts, type ReadPurpose } from '../../../src/context/core/readPolicy';
import { modalConfirm } from '../../../src/context/core/confirmDialog';
import { confirmQuestion, refusalMessage } from '../../../src/context/core/readReasons';

const inside: ReadFacts = { namedInside: true, realInside: true };
const verdicts = (facts: ReadFacts): Record<ReadPurpose, string> =>
  Object.fromEntries(READ_PURPOSES.map((p) => [p, mayRead(p, facts).verdict])) as Record<ReadPurpose, string>;

test('an ordinary workspace file: every purpose may read it', () => {
  assert.deepEqual(new Set(Object.values(verdicts(inside))), new Set(['allowed']));
});

test('a secret-shaped file: the user\'s explicit actions ask; implicit reads refuse; never silently allowed', () => {
  assert.deepEqual(verdicts({ ...inside, secret: '.env' }), {
    attach: 'confirm', drop: 'confirm', suggestion: 'refused', instructions: 'refused', completion: 'refused', agent: 'confirm',
  });
  const decision = mayRead('attach', { ...inside, secret: '.env' });
  assert.deepEqual(decision, { verdict: 'confirm', reason: { kind: 'secret', pattern: '.env' }, also: [] });
});

test('a .gitignore\'d or files.exclude\'d file: asked for explicit actions, refused for the suggestion and completions; instructions by their conventional name are read', () => {
  const ignored = { ...inside, ignored: { source: 'src/.gitignore', pattern: '*.local' } };
  assert.deepEqual(verdicts(ignored), {
    attach: 'confirm', drop: 'confirm', suggestion: 'refused', instructions: 'allowed', completion: 'refused', agent: 'confirm',
  });
  assert.equal(mayRead('suggestion', { ...inside, filesExclude: true }).verdict, 'refused');
  const both = mayRead('drop', { ...ignored, secret: '.env.*', filesExclude: true });
  assert.equal(both.verdict, 'confirm');
  assert.deepEqual(both.verdict === 'confirm' && [both.reason.kind, ...both.also.map((r) => r.kind)], ['secret', 'ignored', 'files-exclude']);
});

test('.inferencechatignore: never sent, whatever the purpose (only the user\'s own settings override it)', () => {
  const never = { ...inside, neverSent: { source: '.inferencechatignore', pattern: 'private/' } };
  assert.deepEqual(new Set(Object.values(verdicts(never))), new Set(['refused']));
  assert.deepEqual(mayRead('attach', never), { verdict: 'refused', reason: { kind: 'never-sent', source: '.inferencechatignore', pattern: 'private/' } });
});

test('outside the workspace: the user\'s own attach may; the page, the suggestion, instructions found in it, completions and the agent may not', () => {
  const outside: ReadFacts = { namedInside: false, realInside: false };
  assert.deepEqual(verdicts(outside), {
    attach: 'allowed', drop: 'refused', suggestion: 'refused', instructions: 'refused', completion: 'refused', agent: 'refused',
  });
  assert.deepEqual(mayRead('drop', outside), { verdict: 'refused', reason: { kind: 'outside-workspace' } });
  assert.equal(mayRead('instructions', { ...outside, userChosen: true }).verdict, 'allowed', "a path in the user's own settings is their choice");
  assert.equal(mayRead('attach', { ...outside, secret: 'credentials' }).verdict, 'confirm', 'a secret outside still asks');
});

test('a link inside the workspace that leads out of it: asked for explicit actions, refused for instructions and the rest', () => {
  const link: ReadFacts = { namedInside: true, realInside: false, realPath: '/home/u/.bash_history' };
  assert.deepEqual(verdicts(link), {
    attach: 'confirm', drop: 'confirm', suggestion: 'refused', instructions: 'refused', completion: 'refused', agent: 'refused',
  });
  assert.deepEqual(mayRead('instructions', link), { verdict: 'refused', reason: { kind: 'link-outside', target: '/home/u/.bash_history' } });
});

test('not a regular file (a device, a FIFO, /proc): refused before anything else, for everyone, with that reason', () => {
  for (const purpose of READ_PURPOSES) {
    assert.deepEqual(mayRead(purpose, { ...inside, realInside: false, notRegular: 'device', secret: '.env', userChosen: true }), {
      verdict: 'refused', reason: { kind: 'not-regular', what: 'device' },
    });
  }
});

test('each refusal names its true cause; the dialog lists every cause', () => {
  assert.equal(refusalMessage('zero.txt', { kind: 'not-regular', what: 'device' }), 'zero.txt is a device, not a regular file, so it is not read.');
  assert.equal(refusalMessage('AGENTS.md', { kind: 'not-regular', what: 'pseudo' }), 'AGENTS.md is a file of the operating system (/proc, /sys or /dev), not a regular file, so it is not read.');
  assert.equal(refusalMessage('AGENTS.md', { kind: 'link-outside', target: '/home/u/.aws/credentials' }), 'AGENTS.md is a link to /home/u/.aws/credentials, outside the workspace folders, so it is not read.');
  assert.match(refusalMessage('/etc/passwd', { kind: 'outside-workspace' }), /^\/etc\/passwd is outside the workspace folders/);
  assert.equal(refusalMessage('x.pyc', { kind: 'ignored', source: 'src/.gitignore', pattern: '*.py[cod]' }), 'x.pyc is excluded by src/.gitignore (the pattern "*.py[cod]"), so it is not read.');
  assert.equal(refusalMessage('a.txt', { kind: 'files-exclude' }), 'a.txt is excluded by the files.exclude setting, so it is not read.');
  assert.equal(
    refusalMessage('.env', { kind: 'declined', cause: { kind: 'secret', pattern: '.env' } }),
    '.env was not attached: you chose not to send it (its name matches ".env", a pattern of files that hold keys or passwords).',
  );
  const q = confirmQuestion('.env', { kind: 'secret', pattern: '.env' }, [{ kind: 'ignored', source: '.gitignore', pattern: '.env' }]);
  assert.equal(q.message, '.env looks like a file with secrets. Send it to the model anyway?');
  assert.match(q.detail, /• its name matches "\.env"/);
  assert.match(q.detail, /• \.gitignore excludes it \(the pattern "\.env"\)/);
});

test('the default confirmation is a modal dialog; only a click on the action is a yes', async () => {
  const shown: unknown[][] = [];
  const answers: Array<string | undefined> = ['Attach anyway', undefined, "Don't Attach"];
  const confirm = modalConfirm(async (...args) => {
    shown.push(args);
    return answers.shift();
  });
  const question = { message: '.env looks like a file with secrets. Send it to the model anyway?', detail: '• why', action: 'Attach anyway', decline: "Don't Attach" };
  assert.equal(await confirm(question), true);
  assert.equal(await confirm(question), false, 'Escape or closing the dialog is a no');
  assert.equal(await confirm(question), false, 'any other answer is a no');
  assert.deepEqual(shown[0], [question.message, { modal: true, detail: '• why' }, "Don't Attach", 'Attach anyway'], 'the safe answer is the first, default button');
});

test('a link out of the workspace to a secret-shaped file is refused for instructions by the link, naming its target', () => {
  const decision = mayRead('instructions', { namedInside: true, realInside: false, realPath: '/home/u/.aws/credentials', secret: 'credentials' });
  assert.deepEqual(decision, { verdict: 'refused', reason: { kind: 'link-outside', target: '/home/u/.aws/credentials' } });
});
