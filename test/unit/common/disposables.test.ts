import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DisposableStore } from '../../../src/common/disposables';

test('disposes in reverse order, once, and keeps going past a failing dispose()', () => {
  const order: string[] = [];
  const store = new DisposableStore();
  store.add({ dispose: () => order.push('a') });
  store.add({
    dispose: () => {
      order.push('b');
      throw new Error('b failed');
    },
  });
  store.add({ dispose: () => order.push('c') });
  const original = console.error;
  console.error = () => undefined;
  try {
    store.dispose();
    store.dispose();
  } finally {
    console.error = original;
  }
  assert.deepEqual(order, ['c', 'b', 'a']);
  assert.equal(store.isDisposed, true);
});

test('clear() disposes what is held and the store stays usable; add() after dispose() disposes at once', () => {
  const order: string[] = [];
  const store = new DisposableStore();
  store.add({ dispose: () => order.push('view 1') });
  store.clear();
  store.add({ dispose: () => order.push('view 2') });
  assert.deepEqual(order, ['view 1']);
  store.dispose();
  store.add({ dispose: () => order.push('late') });
  assert.deepEqual(order, ['view 1', 'view 2', 'late']);
});
