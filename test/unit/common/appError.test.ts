import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/api';
import { AppError, asAppError, errorKind, errorMessage, isTransient } from '../../../src/common/appError';

test('an AppError is recognised by its brand, also from another copy of the class', () => {
  const own = new AppError('auth', 'no_key', 'No key');
  assert.equal(asAppError(own), own);
  assert.equal(errorKind(new ApiError('rate', 'http_status', 'slow down', { status: 429 })), 'rate');
  // What a second bundle's copy of the class looks like from here: same brand, different class.
  const foreign = Object.assign(new Error('x'), { kind: 'model', reason: 'no_model', [Symbol.for('inferenceChat.AppError')]: true });
  assert.equal(errorKind(foreign), 'model');
  assert.equal(errorKind(Object.assign(new Error('look-alike'), { kind: 'auth' })), 'other');
  assert.equal(errorKind('a string'), 'other');
});

test('errorMessage never gives "[object Object]"', () => {
  assert.equal(errorMessage(new Error('boom')), 'boom');
  assert.equal(errorMessage('plain'), 'plain');
  assert.equal(errorMessage({ code: 1 }), '{"code":1}');
  assert.equal(errorMessage(undefined), 'undefined');
});

test('transient kinds are the ones worth retrying as they are', () => {
  assert.deepEqual(
    (['network', 'timeout', 'interrupted', 'rate', 'server', 'auth', 'funds', 'model', 'context', 'config', 'cancelled', 'other'] as const).filter(isTransient),
    ['network', 'timeout', 'interrupted', 'rate', 'server'],
  );
});
