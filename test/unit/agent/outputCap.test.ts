// Output that would flood the context keeps its head and tail and says what was cut; files are read in numbered,
// capped pieces that say how to read on.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CappedOutput, capHeadTail, numberLines } from '../../../src/agent/core/outputCap';
import { lineDelta } from '../../../src/agent/core/lineDelta';

test('capHeadTail keeps short text, cuts long text to the cap with its head and tail', () => {
  assert.deepEqual(capHeadTail('short', 100), { text: 'short', omitted: 0 });
  const long = `HEAD${'x'.repeat(100_000)}TAIL`;
  const capped = capHeadTail(long, 1000);
  assert.ok(capped.text.length <= 1000, `${capped.text.length}`);
  assert.ok(capped.text.startsWith('HEAD') && capped.text.endsWith('TAIL'));
  assert.match(capped.text, new RegExp(`\\[${capped.omitted} characters omitted\\]`));
  assert.equal(capped.text.length - capped.text.match(/\n… \[\d+ characters omitted\] …\n/)![0].length + capped.omitted, long.length);
});

test('CappedOutput streams: the first half and the latest half are kept, the count of the rest said', () => {
  const out = new CappedOutput(20);
  out.append('0123456789');
  out.append('abcdefghij');
  assert.equal(out.text(), '0123456789abcdefghij');
  out.append('KLMNO');
  assert.equal(out.omitted, 5);
  assert.equal(out.text(), '0123456789\n… [5 characters omitted] …\nfghijKLMNO');
});

test('numberLines numbers the lines of a range and stops at the line and character caps', () => {
  const text = Array.from({ length: 1000 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
  const first = numberLines(text, {}, { maxLines: 400, maxChars: 40_000 });
  assert.deepEqual([first.from, first.to, first.total, first.more], [1, 400, 1000, true]);
  assert.equal(first.text.split('\n')[0], '1| line 1');
  const range = numberLines(text, { start: 10, end: 12 }, { maxLines: 400, maxChars: 40_000 });
  assert.equal(range.text, '10| line 10\n11| line 11\n12| line 12');
  assert.equal(range.more, false);
  const chars = numberLines(text, {}, { maxLines: 400, maxChars: 100 });
  assert.ok(chars.text.length <= 100 && chars.more);
  assert.equal(numberLines('', {}, { maxLines: 10, maxChars: 10 }).total, 0);
});

test('lineDelta counts the lines between the common first and last lines', () => {
  assert.deepEqual(lineDelta('a\nb\nc\n', 'a\nB\nc\n'), { added: 1, removed: 1 });
  assert.deepEqual(lineDelta('', 'x\ny\n'), { added: 2, removed: 0 });
  assert.deepEqual(lineDelta('a\nb\n', 'a\n'), { added: 0, removed: 1 });
});
