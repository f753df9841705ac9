import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ApiError, classifyServerError } from '../../../src/api';
import { cleanMessage, toErrorView } from '../../../src/chat/errorView';
import { AppError } from '../../../src/common/appError';

/** An error answer as the client builds it: classified from its status, code and text. */
function http(message: string, init: { status: number; code?: string }): ApiError {
  return new ApiError(classifyServerError(init.status, init.code, undefined, message), 'http_status', message, init);
}

test('HTTP failures map to the action that fixes them', () => {
  const cases: Array<[ApiError, string, string[]]> = [
    [http('Invalid API key provided.', { status: 401, code: 'invalid_api_key' }), 'auth', ['setApiKey', 'retry']],
    [http('Forbidden', { status: 403 }), 'auth', ['setApiKey', 'retry']],
    [http('Invalid model specified', { status: 400, code: 'invalid_model' }), 'model', ['pickModel', 'retry']],
    [http('The model `x` does not exist', { status: 404, code: 'model_not_found' }), 'model', ['pickModel', 'retry']],
    [http('Context length exceeded', { status: 400, code: 'context_length_exceeded' }), 'context', ['dropOldest', 'newChat']],
    [http('Insufficient funds', { status: 402, code: 'insufficient_funds' }), 'funds', ['switchProvider']],
    [http('Too many requests', { status: 429 }), 'rate', ['retry']],
    [http('500 Internal Server Error from api.test', { status: 500 }), 'server', ['retry']],
    [http('503', { status: 503 }), 'server', ['retry']],
    [new ApiError('network', 'unreachable', 'ECONNREFUSED'), 'network', ['retry', 'openSettings']],
    [new ApiError('timeout', 'connect_timeout', 'no first byte in 60 s'), 'timeout', ['retry']],
    [new ApiError('interrupted', 'connection_closed', 'socket closed'), 'interrupted', ['retry']],
    [new ApiError(classifyServerError(undefined, undefined, undefined, 'boom'), 'stream_error', 'The server reported an error mid-stream: boom'), 'server', ['retry']],
    [http('Teapot', { status: 418 }), 'other', ['retry']],
  ];
  for (const [err, kind, actions] of cases) {
    const view = toErrorView(err);
    assert.equal(view.kind, kind, err.message);
    assert.deepEqual(view.actions, actions, err.message);
    assert.ok(view.message.length > 10, 'a readable sentence');
  }
});

test('402 says to add credits and offers no retry', () => {
  const view = toErrorView(http('Payment required', { status: 402 }));
  assert.match(view.message, /insufficient funds\/credits — add credits to your account/i);
  assert.ok(!view.actions.includes('retry'));
});

test('a host error keeps its actions and adds retry; config errors open settings', () => {
  const view = toErrorView(new AppError('auth', 'no_key', 'No API key for Prime Intellect. Set one.', { actions: ['setApiKey'] }));
  assert.deepEqual(view, { kind: 'auth', reason: 'no_key', message: 'No API key for Prime Intellect. Set one.', actions: ['setApiKey', 'retry'] });
  const config = toErrorView(new AppError('config', 'bad_setting', 'inferenceChat.temperature must be 0–2.', { actions: ['openSettings'] }));
  assert.deepEqual(config.actions, ['openSettings', 'retry']);
  assert.equal(config.kind, 'config');
});

test('unknown errors are "other" with retry', () => {
  assert.deepEqual(toErrorView(new Error('weird')).actions, ['retry']);
  assert.equal(toErrorView('a string').kind, 'other');
  assert.equal(toErrorView('a string').reason, 'unexpected');
});

test('messages never carry keys or HTML pages, and stay short', () => {
  const key = 'pit_live_0123456789abcdef';
  const view = toErrorView(http(`Bad key ${key} (Authorization: Bearer ${key})`, { status: 401 }), [key]);
  assert.doesNotMatch(view.message, /0123456789abcdef/);
  assert.equal(cleanMessage('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>'), '502 Bad Gateway');
  assert.ok(cleanMessage('x'.repeat(5000)).length <= 600);
});

test('out of credits offers the billing page when the provider has one (Prime Intellect), and no retry', () => {
  const funds = http('Insufficient balance (including overdraft). Please add funds to continue.', { status: 402, code: 'insufficient_funds' });
  assert.deepEqual(toErrorView(funds, [], { billing: true }).actions, ['openBilling', 'switchProvider']);
  assert.deepEqual(toErrorView(funds).actions, ['switchProvider']);
});
