// Storage version 3 (agent mode, schemaV3.ts): a version-2 file loads unchanged and is upgraded only when this
// window writes to it; an agent turn (tool calls with their results, a checkpoint, the conversation's mode and
// tools) survives the snapshot and the journal; a tool status this version does not know is not "corrupt"; a
// newer file is left alone; calls a dead window left waiting or running read as interrupted.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Change, applyChange } from '../../../src/history/changes';
import { type StoredMessage, createConversation } from '../../../src/history/conversation';
import { ConversationStore, type StoreOptions } from '../../../src/history/conversationStore';
import { settleInterrupted } from '../../../src/history/settleInterrupted';
import { CURRENT_VERSION, readConversationFile } from '../../../src/history/storage/migrate';
import { nodeStoreFs } from '../../../src/history/storeFs';
import { recordingLogger } from '../../helpers/logger';

const tempDirs: string[] = [];
const stores: ConversationStore[] = [];
after(() => {
  for (const store of stores) store.dispose();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infchat-v3-'));
  tempDirs.push(dir);
  return dir;
}

async function open(dir: string, opts: StoreOptions = {}): Promise<ConversationStore> {
  const store = await ConversationStore.open(dir, nodeStoreFs, recordingLogger(), { watch: false, ...opts });
  stores.push(store);
  return store;
}

function msg(id: string, role: 'user' | 'assistant', content: string, extra: Partial<StoredMessage> = {}): StoredMessage {
  return { id, role, content, status: 'done', createdAt: 1, ...extra };
}

/** An agent turn as the loop stores it: the user message, a step with two calls, the final answer. */
function agentTurn(): StoredMessage[] {
  return [
    msg('u1', 'user', 'Fix the test', {
      mode: 'agent',
      checkpoint: { id: 'cp-1', files: [{ path: '/w/math.js', created: false, afterHash: 'ab'.repeat(32) }, { path: '/w/new.js', created: true }], commandsRan: true },
    }),
    msg('a1', 'assistant', 'Let me look.', {
      toolCalls: [
        { id: 'call_1', name: 'read_file', arguments: '{"path":"math.js"}', status: 'done', result: '1| return a - b;', summary: 'math.js lines 1–1', startedAt: 5, endedAt: 6 },
        {
          id: 'call_2',
          name: 'run_command',
          arguments: '{"command":"node test.js"}',
          status: 'denied',
          approval: { kind: 'command', title: 'node test.js', detail: '/w', allowEntry: 'node test.js' },
          extra_content: { google: { thought_signature: 'sig' } },
        },
      ],
      replay: { reasoning_content: 'I should read it.', reasoning_details: [{ type: 'reasoning.text', text: 'x' }] },
    }),
    msg('a2', 'assistant', 'Fixed.', { agentStop: { reason: 'steps', message: 'Stopped after 25 steps.' } }),
  ];
}

test('a version-2 file loads as version 3 with every record unchanged', () => {
  const conversation = { id: 'c2', title: 'Old', customTitle: true, createdAt: 1, updatedAt: 2, draft: 'd', contextFromId: 'u1', messages: [msg('u1', 'user', 'q', { sendContent: 'full q' }), msg('a1', 'assistant', 'a', { meta: { model: 'm', costUsd: 0.1 } })] };
  const result = readConversationFile({ version: 2, conversation });
  assert.ok(result.ok);
  assert.equal(CURRENT_VERSION, 3);
  assert.equal(result.fromVersion, 2);
  assert.equal(result.file.version, 3);
  assert.deepEqual(result.file.conversation, conversation);
});

test('a version-2 file on disk stays version 2 until this window writes; then it is compacted to version 3, journal included', async () => {
  const dir = tempDir();
  const id = 'c2';
  const snapshot = path.join(dir, `conv-${id}.json`);
  const text = JSON.stringify({ version: 2, conversation: { id, title: 'q', customTitle: false, createdAt: 1, updatedAt: 2, draft: '', messages: [msg('u1', 'user', 'q')] } });
  fs.writeFileSync(snapshot, text);
  fs.writeFileSync(path.join(dir, `conv-${id}.jsonl`), `${JSON.stringify({ at: 3, change: { op: 'message', message: msg('a1', 'assistant', 'a') } })}\n`);
  const store = await open(dir);
  assert.deepEqual(store.get(id)!.messages.map((m) => m.id), ['u1', 'a1'], 'the version-2 journal is read');
  assert.equal(fs.readFileSync(snapshot, 'utf8'), text, 'reading does not rewrite it');
  store.update(id, { op: 'set', mode: 'agent' });
  await store.saveNow(id);
  const onDisk = JSON.parse(fs.readFileSync(snapshot, 'utf8')) as { version: number; conversation: { mode?: string; messages: unknown[] } };
  assert.equal(onDisk.version, 3);
  assert.equal(onDisk.conversation.mode, 'agent');
  assert.equal(onDisk.conversation.messages.length, 2);
  assert.ok(!fs.existsSync(path.join(dir, `conv-${id}.jsonl`)), 'the old journal was folded in');
});

test('an agent turn, its checkpoint and the conversation mode and tools round-trip through the snapshot and the journal', async () => {
  const dir = tempDir();
  const store = await open(dir);
  const c = createConversation(1);
  const [user, step, answer] = agentTurn();
  c.messages.push(user!);
  store.add(c);
  await store.saveNow(c.id);
  // After the snapshot: the rest goes to the journal.
  store.update(c.id, [
    { op: 'message', message: step! },
    { op: 'message', message: answer! },
    { op: 'set', mode: 'agent', lmTools: ['mcp_search', 'vscode_fetch'] },
  ]);
  await store.saveNow(c.id);
  const journal = fs.readFileSync(path.join(dir, `conv-${c.id}.jsonl`), 'utf8').trim().split('\n');
  assert.equal(journal.length, 3, 'three journal lines after the snapshot');
  const snapshot = JSON.parse(fs.readFileSync(path.join(dir, `conv-${c.id}.json`), 'utf8')) as { version: number };
  assert.equal(snapshot.version, 3);

  const again = await open(dir);
  const loaded = again.get(c.id)!;
  assert.deepEqual(loaded.messages, agentTurn());
  assert.equal(loaded.mode, 'agent');
  assert.deepEqual(loaded.lmTools, ['mcp_search', 'vscode_fetch']);
  assert.deepEqual(settleInterrupted({ ...loaded, messages: [...loaded.messages] }).messages, agentTurn(), 'finished calls stay as they are');
});

test('a tool status this version does not know loads as it is (a plain string), not as a corrupt file', () => {
  const message = msg('a1', 'assistant', '', { toolCalls: [{ id: 'x', name: 'read_file', arguments: '{}', status: 'paused-for-coffee' }] });
  const result = readConversationFile({ version: 3, conversation: { id: 'c3', title: 't', createdAt: 1, updatedAt: 1, messages: [message] } });
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.file.conversation.messages[0]!.toolCalls![0]!.status, 'paused-for-coffee');
  const broken = readConversationFile({ version: 3, conversation: { id: 'c3', title: 't', createdAt: 1, updatedAt: 1, messages: [{ ...message, toolCalls: [{ id: 'x' }] }] } });
  assert.equal(broken.ok === false && broken.problem, 'corrupt', 'a call without its name is a broken file, reported, not repaired');
});

