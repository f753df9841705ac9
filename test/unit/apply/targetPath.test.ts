import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { candidatePaths, chooseTarget, pathFromInfo, pathFromLeadingComment, pathOfBlock } from '../../../src/apply/core/targetPath';

test('fence info variants name a path', () => {
  assert.equal(pathFromInfo('ts src/math.ts'), 'src/math.ts');
  assert.equal(pathFromInfo('typescript title="src/math.ts"'), 'src/math.ts');
  assert.equal(pathFromInfo('ts {title="src/math.ts"}'), 'src/math.ts');
  assert.equal(pathFromInfo('python file=util.py'), 'util.py');
  assert.equal(pathFromInfo('ts:src/math.ts'), 'src/math.ts');
  assert.equal(pathFromInfo('src/math.ts'), 'src/math.ts');
  assert.equal(pathFromInfo('math.ts'), 'math.ts');
  assert.equal(pathFromInfo('py path=pkg/util.py linenums'), 'pkg/util.py');
});

test('fence info without a path names none', () => {
  for (const info of ['', 'ts', 'typescript', 'c++', 'objective-c', 'node.js', 'ts linenums', 'bash $ npm test', 'js https://example.com/a.js', '.']) {
    assert.equal(pathFromInfo(info), undefined, info);
  }
});

test('a leading path comment names the file and is dropped from the code', () => {
  assert.deepEqual(pathFromLeadingComment('// src/math.ts\nexport const x = 1;\n'), { path: 'src/math.ts', code: 'export const x = 1;\n' });
  assert.deepEqual(pathFromLeadingComment('# file: util.py\nx = 1\n'), { path: 'util.py', code: 'x = 1\n' });
  assert.deepEqual(pathFromLeadingComment('\n  # filename: pkg/util.py\nx = 1\n'), { path: 'pkg/util.py', code: 'x = 1\n' });
  assert.deepEqual(pathFromLeadingComment('/* src/a.css */\na{}\n'), { path: 'src/a.css', code: 'a{}\n' });
  assert.deepEqual(pathFromLeadingComment('<!-- docs/index.html -->\n<p>\n'), { path: 'docs/index.html', code: '<p>\n' });
  assert.deepEqual(pathFromLeadingComment('-- db/schema.sql\nselect 1;\n'), { path: 'db/schema.sql', code: 'select 1;\n' });
});

test('comments that are not paths are left alone', () => {
  for (const code of ['// add two numbers\nx', '#!/usr/bin/env python\nx', '# TODO: fix this.\nx', 'const a = 1; // a.ts\n', '// see https://x.org/a.js\n', '# \nx']) {
    assert.equal(pathFromLeadingComment(code), undefined, code);
  }
});

test('the fence wins over a comment; the code keeps its comment then', () => {
  assert.deepEqual(pathOfBlock('ts src/a.ts', '// src/b.ts\nx\n'), { path: 'src/a.ts', via: 'fence', code: '// src/b.ts\nx\n' });
  assert.deepEqual(pathOfBlock('ts', '// src\\b.ts\nx\n'), { path: 'src/b.ts', via: 'comment', code: 'x\n' });
  assert.equal(pathOfBlock('ts', 'x\n'), undefined);
});

const roots = [{ name: 'ws', path: '/home/u/ws' }];

test('relative, ./ and in-workspace absolute paths resolve inside the folder', () => {
  assert.deepEqual(candidatePaths('src/math.ts', roots), { ok: true, candidates: ['/home/u/ws/src/math.ts'] });
  assert.deepEqual(candidatePaths('./src/../src/math.ts', roots), { ok: true, candidates: ['/home/u/ws/src/math.ts'] });
  assert.deepEqual(candidatePaths('/home/u/ws/src/math.ts', roots), { ok: true, candidates: ['/home/u/ws/src/math.ts'] });
});

test('paths escaping the workspace are refused', () => {
  for (const path of ['../outside.ts', 'src/../../outside.ts', '/etc/passwd', '/home/u/wsx/a.ts', '~/.bashrc', 'C:/Windows/a.ts', '..', '.']) {
    assert.deepEqual(candidatePaths(path, roots), { ok: false, reason: 'outsideWorkspace' }, path);
  }
  assert.deepEqual(candidatePaths('a.ts', []), { ok: false, reason: 'noWorkspace' });
  for (const path of ['.git/hooks/pre-commit', 'sub/.GIT/config', '.git./hooks/pre-commit', '.git /config', 'GIT~1/hooks/pre-commit', 'sub\\git~1\\config']) {
    assert.deepEqual(candidatePaths(path, roots), { ok: false, reason: 'gitFolder' }, path);
  }
});

test('multi-root: a path is a candidate in each folder unless it starts with a folder name', () => {
  const two = [{ name: 'app', path: '/w/app' }, { name: 'lib', path: '/w/lib' }];
  assert.deepEqual(candidatePaths('src/a.ts', two), { ok: true, candidates: ['/w/app/src/a.ts', '/w/lib/src/a.ts'] });
  assert.deepEqual(candidatePaths('lib/src/a.ts', two), { ok: true, candidates: ['/w/lib/src/a.ts'] });
  assert.deepEqual(candidatePaths('lib/../../x.ts', two), { ok: false, reason: 'outsideWorkspace' });
});

test('choosing among candidates: one existing, ambiguous, found by name, new', () => {
  assert.deepEqual(chooseTarget(['/a/x.ts', '/b/x.ts'], ['/b/x.ts']), { kind: 'existing', path: '/b/x.ts' });
  assert.deepEqual(chooseTarget(['/a/x.ts', '/b/x.ts'], ['/a/x.ts', '/b/x.ts']), { kind: 'ambiguous', paths: ['/a/x.ts', '/b/x.ts'] });
  assert.deepEqual(chooseTarget(['/a/x.ts'], [], ['/a/src/x.ts']), { kind: 'existing', path: '/a/src/x.ts' });
  assert.deepEqual(chooseTarget(['/a/x.ts'], [], ['/a/src/x.ts', '/a/lib/x.ts']), { kind: 'ambiguous', paths: ['/a/src/x.ts', '/a/lib/x.ts'] });
  assert.deepEqual(chooseTarget(['/a/x.ts'], []), { kind: 'new', paths: ['/a/x.ts'] });
});

test('a bare name never lands silently where a file runs code: its only match there is for the user to pick', () => {
  const runs = (p: string) => p.includes('/.vscode/');
  assert.deepEqual(chooseTarget(['/a/settings.json'], [], ['/a/.vscode/settings.json'], runs), { kind: 'confirm', paths: ['/a/.vscode/settings.json'] });
  assert.deepEqual(chooseTarget(['/a/settings.json'], [], ['/a/src/settings.json'], runs), { kind: 'existing', path: '/a/src/settings.json' });
  assert.deepEqual(chooseTarget(['/a/settings.json'], [], ['/a/.vscode/settings.json', '/a/src/settings.json'], runs),
    { kind: 'ambiguous', paths: ['/a/.vscode/settings.json', '/a/src/settings.json'] });
  assert.deepEqual(chooseTarget(['/a/package.json'], ['/a/package.json'], [], runs), { kind: 'existing', path: '/a/package.json' }, 'named exactly: taken (Accept warns)');
});
