// The post log the chat tests wait on: a message posted just before the wait is found, one already returned is
// not returned again, mark() skips what came before, and a wait that never matches fails by its deadline naming
// the type it waited for and what was posted instead.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { HostToWebview } from '../../../src/protocol';
import { PostLog } from '../../helpers/postLog';

const notice = (message: string): HostToWebview => ({ type: 'notice', level: 'info', message });
const draft = (text: string): HostToWebview => ({ type: 'draft', conversationId: 'c1', text });

test('a message posted before the wait began is found; the cursor moves past it, so the next wait gets the next one', async () => {
  const log = new PostLog();
  log.record(notice('first'));
  log.record(draft('typed'));
  log.record(notice('second'));
  assert.equal((await log.next('notice')).message, 'first');
  assert.equal((await log.next('notice')).message, 'second');
  const third = log.next('notice');
  log.record(notice('third'));
  assert.equal((await third).message, 'third');
});

test('waits begun together each get their own message, in the order posted', async () => {
  const log = new PostLog();
  const n = log.next('notice');
  const d = log.next('draft');
  log.record(draft('kept'));
  log.record(notice('refused'));
  assert.equal((await d).text, 'kept');
  assert.equal((await n).message, 'refused');
});

test('mark(): what was posted before it is not found, what comes after is', async () => {
  const log = new PostLog();
  log.record(notice('old'));
  log.mark();
  const next = log.next('notice');
  log.record(notice('new'));
  assert.equal((await next).message, 'new');
});

test('a match function skips messages of the type that do not match', async () => {
  const log = new PostLog();
  log.record(notice('no'));
  log.record(notice('yes, this one'));
  assert.equal((await log.next('notice', (m) => m.message.startsWith('yes'))).message, 'yes, this one');
});

test('no match by the deadline: the wait fails naming the type it waited for and what was posted meanwhile', async () => {
  const log = new PostLog();
  log.record(draft('a'));
  const waiting = log.next('notice', (m) => m.message === 'never', 50);
  log.record(draft('b'));
  log.record({ type: 'readOnly', conversationId: 'c1' });
  await assert.rejects(waiting, /^Error: No "notice" post that matches within 50 ms; from the cursor on, the log holds: draft ×2, readOnly$/);
});
