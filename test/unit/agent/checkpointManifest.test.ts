// Undo restores originals and removes created files; a file the user changed after the turn is a conflict, undone
// only on "Overwrite"; manifests are read strictly.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isCheckpointId, newCheckpointId, parseManifest, planUndo, resolveConflicts, undoFiles, type UndoFile } from '../../../src/agent/core/checkpointManifest';

const files: UndoFile[] = [
  { path: '/w/edited.ts', created: false, afterHash: 'A1', original: '0.orig' },
  { path: '/w/new.ts', created: true, afterHash: 'N1' },
  { path: '/w/userChanged.ts', created: false, afterHash: 'U1', original: '2.orig' },
  { path: '/w/newGone.ts', created: true, afterHash: 'G1' },
  { path: '/w/newChanged.ts', created: true, afterHash: 'C1' },
];
const now: Record<string, string | undefined> = { '/w/edited.ts': 'A1', '/w/new.ts': 'N1', '/w/userChanged.ts': 'U2', '/w/newGone.ts': undefined, '/w/newChanged.ts': 'C2' };

test('planUndo: unchanged files are restored or removed, changed ones are conflicts, a created file already gone needs nothing', () => {
  const plan = planUndo(files, (p) => now[p]);
  assert.deepEqual(plan.restore.map((f) => f.path), ['/w/edited.ts']);
  assert.deepEqual(plan.remove.map((f) => f.path), ['/w/new.ts']);
  assert.deepEqual(plan.conflicts.map((f) => f.path), ['/w/userChanged.ts', '/w/newChanged.ts']);
});

test('resolveConflicts: Overwrite undoes them too, Skip leaves them, Cancel does nothing', () => {
  const plan = planUndo(files, (p) => now[p]);
  const overwrite = resolveConflicts(plan, 'overwrite')!;
  assert.deepEqual(overwrite.restore.map((f) => f.path), ['/w/edited.ts', '/w/userChanged.ts']);
  assert.deepEqual(overwrite.remove.map((f) => f.path), ['/w/new.ts', '/w/newChanged.ts']);
  const skip = resolveConflicts(plan, 'skip')!;
  assert.deepEqual(skip.restore.map((f) => f.path), ['/w/edited.ts']);
  assert.deepEqual(skip.skipped.map((f) => f.path), ['/w/userChanged.ts', '/w/newChanged.ts']);
  assert.equal(resolveConflicts(plan, 'cancel'), undefined);
});

test('a file without afterHash (the turn stopped before writing it) is restored as it is', () => {
  const plan = planUndo([{ path: '/w/x', created: false, original: '0.orig' }], () => 'anything');
  assert.deepEqual(plan.restore.map((f) => f.path), ['/w/x']);
});

test('manifests: parsed strictly, joined to the record by path; ids are our own folder names only', () => {
  const manifest = parseManifest(JSON.stringify({ version: 1, id: 'abc-123456', createdAt: 1, files: [{ path: '/w/a', created: false, original: '0.orig' }, { path: '/w/b', created: true }] }))!;
  assert.ok(manifest);
  assert.equal(parseManifest('{"version":2}'), undefined);
  assert.equal(parseManifest('not json'), undefined);
  assert.deepEqual(undoFiles([{ path: '/w/a', created: false, afterHash: 'h' }, { path: '/w/b', created: true }], manifest),
    [{ path: '/w/a', created: false, afterHash: 'h', original: '0.orig' }, { path: '/w/b', created: true }]);
  const id = newCheckpointId(1_700_000_000_000, () => 0.5);
  assert.ok(isCheckpointId(id), id);
  for (const bad of ['../x', 'a/b', '', '..', 'abc-123456/../../etc']) assert.equal(isCheckpointId(bad), false, bad);
});
