// `.git` and other names however a file system spells them: Windows' trailing dots and spaces, case, 8.3 short
// names and NTFS streams, macOS' ignorable Unicode (issue 16: match `.git` by its equivalents, not by name).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isInGitFolder, mayBeShortName, normalizeSegment, sameName } from '../../../src/common/pathNames';

test('the Windows and macOS spellings of .git are .git', () => {
  for (const path of [
    '.git/hooks/pre-commit', '.GIT/config', '.Git/hooks/x', '.git./hooks/pre-commit', '.git /hooks/pre-commit', '.git. . ./config',
    'GIT~1/hooks/pre-commit', 'git~2/config', 'sub/.git/config', 'sub\\GIT~1\\hooks\\post-checkout',
    '.git::$INDEX_ALLOCATION/hooks/pre-commit', '.git:stream/config', '.g\u200cit/hooks/pre-commit', '\uFEFF.git/config',
    './.git/config',
  ]) {
    assert.equal(isInGitFolder(path), true, JSON.stringify(path));
  }
});

test('names that only look like .git are not .git', () => {
  for (const path of ['.github/workflows/ci.yml', '.gitignore', 'src/git.ts', 'git/readme.md', '.gitattributes', 'GIT~X/a', 'my.git.d/a', 'src/.git-hooks/x']) {
    assert.equal(isInGitFolder(path), false, path);
  }
});

test('a segment compares without case, trailing dots/spaces or a stream', () => {
  assert.equal(normalizeSegment('.VSCode. '), '.vscode');
  assert.equal(normalizeSegment('Tasks.JSON::$DATA'), 'tasks.json');
  assert.equal(sameName('.VSCODE', '.vscode'), true);
  assert.equal(sameName('vscode', '.vscode'), false);
});

test('8.3 short names match the long names Windows makes them from', () => {
  assert.equal(mayBeShortName('VSCODE~1', '.vscode'), true);
  assert.equal(mayBeShortName('GITHUB~1', '.github'), true);
  assert.equal(mayBeShortName('DEVCON~1', '.devcontainer'), true);
  assert.equal(mayBeShortName('PACKAG~1.JSO', 'package.json'), true);
  assert.equal(mayBeShortName('ESLINT~1.JS', '.eslintrc.js'), true);
  assert.equal(mayBeShortName('PACKAG~1.TXT', 'package.json'), false, 'another extension');
  assert.equal(mayBeShortName('SRC~1', '.vscode'), false);
  assert.equal(mayBeShortName('VSCODE', '.vscode'), false, 'no ~n: not a short name');
});
