// Git's ignore semantics (the `ignore` package, with nested files placed under their folders): what keeps ignored
// files out of the attach picker and lets the read gate name the file and pattern that exclude one.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { type IgnoreFile, IgnoreRules, rootedPattern } from '../../../src/context/core/ignoreRules';

const rules = (...files: IgnoreFile[]): IgnoreRules => new IgnoreRules(files);
const root = (text: string): IgnoreFile => ({ dir: '', source: '.gitignore', text });

test('names, folders, anchors, globs, ** and negation, as git reads them', () => {
  const r = rules(root(['# build output', 'node_modules/', '/dist', '*.log', '.env*', 'docs/**/draft.md', '!keep.log', '', 'secret?.txt'].join('\n')));
  const ignored = (p: string): boolean => r.ignoredBy(p) !== undefined;
  assert.equal(ignored('node_modules/x/index.js'), true);
  assert.equal(ignored('packages/a/node_modules/y.js'), true, 'a folder name matches at any depth');
  assert.equal(ignored('node_modules'), false, 'a trailing slash means folders only (the file itself is not a folder here)');
  assert.equal(ignored('dist/out.js'), true);
  assert.equal(ignored('src/dist/out.js'), false, 'a leading slash anchors to the root');
  assert.equal(ignored('a/b/debug.log'), true);
  assert.equal(ignored('keep.log'), false, 'a later ! rule re-includes');
  assert.equal(ignored('.env.local'), true);
  assert.equal(ignored('docs/draft.md'), true);
  assert.equal(ignored('docs/a/b/draft.md'), true);
  assert.equal(ignored('secret1.txt'), true);
  assert.equal(ignored('secret12.txt'), false);
  assert.equal(ignored('src/sample.ts'), false);
  assert.equal(ignored('README.md'), false);
});

test('no rules: nothing is ignored; dots in names are literal', () => {
  assert.equal(rules().ignoredBy('a.ts'), undefined);
  assert.equal(rules(root('a.ts')).ignoredBy('abts'), undefined);
});

test('character classes, as in *.py[cod]; the result names the file and the pattern', () => {
  const r = rules(root('*.py[cod]\n'));
  assert.deepEqual(r.ignoredBy('pkg/mod.pyc'), { source: '.gitignore', pattern: '*.py[cod]' });
  assert.ok(r.ignoredBy('mod.pyo'));
  assert.equal(r.ignoredBy('mod.py'), undefined);
  assert.equal(r.ignoredBy('mod.pyx'), undefined);
});

test('nested .gitignore files: each applies to its own folder and below; the deeper file wins', () => {
  const r = rules(
    root('*.tmp\n'),
    { dir: 'server', source: 'server/.gitignore', text: 'config.local.json\n/build\n!keep.tmp\n' },
    { dir: 'server/deep', source: 'server/deep/.gitignore', text: 'notes/\n' },
  );
  assert.deepEqual(r.ignoredBy('server/config.local.json'), { source: 'server/.gitignore', pattern: 'config.local.json' });
  assert.ok(r.ignoredBy('server/sub/config.local.json'), 'an unanchored pattern matches below its folder');
  assert.equal(r.ignoredBy('config.local.json'), undefined, 'not above its folder');
  assert.equal(r.ignoredBy('client/config.local.json'), undefined, 'nor beside it');
  assert.ok(r.ignoredBy('server/build/out.js'), 'a leading slash anchors to the file\'s own folder');
  assert.equal(r.ignoredBy('server/sub/build/out.js'), undefined);
  assert.equal(r.ignoredBy('server/keep.tmp'), undefined, "the deeper file's ! re-includes what the root ignores");
  assert.ok(r.ignoredBy('other/keep.tmp'));
  assert.deepEqual(r.ignoredBy('server/deep/notes/a.md'), { source: 'server/deep/.gitignore', pattern: 'notes/' });
});

test('nothing under an ignored folder can be re-included (as git)', () => {
  const r = rules(root('logs/\n!logs/keep.txt\n'));
  assert.ok(r.ignoredBy('logs/keep.txt'));
});

test('rootedPattern: patterns placed under their folder', () => {
  assert.equal(rootedPattern('a/b', 'x.txt'), 'a/b/**/x.txt');
  assert.equal(rootedPattern('a', '/x'), 'a/x');
  assert.equal(rootedPattern('a', 'x/y'), 'a/x/y');
  assert.equal(rootedPattern('a', 'dir/'), 'a/**/dir/');
  assert.equal(rootedPattern('a', '!keep'), '!a/**/keep');
  assert.equal(rootedPattern('a', '**/z'), 'a/**/z');
  assert.equal(rootedPattern('', 'x'), 'x');
  assert.equal(rootedPattern('a', '# comment'), undefined);
  assert.equal(rootedPattern('a', '   '), undefined);
});