test('a version-4 file is reported as newer and left exactly as it is', async () => {
  const raw = { version: 4, conversation: { id: 'future', messages: [{ id: 'm', role: 'robot' }] } };
  assert.deepEqual(readConversationFile(raw), { ok: false, problem: 'newer', version: 4 });
  const dir = tempDir();
  const file = path.join(dir, 'conv-future.json');
  const text = JSON.stringify(raw);
  fs.writeFileSync(file, text);
  const log = recordingLogger();
  const store = await ConversationStore.open(dir, nodeStoreFs, log, { watch: false });
  stores.push(store);
  assert.equal(store.get('future'), undefined);
  assert.ok(log.lines.some((l) => l.includes('newer version') && l.includes('format 4')), log.lines.join('\n'));
  await store.flush();
  assert.equal(fs.readFileSync(file, 'utf8'), text);
  assert.deepEqual(fs.readdirSync(dir).filter((n) => n.includes('future')), ['conv-future.json']);
});

test('set: the mode and the chosen tools; a journal with them applied twice gives the same conversation', () => {
  const lines: Array<{ at: number; change: Change }> = [
    { at: 2, change: { op: 'set', mode: 'agent', lmTools: ['a'] } },
    { at: 3, change: { op: 'set', lmTools: [] } },
    { at: 4, change: { op: 'set', title: 'x' } },
  ];
  const once = createConversation(1);
  for (const { at, change } of lines) applyChange(once, change, at);
  assert.equal(once.mode, 'agent', 'a set without mode keeps it');
  assert.deepEqual(once.lmTools, []);
  const twice = { ...once, messages: [...once.messages] };
  for (const { at, change } of lines) applyChange(twice, change, at);
  assert.deepEqual(twice, once);
});

