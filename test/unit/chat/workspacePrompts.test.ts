// The system prompt and templates a trusted workspace set, where they act: the composer's chips, the chips on each
// message sent with them (stored with their text, and read back), the text opened read-only on a click; and the
// pure choice of which settings count.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ConversationStore } from '../../../src/history/conversationStore';
import { nodeStoreFs } from '../../../src/history/storeFs';
import { toMessageView } from '../../../src/chat/toView';
import { DEFAULT_PROMPTS } from '../../../src/config/core/settingsTable';
import { promptsForMessage, type WorkspacePrompt, workspacePrompts } from '../../../src/config/core/workspacePrompts';
import { ConversationFileV2 } from '../../../src/history/storage/schemaV2';
import type { HostToWebview } from '../../../src/protocol';
import type { Harness } from '../../helpers/chatHarness';
import { fixtureSuite } from '../../helpers/fixtureSuite';
import { recordingLogger } from '../../helpers/logger';

const KEY = 'test-key-not-secret';
const SYSTEM = 'inferenceChat.systemPrompt';
const EXPLAIN = 'inferenceChat.prompts.explain';
const fixture = fixtureSuite({ key: KEY });

function lastChips(h: Harness): string[] | undefined {
  return h.posted.filter((m): m is Extract<HostToWebview, { type: 'workspacePrompts' }> => m.type === 'workspacePrompts').at(-1)?.settings;
}

function userAdded(h: Harness): Array<Extract<HostToWebview, { type: 'messageAdded' }>['message']> {
  return h.posted.filter((m): m is Extract<HostToWebview, { type: 'messageAdded' }> => m.type === 'messageAdded' && m.message.role === 'user').map((m) => m.message);
}

test('which settings count: the workspace system prompt and templates in use, each with its text; a message takes the system prompt and its own template', () => {
  const settings = { systemPrompt: 'Answer as a pirate.', prompts: { ...DEFAULT_PROMPTS, explain: 'EXPLAIN ${code}' } };
  assert.deepEqual(workspacePrompts([], settings), []);
  const all = workspacePrompts([SYSTEM, EXPLAIN, 'inferenceChat.temperature'], settings);
  assert.deepEqual(all, [{ setting: SYSTEM, text: 'Answer as a pirate.' }, { setting: EXPLAIN, text: 'EXPLAIN ${code}' }]);
  assert.deepEqual(promptsForMessage(all, undefined).map((p) => p.setting), [SYSTEM]);
  assert.deepEqual(promptsForMessage(all, 'explain').map((p) => p.setting), [SYSTEM, EXPLAIN]);
  assert.deepEqual(promptsForMessage(all, 'fix').map((p) => p.setting), [SYSTEM]);
});

test('the composer shows a chip per workspace setting after ready and when they change; each message records what steered it', async () => {
  let inUse: WorkspacePrompt[] = [{ setting: SYSTEM, text: 'Answer as a pirate.' }];
  const h = await fixture.harness({ deps: { workspacePrompts: () => inUse } });
  await h.controller.handle({ type: 'ready' });
  assert.deepEqual(lastChips(h), [SYSTEM], 'the composer chip after ready');

  await h.controller.handle({ type: 'send', text: 'Hello' });
  assert.deepEqual(userAdded(h)[0]!.workspaceSettings, [SYSTEM], 'the message shows it');

  await h.controller.ask({ content: 'Explain: x', display: 'Explain', template: 'explain' });
  assert.deepEqual(userAdded(h)[1]!.workspaceSettings, [SYSTEM], 'a built-in template is not shown');

  inUse = [...inUse, { setting: EXPLAIN, text: 'EXPLAIN ${code}' }];
  await h.controller.targetChanged();
  assert.deepEqual(lastChips(h), [SYSTEM, EXPLAIN], 'posted again when the settings changed');
  await h.controller.ask({ content: 'Explain: y', display: 'Explain', template: 'explain' });
  assert.deepEqual(userAdded(h)[2]!.workspaceSettings, [SYSTEM, EXPLAIN], "the workspace's /explain template is shown on the message");

  inUse = [];
  await h.controller.targetChanged();
  assert.deepEqual(lastChips(h), [], 'no chip once the workspace sets nothing');
  await h.controller.handle({ type: 'send', text: 'Plain again' });
  assert.equal(userAdded(h)[3]!.workspaceSettings, undefined);

  // Stored with their text: a second store on the folder reads them back.
  const id = h.store.active().id;
  await h.store.flush();
  const again = await ConversationStore.open(h.dir, nodeStoreFs, recordingLogger(), { watch: false });
  const stored = again.get(id)!.messages.filter((m) => m.role === 'user');
  assert.deepEqual(stored[2]!.workspaceSettings, [{ setting: SYSTEM, text: 'Answer as a pirate.' }, { setting: EXPLAIN, text: 'EXPLAIN ${code}' }]);
  assert.deepEqual(toMessageView(stored[0]!).workspaceSettings, [SYSTEM]);
  again.dispose();
});

test('a click opens the text read-only: as the message was sent with it, or as it is now from the composer', async () => {
  let inUse: WorkspacePrompt[] = [{ setting: SYSTEM, text: 'Answer as a pirate.' }];
  const h = await fixture.harness({ deps: { workspacePrompts: () => inUse } });
  await h.controller.handle({ type: 'send', text: 'Hello' });
  const messageId = userAdded(h)[0]!.id;
  inUse = [{ setting: SYSTEM, text: 'Answer as a robot.' }];
  await h.controller.handle({ type: 'openWorkspaceSetting', setting: SYSTEM, messageId });
  await h.controller.handle({ type: 'openWorkspaceSetting', setting: SYSTEM });
  assert.deepEqual(h.hostCalls, [`readOnly:${SYSTEM}:Answer as a pirate.`, `readOnly:${SYSTEM}:Answer as a robot.`]);

  inUse = [];
  const notice = h.next('notice');
  await h.controller.handle({ type: 'openWorkspaceSetting', setting: SYSTEM });
  assert.match((await notice).message, /no longer set by this workspace/);
  assert.equal(h.hostCalls.length, 2);
});

test('a stored message without the field (written before it existed) still loads; the field is optional in the schema', () => {
  const file = {
    version: 2,
    conversation: { id: 'c', title: 't', customTitle: false, createdAt: 1, updatedAt: 1, draft: '', messages: [{ id: 'm', role: 'user', content: 'hi', status: 'done', createdAt: 1 }] },
  };
  assert.equal(ConversationFileV2.safeParse(file).success, true);
  const withField = structuredClone(file) as unknown as { conversation: { messages: Array<Record<string, unknown>> } };
  withField.conversation.messages[0]!.workspaceSettings = [{ setting: SYSTEM, text: 'x' }];
  const parsed = ConversationFileV2.safeParse(withField);
  assert.equal(parsed.success, true);
  assert.deepEqual(parsed.data?.conversation.messages[0]?.workspaceSettings, [{ setting: SYSTEM, text: 'x' }]);
});
