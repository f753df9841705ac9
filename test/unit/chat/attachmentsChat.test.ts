// Attachments through the chat controller, end to end without VS Code: a fake ContextSource (the editor side),
// the real client and the loopback fixture server. What the chips say, what the server receives, what is
// stored with the message (and loads again), what is exported, and the image gate.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { type Attachment, type AttachResult, fileAttachment, selectionAttachment, textAttachment } from '../../../src/prompt/attachments';
import type { ContextSource, InstructionsRead, Suggestion } from '../../../src/prompt/contextSource';
import { ConversationStore } from '../../../src/history/conversationStore';
import { conversationToMarkdown } from '../../../src/chat/exportMarkdown';
import { nodeStoreFs } from '../../../src/history/storeFs';
import { toMessageView } from '../../../src/chat/toView';
import type { AttachmentChip, HostToWebview } from '../../../src/protocol';
import type { Harness } from '../../helpers/chatHarness';
import { recordingLogger } from '../../helpers/logger';
import { FIXTURE_MODELS } from '../../fixtures/models';
import { fixtureSuite } from '../../helpers/fixtureSuite';

const KEY = 'test-key-not-secret';
const PNG = `data:image/png;base64,${Buffer.from('png bytes').toString('base64')}`;
const fixture = fixtureSuite({ key: KEY });

function ok(result: AttachResult): Attachment {
  assert.ok(result.ok);
  return result.attachment;
}

class FakeSource implements ContextSource {
  instructionsFile: Attachment | undefined = ok(textAttachment('instructions', 'AGENTS.md', 'Project instructions:', 'Always answer in haiku.'));
  current: Suggestion | undefined = { key: 'src/a.ts#2-3', kind: 'selection', name: 'src/a.ts:2-3', tokens: 5 };
  private listener: ((change: { instructions: boolean }) => void) | undefined;
  async pick(): Promise<AttachResult[]> {
    return [fileAttachment({ fileName: 'src/picked.ts', languageId: 'typescript', bytes: new TextEncoder().encode('export const picked = 1;') })];
  }
  async fromUris(uris: readonly string[]): Promise<AttachResult[]> {
    return uris.map((u) =>
      u.endsWith('.png')
        ? fileAttachment({ fileName: 'logo.png', languageId: 'png', bytes: new Uint8Array([0x89, 0, 0]) })
        : fileAttachment({ fileName: u.replace('file:///ws/', ''), languageId: 'python', bytes: new TextEncoder().encode('print("dropped")') }),
    );
  }
  suggestion(): Suggestion | undefined {
    return this.current;
  }
  async takeSuggestion(): Promise<AttachResult | undefined> {
    return selectionAttachment({ fileName: 'src/a.ts', languageId: 'typescript', startLine: 2, endLine: 3, code: 'const chosen = 42;' });
  }
  async instructions(): Promise<InstructionsRead> {
    return { attachment: this.instructionsFile, refusals: [] };
  }
  onDidChange(listener: (change: { instructions: boolean }) => void): { dispose(): void } {
    this.listener = listener;
    return { dispose: () => (this.listener = undefined) };
  }
  fire(instructions: boolean): void {
    this.listener?.({ instructions });
  }
}

function lastChips(h: Harness): AttachmentChip[] {
  const posts = h.posted.filter((m): m is Extract<HostToWebview, { type: 'attachments' }> => m.type === 'attachments');
  return posts.at(-1)?.chips ?? [];
}

async function waitForChips(h: Harness, test: (chips: AttachmentChip[]) => boolean): Promise<void> {
  if (test(lastChips(h))) return;
  await h.next('attachments', (m) => test(m.chips));
}

function lastBody(): { messages: Array<{ role: string; content: unknown }> } {
  const chat = fixture.server.requests.filter((r) => r.path.endsWith('/chat/completions'));
  return chat.at(-1)!.body as never;
}

