// The credential warning on the send path, end to end without VS Code: the chat controller with a stub of the
// host's modal, a fake editor side, the real client and the loopback fixture server. "Send Anyway" sends the
// text unchanged, "Remove" sends the message without the attachments that hold it, cancel sends nothing and
// loses nothing (the draft and the attachments stay).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { type Attachment, type AttachResult, fileAttachment, selectionAttachment, textAttachment } from '../../../src/prompt/attachments';
import type { ContextSource, InstructionsRead, Suggestion } from '../../../src/prompt/contextSource';
import type { CredentialChoice, CredentialQuestion } from '../../../src/chat/credentialCheck';
import type { AttachmentChip, HostToWebview } from '../../../src/protocol';
import type { Harness } from '../../helpers/chatHarness';
import { fixtureSuite } from '../../helpers/fixtureSuite';

const KEY = 'test-key-not-secret';
const LEAKED = 'sk-proj-Q7wE9rT1yU3iO5pA7sD9fG1hJ3kL5zX7';
const STORED = 'Zq8+Lm/Np2Kx9Wv4Ty6Rs0Uh';
const fixture = fixtureSuite({ key: KEY });

function ok(result: AttachResult): Attachment {
  assert.ok(result.ok);
  return result.attachment;
}

const file = (name: string, text: string): AttachResult => fileAttachment({ fileName: name, languageId: 'plaintext', bytes: new TextEncoder().encode(text) });

/** The editor side: files by name (picked in order), a selection, and an instructions file. */
class Source implements ContextSource {
  instructionsFile: Attachment | undefined;
  files: AttachResult[] = [];
  selection: AttachResult | undefined;
  async pick(): Promise<AttachResult[]> {
    return this.files.splice(0);
  }
  async fromUris(): Promise<AttachResult[]> {
    return [];
  }
  suggestion(): Suggestion | undefined {
    return this.selection ? { key: 'sel', kind: 'selection', name: 'src/config.ts:1-2', tokens: 9 } : undefined;
  }
  async takeSuggestion(): Promise<AttachResult | undefined> {
    return this.selection;
  }
  async instructions(): Promise<InstructionsRead> {
    return { ...(this.instructionsFile ? { attachment: this.instructionsFile } : {}), refusals: [] };
  }
  onDidChange(): { dispose(): void } {
    return { dispose: () => undefined };
  }
}

/** A stub of the modal: answers `choice` and records each question. */
function dialog(choice: CredentialChoice): { questions: CredentialQuestion[]; confirmCredentials: (q: CredentialQuestion) => Promise<CredentialChoice> } {
  const questions: CredentialQuestion[] = [];
  return { questions, confirmCredentials: async (q) => (questions.push(q), choice) };
}

async function harness(source: Source, answer: ReturnType<typeof dialog>): Promise<Harness> {
  const h = await fixture.harness({ context: source, deps: { confirmCredentials: answer.confirmCredentials, knownSecrets: () => [STORED] } });
  await h.controller.handle({ type: 'ready' });
  return h;
}

function chatBodies(): Array<{ messages: Array<{ role: string; content: string }> }> {
  return fixture.server.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body as never);
}

function lastChips(h: Harness): AttachmentChip[] {
  return h.posted.filter((m): m is Extract<HostToWebview, { type: 'attachments' }> => m.type === 'attachments').at(-1)?.chips ?? [];
}

test('Send Anyway: the message goes out unchanged, key included; the dialog named the file, the kind and a masked hint only', async () => {
  const source = new Source();
  source.files = [file('deploy/.env.example', `OPENAI_API_KEY=${LEAKED}\n`)];
  const answer = dialog('send');
  const h = await harness(source, answer);
  await h.controller.handle({ type: 'attach.pick' });
  await h.controller.handle({ type: 'send', text: 'Why does deploy fail?' });

  assert.equal(answer.questions.length, 1);
  const [question] = answer.questions;
  assert.equal(question!.canRemove, true);
  assert.deepEqual(question!.warnings.map((w) => [w.source, w.kind, w.hint]), [['deploy/.env.example', 'openai', 'sk-…5zX7']]);
  assert.ok(!JSON.stringify(question).includes(LEAKED.slice(8)), 'the question holds no part of the key beyond the hint');
  const [body] = chatBodies();
  assert.ok(body, 'sent');
  assert.match(body.messages.at(-1)!.content, new RegExp(`OPENAI_API_KEY=${LEAKED}\\n[\\s\\S]*Why does deploy fail\\?$`), 'sent unchanged');
});

