// A path the model names stays in the workspace and out of .git, however it is written.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathRefusalMessage, resolveToolPath } from '../../../src/agent/core/workspacePaths';

const ctx = { folders: ['/work/project', '/work/other'], path: path.posix };

test('relative paths start at the first folder; absolute ones inside any folder are taken', () => {
  assert.deepEqual(resolveToolPath('src/a.ts', ctx), { ok: true, fsPath: '/work/project/src/a.ts', folder: '/work/project', relative: 'src/a.ts' });
  assert.deepEqual(resolveToolPath('./src/../b.ts', ctx), { ok: true, fsPath: '/work/project/b.ts', folder: '/work/project', relative: 'b.ts' });
  assert.deepEqual(resolveToolPath('/work/other/x.md', ctx), { ok: true, fsPath: '/work/other/x.md', folder: '/work/other', relative: 'x.md' });
  assert.deepEqual(resolveToolPath('file:///work/project/c.ts', ctx), { ok: true, fsPath: '/work/project/c.ts', folder: '/work/project', relative: 'c.ts' });
  assert.deepEqual(resolveToolPath(undefined, ctx, { allowRoot: true }), { ok: true, fsPath: '/work/project', folder: '/work/project', relative: '' });
});

test('outside the workspace, through .., or a sibling folder with the same prefix: refused', () => {
  for (const p of ['/etc/passwd', '../secret.txt', 'src/../../x', '/work/project-evil/a.ts', '/work']) {
    const r = resolveToolPath(p, ctx);
    assert.equal(r.ok, false, p);
    assert.equal(!r.ok && r.refusal, 'outside', p);
  }
});

test('anything under .git is refused, however it is spelled', () => {
  for (const p of ['.git/config', 'sub/.git/hooks/pre-commit', '.GIT/config', '/work/project/.git', 'GIT~1/config']) {
    const r = resolveToolPath(p, ctx);
    assert.equal(!r.ok && r.refusal, 'git', p);
  }
  assert.equal(resolveToolPath('.github/workflows/ci.yml', ctx).ok, true, '.github is not .git');
  assert.equal(resolveToolPath('.gitignore', ctx).ok, true);
});

test('no workspace, an empty path; and the messages the model receives', () => {
  assert.equal((resolveToolPath('a', { folders: [] }) as { refusal: string }).refusal, 'no-workspace');
  assert.equal((resolveToolPath('  ', ctx) as { refusal: string }).refusal, 'empty');
  assert.equal(pathRefusalMessage('outside', '/etc/passwd'),
    'Refused: /etc/passwd is outside the workspace folder. Only files inside the workspace can be used; name them relative to it.');
  assert.equal(pathRefusalMessage('git', '.git/config'),
    'Refused: .git/config is inside the .git folder, which the agent may not read or change. Use run_command with git instead.');
});

test('Windows paths, without case', () => {
  const win = { folders: ['C:\\work\\project'], path: path.win32, ignoreCase: true };
  assert.deepEqual(resolveToolPath('src\\a.ts', win), { ok: true, fsPath: 'C:\\work\\project\\src\\a.ts', folder: 'C:\\work\\project', relative: 'src/a.ts' });
  assert.equal(resolveToolPath('c:\\WORK\\Project\\b.ts', win).ok, true);
  assert.equal((resolveToolPath('D:\\x.ts', win) as { refusal: string }).refusal, 'outside');
  assert.equal((resolveToolPath('.Git\\config', win) as { refusal: string }).refusal, 'git');
});
