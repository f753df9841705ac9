import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createConversation } from '../../../src/history/conversation';
import { conversationToMarkdown, exportFileName } from '../../../src/chat/exportMarkdown';

test('export writes title, both sides, reasoning folded, selection source and statuses', () => {
  const c = createConversation(0);
  c.title = 'Sorting: lists?';
  c.messages = [
    { id: '1', role: 'user', content: 'Explain this', status: 'done', createdAt: 1, context: { fileName: 'a.ts', languageId: 'typescript', startLine: 3, endLine: 9 } },
    { id: '2', role: 'assistant', content: 'Answer\n```ts\nconst x = 1;', reasoning: 'thinking…', status: 'stopped', createdAt: 2, meta: { model: 'm/x' } },
    { id: '3', role: 'user', content: 'again', status: 'done', createdAt: 3 },
    { id: '4', role: 'assistant', content: '', status: 'error', createdAt: 4, error: { kind: 'network', message: 'Could not reach', actions: ['retry'] } },
  ];
  const md = conversationToMarkdown(c, new Date(0));
  assert.match(md, /^# Sorting: lists\?\n/);
  assert.match(md, /## You\n\n> From `a.ts` lines 3–9\n\nExplain this/);
  assert.match(md, /## Assistant \(m\/x\)/);
  assert.match(md, /<details><summary>Reasoning<\/summary>\n\nthinking…\n\n<\/details>/);
  assert.match(md, /const x = 1;\n```\n\n_\(stopped\)_/, 'an unclosed fence is closed');
  assert.match(md, /_\(failed: Could not reach\)_/);
  assert.equal(exportFileName(c), 'Sorting-lists.md');
});