async function harness(source: FakeSource, model = 'fixture/model-a'): Promise<Harness> {
  const info = FIXTURE_MODELS.find((m) => m.id === model);
  const vision = info !== undefined && 'architecture' in info;
  return fixture.harness({ context: source, target: { model }, model: { override: { vision } } });
}

test('chips: the suggested selection and the instructions file after ready; drop, pick and include add chips with tokens; a binary drop is refused by name', async () => {
  const source = new FakeSource();
  const h = await harness(source);
  await h.controller.handle({ type: 'ready' });
  assert.deepEqual(lastChips(h).map((c) => [c.name, c.suggested ?? false, c.kind]), [['src/a.ts:2-3', true, 'selection'], ['AGENTS.md', false, 'instructions']]);

  const notice = h.next('notice');
  await h.controller.handle({ type: 'attach.uris', uris: ['file:///ws/tool.py', 'file:///ws/logo.png'] });
  assert.match((await notice).message, /logo\.png is a binary file/);
  await h.controller.handle({ type: 'attach.pick' });
  await h.controller.handle({ type: 'attach.toggle', id: 'suggested' });
  const chips = lastChips(h);
  assert.deepEqual(chips.map((c) => c.name), ['tool.py', 'src/picked.ts', 'src/a.ts:2-3', 'AGENTS.md']);
  assert.ok(chips.every((c) => c.tokens > 0), 'every chip has a size');
  assert.equal(chips.some((c) => c.suggested), false, 'the included suggestion is an attachment now');

  // The meter counts them: removing one lowers the estimate.
  const before = h.posted.filter((m) => m.type === 'budget').length;
  const removed = chips.find((c) => c.name === 'tool.py')!;
  const budget = h.next('budget', () => h.posted.filter((m) => m.type === 'budget').length > before);
  await h.controller.handle({ type: 'attach.remove', id: removed.id });
  assert.ok(await budget);
  assert.deepEqual(lastChips(h).map((c) => c.name), ['src/picked.ts', 'src/a.ts:2-3', 'AGENTS.md']);
});

test('send: the server gets the attachments before the text and the instructions in the system prompt; the message stores them, with the selection as its context', async () => {
  const source = new FakeSource();
  const h = await harness(source);
  await h.controller.handle({ type: 'ready' });
  await h.controller.handle({ type: 'attach.pick' });
  await h.controller.handle({ type: 'attach.toggle', id: 'suggested' });
  await h.controller.handle({ type: 'send', text: 'What do these do?' });

  const body = lastBody();
  assert.equal(body.messages[0]!.role, 'system');
  assert.match(body.messages[0]!.content as string, /You are terse\.\n\nProject instructions:\n\nAlways answer in haiku\.$/);
  const user = body.messages.at(-1)!;
  assert.equal(user.role, 'user');
  assert.match(user.content as string, /^File `src\/picked\.ts`:\n\n```typescript\nexport const picked = 1;\n```\n\nSelection from `src\/a\.ts` \(lines 2-3\):\n\n```typescript\nconst chosen = 42;\n```\n\nWhat do these do\?$/);

  const added = h.posted.find((m): m is Extract<HostToWebview, { type: 'messageAdded' }> => m.type === 'messageAdded' && m.message.role === 'user')!;
  assert.deepEqual(added.message.attachments?.map((c) => c.name), ['src/picked.ts', 'src/a.ts:2-3', 'AGENTS.md']);
  assert.deepEqual(added.message.context, { fileName: 'src/a.ts', languageId: 'typescript', startLine: 2, endLine: 3 });
  assert.deepEqual(lastChips(h).map((c) => c.name), ['AGENTS.md'], 'the next message starts empty (the instructions stay)');

  // Stored with the message: a second store on the same folder loads them, the view and the export show them.
  const id = h.store.active().id;
  h.controller.dispose();
  const again = await ConversationStore.open(h.dir, nodeStoreFs, recordingLogger(), { watch: false });
  const conversation = again.get(id);
  assert.ok(conversation, 'the conversation is on disk');
  const stored = conversation.messages.find((m) => m.role === 'user')!;
  assert.deepEqual(stored.attachments?.map((a) => a.kind), ['file', 'selection', 'instructions']);
  assert.match(stored.attachments[0]!.text!, /export const picked = 1;/);
  assert.deepEqual(toMessageView(stored).attachments?.map((c) => c.name), ['src/picked.ts', 'src/a.ts:2-3', 'AGENTS.md']);
  const markdown = conversationToMarkdown(conversation);
  assert.match(markdown, /_Attached: `src\/picked\.ts` \(file, ~\d+ tokens\), `src\/a\.ts:2-3` \(selection, ~\d+ tokens\), `AGENTS\.md` \(instructions, ~\d+ tokens\)_/);
  assert.match(markdown, /<details><summary>src\/picked\.ts<\/summary>\n\nFile `src\/picked\.ts`:/);
  again.dispose();
});