test('settleInterrupted: waiting and running calls of a message nobody streams into read as interrupted; streaming ones are left alone', () => {
  const calls = [
    { id: '1', name: 'read_file', arguments: '{}', status: 'done', result: 'r' },
    { id: '2', name: 'run_command', arguments: '{}', status: 'running' },
    { id: '3', name: 'edit_file', arguments: '{}', status: 'awaiting-approval', approval: { kind: 'edit' as const, title: 'a.ts' } },
  ];
  const c = createConversation(1);
  c.messages.push(msg('u1', 'user', 'go', { mode: 'agent' }), msg('a1', 'assistant', '', { toolCalls: calls }), msg('a2', 'assistant', '', { status: 'streaming', toolCalls: calls }));
  const settled = settleInterrupted(c);
  assert.deepEqual(settled.messages[1]!.toolCalls!.map((t) => t.status), ['done', 'interrupted', 'interrupted']);
  assert.equal(settled.messages[1]!.toolCalls![0], calls[0], 'a finished call is the same object');
  assert.equal(settled.messages[2], c.messages[2], 'a streaming message is alive in its window: untouched');
  assert.equal(c.messages[1]!.toolCalls![1]!.status, 'running', 'pure: the input is not modified');
  assert.equal(settleInterrupted(c).messages[1], settled.messages[1], 'the same copy each time (a rebuilt view does not look changed)');
  const plain = createConversation(1);
  plain.messages.push(msg('u1', 'user', 'hi'));
  assert.equal(settleInterrupted(plain), plain, 'nothing to settle: the same conversation');
});

test('a turn left by a window that died loads with its calls interrupted (the files keep what was written)', async () => {
  const dir = tempDir();
  const c = createConversation(1);
  c.messages.push(
    msg('u1', 'user', 'go', { mode: 'agent' }),
    msg('a1', 'assistant', 'Running it.', { status: 'streaming', toolCalls: [{ id: 'c1', name: 'run_command', arguments: '{"command":"npm test"}', status: 'awaiting-approval' }] }),
  );
  const dying = await open(dir, { pid: 424242, processAlive: () => false, throttleMs: 60_000 });
  dying.add(c);
  dying.beginStream(c.id, 'a1');
  await dying.saveNow(c.id);
  // The window is gone: its lease names a process that no longer runs.
  const next = await open(dir, { processAlive: (pid) => pid === process.pid });
  const reply = next.get(c.id)!.messages[1]!;
  assert.equal(reply.status, 'error');
  assert.equal(reply.error?.kind, 'interrupted');
  assert.equal(reply.toolCalls![0]!.status, 'interrupted', 'never re-run, never shown as still waiting');
  const onDisk = JSON.parse(fs.readFileSync(path.join(dir, `conv-${c.id}.json`), 'utf8')) as { conversation: { messages: StoredMessage[] } };
  assert.equal(onDisk.conversation.messages[1]!.toolCalls![0]!.status, 'awaiting-approval', 'the disk is not rewritten by a read');
});

test('a version-2 lease (a window of the previous build still streaming) counts as alive; this build writes version 3', async () => {
  const dir = tempDir();
  const c = createConversation(1);
  c.messages.push(msg('u1', 'user', 'go'), msg('a1', 'assistant', 'so far', { status: 'streaming' }));
  const streaming = await open(dir, { pid: 515151, processAlive: () => true });
  streaming.add(c);
  streaming.beginStream(c.id, 'a1');
  await streaming.saveNow(c.id);
  const leaseFile = path.join(dir, `conv-${c.id}.a1.lease`);
  const lease = JSON.parse(fs.readFileSync(leaseFile, 'utf8')) as { version: number };
  assert.equal(lease.version, 3);
  fs.writeFileSync(leaseFile, JSON.stringify({ ...lease, version: 2 }));
  const other = await open(dir, { processAlive: () => true });
  assert.equal(other.get(c.id)!.messages[1]!.status, 'streaming', 'not shown as interrupted');
  assert.equal(other.isStreamingElsewhere(c.id), true);
});
