import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DeltaCoalescer } from '../../../src/chat/deltaCoalescer';
import type { HostToWebview } from '../../../src/protocol';

test('many small chunks become few deltas with the same text, in order', async () => {
  const posted: Extract<HostToWebview, { type: 'delta' }>[] = [];
  let flushed!: () => void;
  const firstPost = new Promise<void>((r) => (flushed = r));
  const c = new DeltaCoalescer((d) => { posted.push(d); flushed(); }, { intervalMs: 5, maxChars: 1_000_000 });
  for (let i = 0; i < 500; i++) c.push('c', 'm', 'text', `${i},`);
  c.push('c', 'm', 'reasoning', 'why');
  await firstPost; // the timer fired
  assert.equal(posted.length, 1);
  assert.equal(posted[0]!.text, Array.from({ length: 500 }, (_, i) => `${i},`).join(''));
  assert.equal(posted[0]!.reasoning, 'why');
  c.dispose();
});

test('a full buffer is posted at once; flush() posts what waits; empty text is ignored', () => {
  const posted: string[] = [];
  const c = new DeltaCoalescer((d) => posted.push(d.text ?? ''), { intervalMs: 60_000, maxChars: 10 });
  c.push('c', 'm', 'text', '');
  c.push('c', 'm', 'text', '12345');
  assert.deepEqual(posted, []);
  c.push('c', 'm', 'text', '67890');
  assert.deepEqual(posted, ['1234567890']);
  c.push('c', 'm', 'text', 'x');
  c.flush();
  assert.deepEqual(posted, ['1234567890', 'x']);
  c.flush();
  assert.equal(posted.length, 2, 'nothing left to flush');
  c.dispose();
});
