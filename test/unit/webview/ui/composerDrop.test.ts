import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { urisFromTransfer } from '../../../../src/webview/ui/composerDrop';

function transfer(data: Record<string, string>): Pick<DataTransfer, 'getData' | 'types'> {
  return { types: Object.keys(data), getData: (type: string) => data[type] ?? '' };
}

test("explorer drops: VS Code's JSON uri list first, then text/uri-list lines (comments skipped)", () => {
  assert.deepEqual(urisFromTransfer(transfer({ 'application/vnd.code.uri-list': '["file:///ws/a.ts","file:///ws/b.ts"]', 'text/uri-list': 'file:///ws/other' })), ['file:///ws/a.ts', 'file:///ws/b.ts']);
  assert.deepEqual(urisFromTransfer(transfer({ 'text/uri-list': '# comment\r\nfile:///ws/a.ts\r\nfile:///ws/b%20c.ts\r\n' })), ['file:///ws/a.ts', 'file:///ws/b%20c.ts']);
  assert.deepEqual(urisFromTransfer(transfer({ 'text/plain': 'hello' })), [], 'plain text is not a file drop');
  const many = Array.from({ length: 80 }, (_, i) => `file:///ws/${i}.ts`).join('\n');
  assert.equal(urisFromTransfer(transfer({ 'text/uri-list': many })).length, 50, 'at most 50 (the protocol limit)');
});