test('Remove: sent without the attachments that hold it (the others and the typed text go); the chip is gone', async () => {
  const source = new Source();
  source.files = [file('notes.md', 'Deploy with `npm run deploy`.'), file('secrets.txt', `token: ${STORED}`)];
  const answer = dialog('remove');
  const h = await harness(source, answer);
  await h.controller.handle({ type: 'attach.pick' });
  assert.deepEqual(lastChips(h).map((c) => c.name), ['notes.md', 'secrets.txt']);
  await h.controller.handle({ type: 'send', text: 'Summarise' });

  assert.deepEqual(answer.questions[0]!.warnings.map((w) => [w.source, w.kind]), [['secrets.txt', 'stored']], "the user's own stored key, though no shape knows it");
  const user = chatBodies()[0]!.messages.at(-1)!.content;
  assert.match(user, /notes\.md[\s\S]*Summarise$/);
  assert.ok(!user.includes(STORED) && !user.includes('secrets.txt'), 'the attachment with the key was not sent');
  const added = h.posted.find((m): m is Extract<HostToWebview, { type: 'messageAdded' }> => m.type === 'messageAdded' && m.message.role === 'user')!;
  assert.deepEqual(added.message.attachments?.map((c) => c.name), ['notes.md'], 'the message records what was sent');
});

test('Remove on the instructions file turns it off for this conversation: the system prompt goes without it', async () => {
  const source = new Source();
  source.instructionsFile = ok(textAttachment('instructions', 'AGENTS.md', 'Project instructions:', `Use the staging key ${LEAKED} for tests.`));
  const answer = dialog('remove');
  const h = await harness(source, answer);
  await h.controller.handle({ type: 'send', text: 'Hello' });
  assert.deepEqual(answer.questions[0]!.warnings.map((w) => w.source), ['AGENTS.md']);
  assert.equal(chatBodies()[0]!.messages[0]!.content, 'You are terse.');
  assert.equal(lastChips(h).find((c) => c.kind === 'instructions')?.off, true, 'the chip shows it off');
});

test('Cancel: nothing is sent, the typed text comes back as the draft and the attachment stays; asked again on the next send', async () => {
  const source = new Source();
  source.files = [file('config.json', `{"api_key": "${LEAKED}"}`)];
  const answer = dialog('cancel');
  const h = await harness(source, answer);
  await h.controller.handle({ type: 'attach.pick' });
  const draft = h.next('draft');
  await h.controller.handle({ type: 'send', text: 'Is this config valid?' });
  assert.equal((await draft).text, 'Is this config valid?');
  assert.equal(chatBodies().length, 0, 'nothing sent');
  assert.equal(h.store.active().messages.length, 0, 'no message stored');
  assert.deepEqual(lastChips(h).map((c) => c.name), ['config.json'], 'the attachment stays');
  await h.controller.handle({ type: 'send', text: 'Is this config valid?' });
  assert.equal(answer.questions.length, 2, 'asked again');
});

test('no credential: no question, the message goes as always', async () => {
  const source = new Source();
  source.files = [file('src/app.ts', 'const apiKey = process.env.OPENAI_API_KEY;\nitems.sort(key=lambda x: x)')];
  const answer = dialog('cancel');
  const h = await harness(source, answer);
  await h.controller.handle({ type: 'attach.pick' });
  await h.controller.handle({ type: 'send', text: 'Review' });
  assert.equal(answer.questions.length, 0);
  assert.equal(chatBodies().length, 1);
});

test('Explain selection (a prompt from outside) with a key in the selected code: only Send Anyway or cancel; cancel sends nothing', async () => {
  const answer = dialog('cancel');
  const h = await harness(new Source(), answer);
  const prompt = { content: `Explain:\n\`\`\`ts\nconst key = "${LEAKED}";\n\`\`\``, display: '**Explain selection**', context: { fileName: 'src/config.ts', languageId: 'typescript', startLine: 1, endLine: 1 } };
  await h.controller.ask(prompt);
  assert.deepEqual(answer.questions[0]!.warnings.map((w) => [w.source, w.kind]), [['src/config.ts', 'openai']]);
  assert.equal(answer.questions[0]!.canRemove, false, 'there is no attachment to remove');
  assert.equal(chatBodies().length, 0);
  assert.equal(h.store.active().messages.length, 0);

  const send = dialog('send');
  const again = await harness(new Source(), send);
  await again.controller.ask(prompt);
  assert.equal(send.questions.length, 1);
  assert.ok(chatBodies()[0]!.messages.at(-1)!.content.includes(LEAKED), 'sent as it was');
});

test('/explain on a selection with a key, cancelled: the selection stays attached and "/explain" stays in the input', async () => {
  const source = new Source();
  source.selection = selectionAttachment({ fileName: 'src/config.ts', languageId: 'typescript', startLine: 1, endLine: 2, code: `export const token =\n  "${LEAKED}";` });
  const answer = dialog('cancel');
  const h = await harness(source, answer);
  await h.controller.handle({ type: 'attach.toggle', id: 'suggested' });
  const draft = h.next('draft');
  await h.controller.handle({ type: 'send', text: '/explain' });
  assert.equal(answer.questions.length, 1);
  assert.equal((await draft).text, '/explain');
  assert.equal(chatBodies().length, 0);
  assert.deepEqual(lastChips(h).filter((c) => !c.suggested).map((c) => c.name), ['src/config.ts:1-2'], 'the selection is attached again');
});
