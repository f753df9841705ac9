// The on-disk format is its own versioned schema: the checked-in version-1 files (written by the code as
// it was, see test/fixtures/storage/v1/) load, convert to valid protocol views, and what the protocol
// tightens later cannot turn a saved file "corrupt".
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConversationStore } from '../../../src/history/conversationStore';
import { CURRENT_VERSION, readConversationFile } from '../../../src/history/storage/migrate';
import { nodeStoreFs } from '../../../src/history/storeFs';
import { toConversationView, toMessageView } from '../../../src/chat/toView';
import { ConversationView } from '../../../src/protocol';
import { recordingLogger } from '../../helpers/logger';

const FIXTURE_DIR = path.join(process.cwd(), 'test', 'fixtures', 'storage', 'v1');
const FIXTURE_ID = '0b7c1f7e-3d2a-4a51-9a55-6f1f2f0c0a01';
const tempDirs: string[] = [];
after(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function copyOfFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infchat-v1-'));
  tempDirs.push(dir);
  for (const name of fs.readdirSync(FIXTURE_DIR)) fs.copyFileSync(path.join(FIXTURE_DIR, name), path.join(dir, name));
  return dir;
}

type FixtureJson = { version: number; conversation: Record<string, unknown> & { messages: Record<string, unknown>[] } };

function fixtureJson(): FixtureJson {
  return JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, `conv-${FIXTURE_ID}.json`), 'utf8')) as FixtureJson;
}

test('the version-1 fixture is what version 1 wrote: {"version":1,"conversation":{...}} and state.json', () => {
  const raw = fixtureJson();
  assert.equal(raw.version, 1);
  assert.equal(raw.conversation.id, FIXTURE_ID);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, 'state.json'), 'utf8')), { version: 1, activeId: FIXTURE_ID });
});

test('a version-1 file loads through the store with every field, and becomes valid protocol views', async () => {
  const log = recordingLogger();
  const store = await ConversationStore.open(copyOfFixture(), nodeStoreFs, log);
  const c = store.active();
  assert.equal(c.id, FIXTURE_ID, 'state.json chose the active conversation');
  assert.equal(c.title, 'Sorting in TypeScript');
  assert.equal(c.customTitle, true);
  assert.equal(c.draft, 'and what about stable sort?');
  assert.equal(c.contextFromId, 'u2');
  assert.deepEqual(c.messages.map((m) => [m.id, m.role, m.status]), [
    ['u1', 'user', 'done'], ['a1', 'assistant', 'done'], ['u2', 'user', 'done'],
    ['a2', 'assistant', 'stopped'], ['u3', 'user', 'done'], ['a3', 'assistant', 'error'],
  ]);
  const [u1, a1, , a2, , a3] = c.messages;
  assert.equal(u1!.sendContent, 'Explain this code:\n```ts\nconst xs = [3, 1, 2].sort();\n```');
  assert.equal(u1!.systemPrompt, 'You explain code.');
  assert.deepEqual(u1!.context, { fileName: 'src/sort.ts', languageId: 'typescript', startLine: 3, endLine: 3 });
  assert.equal(a1!.reasoning, 'The user wants to know about sort.');
  assert.equal(a1!.meta?.ttftMs, 250);
  assert.equal(a2!.meta?.finishReason, 'length');
  assert.deepEqual(a3!.error, { kind: 'interrupted', message: 'The connection dropped before the reply finished.', actions: ['retry'] }, 'an error saved before errors had a reason');
  assert.equal(log.lines.filter((l) => !l.startsWith('debug')).length, 0, `nothing to warn about: ${log.lines.join('\n')}`);

  const view = toConversationView(c);
  assert.equal(ConversationView.safeParse(view).success, true);
  assert.ok(!('sendContent' in view.messages[0]!) && !('systemPrompt' in view.messages[0]!), 'host-only fields stay on the host');
});

test('values the protocol does not know (any more) still load and render: narrowed in toView, not "corrupt"', () => {
  const raw = fixtureJson();
  const a3 = raw.conversation.messages[5]!;
  a3.error = { kind: 'quota-exceeded', reason: 'some_future_reason', message: 'Out of quota', actions: ['retry', 'buyMore'] };
  (raw.conversation.messages[3]!.meta as Record<string, unknown>).finishReason = 'x'.repeat(500);
  const result = readConversationFile(raw);
  assert.equal(result.ok, true);
  if (!result.ok) return;
  const messages = result.file.conversation.messages;
  assert.deepEqual(toMessageView(messages[5]!).error, { kind: 'other', message: 'Out of quota', actions: ['retry'] });
  assert.equal(toMessageView(messages[3]!).meta?.finishReason?.length, 100);
});

test('versions: v1 migrates to the current version; a newer version and broken files are told apart', () => {
  const v1 = readConversationFile(fixtureJson());
  assert.ok(v1.ok);
  assert.equal(v1.fromVersion, 1);
  assert.equal(v1.file.version, CURRENT_VERSION);
  assert.deepEqual(readConversationFile({ version: CURRENT_VERSION + 1, conversation: { anything: true } }), { ok: false, problem: 'newer', version: CURRENT_VERSION + 1 });
  for (const bad of [undefined, 'x', {}, { version: '1' }, { version: 1.5 }, { version: 0, conversation: {} }, { version: 1, conversation: { id: 'x' } }]) {
    const result = readConversationFile(bad);
    assert.equal(result.ok === false && result.problem, 'corrupt', JSON.stringify(bad));
  }
});

test("a selection's uri, columns and text hash survive a save and load (and reach the view)", async () => {
  const dir = copyOfFixture();
  const store = await ConversationStore.open(dir, nodeStoreFs, recordingLogger());
  const c = store.active();
  const context = { fileName: 'src/a.ts', languageId: 'typescript', startLine: 2, endLine: 4, uri: 'file:///w/src/a.ts', startCharacter: 2, endCharacter: 7, textHash: 'ab'.repeat(32) };
  const message = { id: 'u9', role: 'user' as const, content: 'Fix', status: 'done' as const, createdAt: 9, context };
  store.update(c.id, { op: 'message', message });
  await store.saveNow(c.id);
  store.dispose();
  const again = await ConversationStore.open(dir, nodeStoreFs, recordingLogger());
  const loaded = again.get(c.id)!.messages.find((m) => m.id === 'u9');
  assert.ok(loaded);
  assert.deepEqual(loaded.context, context);
  assert.deepEqual(toMessageView(loaded).context, context);
  again.dispose();
});
