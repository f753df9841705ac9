// Attachments in the stored message record (an optional field within storage version 2): files written before
// it load unchanged; files with it load it; an attachment kind this version does not know never makes a file
// corrupt (it shows as a file).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readConversationFile } from '../../../src/history/storage/migrate';
import { toMessageView } from '../../../src/chat/toView';

const V1 = path.join(process.cwd(), 'test', 'fixtures', 'storage', 'v1', 'conv-0b7c1f7e-3d2a-4a51-9a55-6f1f2f0c0a01.json');

test('the version-1 fixture (no attachments anywhere) still loads, and its messages have none', () => {
  const result = readConversationFile(JSON.parse(fs.readFileSync(V1, 'utf8')));
  assert.ok(result.ok);
  assert.equal(result.fromVersion, 1);
  assert.ok(result.file.conversation.messages.length > 0);
  for (const m of result.file.conversation.messages) {
    assert.equal(m.attachments, undefined);
    assert.equal(toMessageView(m).attachments, undefined);
  }
});

test('a version-2 file with attachments keeps them; an unknown kind shows as a file; a malformed one is reported corrupt, not repaired', () => {
  const message = {
    id: 'u1',
    role: 'user',
    content: 'Why?',
    status: 'done',
    createdAt: 1,
    attachments: [
      { id: 'a1', kind: 'selection', name: 'src/a.ts:1-2', tokens: 12, text: 'Selection…', fileName: 'src/a.ts', languageId: 'typescript', startLine: 1, endLine: 2 },
      { id: 'a2', kind: 'notebookCell', name: 'cell 3', tokens: 5, text: '…' },
    ],
  };
  const file = { version: 2, conversation: { id: 'c1', title: 't', createdAt: 1, updatedAt: 1, messages: [message] } };
  const result = readConversationFile(file);
  assert.ok(result.ok);
  const loaded = result.file.conversation.messages[0]!;
  assert.equal(loaded.attachments?.[0]?.startLine, 1);
  assert.deepEqual(toMessageView(loaded).attachments?.map((c) => c.kind), ['selection', 'file']);

  const broken = { ...file, conversation: { ...file.conversation, messages: [{ ...message, attachments: [{ id: 'a3', kind: 'file' }] }] } };
  const bad = readConversationFile(broken);
  assert.equal(bad.ok, false);
});