test('the instructions chip turned off: not sent, and the chip says so; no instructions file (untrusted), no chip', async () => {
  const source = new FakeSource();
  const h = await harness(source);
  await h.controller.handle({ type: 'ready' });
  const rules = lastChips(h).find((c) => c.kind === 'instructions')!;
  await h.controller.handle({ type: 'attach.toggle', id: rules.id });
  assert.equal(lastChips(h).find((c) => c.kind === 'instructions')?.off, true);
  await h.controller.handle({ type: 'send', text: 'Hi' });
  assert.equal(lastBody().messages[0]!.content, 'You are terse.');

  // A moved selection is posted without re-reading the instructions; an instructions change re-reads them.
  source.current = { key: 'other', kind: 'file', name: 'src/b.ts', tokens: 9 };
  source.instructionsFile = undefined; // what the host source returns in an untrusted workspace
  source.fire(false);
  assert.deepEqual(lastChips(h).map((c) => c.name), ['src/b.ts', 'AGENTS.md'], 'the instructions are not re-read for a new suggestion');
  source.current = undefined;
  source.fire(true);
  await waitForChips(h, (chips) => chips.length === 0);
  assert.deepEqual(lastChips(h), []);
});

test('an image: refused for a text model (draft and image kept, nothing sent); sent as an image_url part to a vision model', async () => {
  const text = await harness(new FakeSource(), 'fixture/text-only-model');
  await text.controller.handle({ type: 'attach.image', name: 'shot.png', dataUrl: PNG });
  assert.equal(lastChips(text).find((c) => c.kind === 'image')?.name, 'shot.png');
  const notice = text.next('notice');
  const draft = text.next('draft');
  await text.controller.handle({ type: 'send', text: 'What is in the picture?' });
  assert.match((await notice).message, /fixture\/text-only-model does not take images, so nothing was sent; the image is kept/);
  assert.equal((await draft).text, 'What is in the picture?', 'the input keeps the text');
  assert.equal(fixture.server.requests.filter((r) => r.path.endsWith('/chat/completions')).length, 0);
  assert.ok(lastChips(text).some((c) => c.kind === 'image'), 'the image stays attached');

  const vision = await harness(new FakeSource(), 'fixture/vision-model');
  await vision.controller.handle({ type: 'attach.image', name: 'shot.png', dataUrl: PNG });
  await vision.controller.handle({ type: 'send', text: 'What is in the picture?' });
  const user = lastBody().messages.at(-1)!;
  assert.deepEqual(user.content, [
    { type: 'text', text: 'What is in the picture?' },
    { type: 'image_url', image_url: { url: PNG } },
  ]);
});

test('a file that is not an image is refused as an image', async () => {
  const h = await harness(new FakeSource());
  const notice = h.next('notice');
  await h.controller.handle({ type: 'attach.image', name: 'notes.txt', dataUrl: 'data:text/plain;base64,aGk=' });
  assert.match((await notice).message, /notes\.txt is not an image the chat can send/);
});
