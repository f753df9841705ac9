import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { composerIntent } from '../../../../src/webview/ui/composerKeys';

const key = (k: string, extra: Partial<Parameters<typeof composerIntent>[0]> = {}) => ({ key: k, shiftKey: false, isComposing: false, ...extra });

test('Enter sends, Shift+Enter and Alt+Enter insert a newline', () => {
  assert.equal(composerIntent(key('Enter'), false), 'send');
  assert.equal(composerIntent(key('Enter', { shiftKey: true }), false), 'newline');
  assert.equal(composerIntent(key('Enter', { altKey: true }), false), 'newline');
});

test('Enter during IME composition never sends (isComposing or keyCode 229)', () => {
  assert.equal(composerIntent(key('Enter', { isComposing: true }), false), 'none');
  assert.equal(composerIntent(key('Enter', { keyCode: 229 }), false), 'none');
});

test('while busy, Enter keeps the text and Escape stops', () => {
  assert.equal(composerIntent(key('Enter'), true), 'none');
  assert.equal(composerIntent(key('Escape'), true), 'stop');
  assert.equal(composerIntent(key('Escape'), false), 'none');
});

test('other keys do nothing special', () => {
  assert.equal(composerIntent(key('a'), false), 'none');
});
