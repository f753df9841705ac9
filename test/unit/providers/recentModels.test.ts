import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { RecentModels, type StateStore } from '../../../src/providers/core/recentModels';

function memento(): StateStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: <T>(k: string) => data.get(k) as T | undefined, update: async (k, v) => void data.set(k, v) };
}

test('newest first, no duplicates, at most five, per provider', async () => {
  const recents = new RecentModels(memento());
  for (const id of ['a', 'b', 'c', 'a', 'd', 'e', 'f']) await recents.add('p1', id);
  await recents.add('p2', 'x');
  assert.deepEqual(recents.list('p1'), ['f', 'e', 'd', 'a', 'c']);
  assert.deepEqual(recents.list('p2'), ['x']);
  assert.deepEqual(recents.list('none'), []);
});

test('a damaged stored value reads as empty instead of throwing', () => {
  const state = memento();
  state.data.set('inferenceChat.recentModels', { p1: 'not a list', p2: [1, 'ok'] });
  const recents = new RecentModels(state);
  assert.deepEqual(recents.list('p1'), []);
  assert.deepEqual(recents.list('p2'), ['ok']);
});
