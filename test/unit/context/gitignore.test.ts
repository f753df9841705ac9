// The root .gitignore matcher that keeps ignored files out of the attach picker and refuses them by name.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isIgnored, parseGitignore } from '../../../src/context/gitignore';

test('names, folders, anchors, globs, ** and negation, as git reads them', () => {
  const rules = parseGitignore(['# build output', 'node_modules/', '/dist', '*.log', '.env*', 'docs/**/draft.md', '!keep.log', '', 'secret?.txt'].join('\n'));
  const ignored = (p: string): boolean => isIgnored(rules, p);
  assert.equal(ignored('node_modules/x/index.js'), true);
  assert.equal(ignored('packages/a/node_modules/y.js'), true, 'a folder name matches at any depth');
  assert.equal(ignored('node_modules'), false, 'a trailing slash means folders only (the file itself is a folder here)');
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
  assert.equal(isIgnored(parseGitignore(''), 'a.ts'), false);
  assert.equal(isIgnored(parseGitignore('a.ts'), 'abts'), false);
});
