// Attachment building: what each kind becomes in the prompt, its size in tokens, the refusals (binary, huge,
// excluded, not an image), image gating by the model's vision capability, and the instructions file in the
// system prompt.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  type Attachment,
  fileAttachment,
  imageAttachment,
  imageRefusal,
  isBinary,
  MAX_ATTACHMENT_CHARS,
  MAX_IMAGE_DATA_URL,
  selectionAttachment,
  textAttachment,
  tooLargeFile,
} from '../../../src/prompt/attachments';
import { payloadContent, userPayload } from '../../../src/prompt/attachmentPrompt';
import { createConversation, type StoredMessage } from '../../../src/history/conversation';
import { userMessage } from '../../../src/chat/outgoing';
import { buildPrompt } from '../../../src/prompt/promptBuilder';
import { planPrompt } from '../../../src/prompt/promptPlan';
import { estimateTextTokens, IMAGE_TOKENS } from '../../../src/models/tokenEstimate';

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
const PNG = `data:image/png;base64,${Buffer.from('not really a png').toString('base64')}`;

function made(result: ReturnType<typeof fileAttachment>): Attachment {
  assert.ok(result.ok, result.ok ? '' : result.refusal.message);
  return result.attachment;
}

test('a file: its path and a fenced block, sized in tokens by the estimate of exactly that text', () => {
  const a = made(fileAttachment({ fileName: 'src/a.ts', languageId: 'typescript', bytes: enc('export const a = 1;\n') }));
  assert.equal(a.kind, 'file');
  assert.equal(a.name, 'src/a.ts');
  assert.equal(a.text, 'File `src/a.ts`:\n\n```typescript\nexport const a = 1;\n```');
  assert.equal(a.tokens, estimateTextTokens(a.text));
  assert.ok(a.tokens > 0);
});

test('a selection: "path:3-7", 1-based lines in the text, the code fenced so its backticks cannot close the block', () => {
  const a = made(selectionAttachment({ fileName: 'src/a.ts', languageId: 'typescript', startLine: 3, endLine: 7, code: 'const s = ```x```;' }));
  assert.equal(a.name, 'src/a.ts:3-7');
  assert.equal(a.startLine, 3);
  assert.equal(a.endLine, 7);
  assert.match(a.text!, /^Selection from `src\/a.ts` \(lines 3-7\):\n\n````typescript\nconst s = ```x```;\n````$/);
  assert.equal(made(selectionAttachment({ fileName: 'b.py', languageId: 'python', startLine: 2, endLine: 2, code: 'x' })).name, 'b.py:2');
  const empty = selectionAttachment({ fileName: 'b.py', languageId: 'python', startLine: 2, endLine: 2, code: '   ' });
  assert.equal(empty.ok, false);
});

test('binary, huge and excluded files are refused by name with the reason; nothing is cut', () => {
  const binary = fileAttachment({ fileName: 'logo.png', languageId: 'png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) });
  assert.equal(binary.ok, false);
  assert.match(binary.ok ? '' : binary.refusal.message, /logo\.png is a binary file/);
  assert.equal(isBinary(new Uint8Array([0xff, 0xfe, 0x41])), true, 'not UTF-8');
  assert.equal(isBinary(enc('héllo wörld ✓')), false);
  // A multi-byte character cut at the 8 KB sniffing boundary is still text.
  assert.equal(isBinary(enc(`${'a'.repeat(8191)}é and more`)), false);

  const huge = fileAttachment({ fileName: 'big.log', languageId: 'log', bytes: enc('x'.repeat(MAX_ATTACHMENT_CHARS + 1)) });
  assert.equal(huge.ok, false);
  assert.match(huge.ok ? '' : huge.refusal.message, /big\.log is too large to attach \(195 KB; the limit is 200,000 characters\)\. Attach a selection/);
  const exactly = fileAttachment({ fileName: 'edge.txt', languageId: 'text', bytes: enc('x'.repeat(MAX_ATTACHMENT_CHARS)) });
  assert.equal(exactly.ok, true, 'the limit itself is allowed');
  assert.match((tooLargeFile('dump.sql', 50 * 1024 * 1024) as { refusal: { message: string } }).refusal.message, /50\.0 MB/);
});

test('problems, terminal output and instructions: a heading and the text; too long is refused', () => {
  const p = made(textAttachment('problems', 'Problems: src/a.ts', 'Problems in `src/a.ts` (1):', 'src/a.ts:1:1 error: boom'));
  assert.equal(p.text, 'Problems in `src/a.ts` (1):\n\n```text\nsrc/a.ts:1:1 error: boom\n```');
  const t = made(textAttachment('terminal', 'Terminal: npm test', 'The last command:', '$ npm test\nok'));
  assert.match(t.text!, /```console\n\$ npm test\nok\n```/);
  const i = made(textAttachment('instructions', 'AGENTS.md', 'Project instructions:', '  Use tabs.  '));
  assert.equal(i.text, 'Project instructions:\n\nUse tabs.');
  assert.equal(textAttachment('terminal', 'T', 'h', 'x'.repeat(MAX_ATTACHMENT_CHARS + 1)).ok, false);
});

test('images: PNG/JPEG/GIF/WebP data URLs up to the limit, counted as IMAGE_TOKENS; others refused', () => {
  const img = made(imageAttachment('shot.png', PNG));
  assert.equal(img.kind, 'image');
  assert.equal(img.tokens, IMAGE_TOKENS);
  assert.equal(img.dataUrl, PNG);
  assert.equal(imageAttachment('x.svg', 'data:image/svg+xml;base64,PHN2Zz4=').ok, false, 'SVG is not sent');
  assert.equal(imageAttachment('x', 'https://example.com/a.png').ok, false, 'only data URLs');
  const big = imageAttachment('big.png', `data:image/png;base64,${'A'.repeat(MAX_IMAGE_DATA_URL)}`);
  assert.match(big.ok ? '' : big.refusal.message, /big\.png is too large to send/);
});

test('image gating: a vision model gets image_url parts; any other model gets a note, and the send is refused', () => {
  const img = made(imageAttachment('shot.png', PNG));
  const message = { attachments: [img] };
  assert.deepEqual(payloadContent(userPayload(message, 'What is this?', true)), [
    { type: 'text', text: 'What is this?' },
    { type: 'image_url', image_url: { url: PNG } },
  ]);
  const text = userPayload(message, 'What is this?', false);
  assert.deepEqual(text.images, []);
  assert.match(text.text, /^\[An image \(shot\.png\) was attached here but not sent: this model does not take images\.\]\n\nWhat is this\?$/);
  assert.equal(imageRefusal('fixture/vision-model', true), undefined);
  assert.match(imageRefusal('fixture/text-only-model', false)!, /fixture\/text-only-model does not take images, so nothing was sent; the image is kept\..*"vision": true.*inferenceChat\.modelOverrides/);
});

test('the prompt: attachments before the text, the instructions file in the system prompt; the meter counts both', () => {
  const file = made(fileAttachment({ fileName: 'src/a.ts', languageId: 'typescript', bytes: enc('let a;') }));
  const sel = made(selectionAttachment({ fileName: 'src/b.ts', languageId: 'typescript', startLine: 4, endLine: 5, code: 'b();' }));
  const rules = made(textAttachment('instructions', 'AGENTS.md', 'Project instructions:', 'Answer in French.'));
  const conversation = createConversation(1);
  const user: StoredMessage = userMessage({ text: 'Why?', attachments: [file, sel, rules], createdAt: 2 });
  conversation.messages.push(user);
  assert.deepEqual(user.context, { fileName: 'src/b.ts', languageId: 'typescript', startLine: 4, endLine: 5 }, 'the attached selection is the message context');
  const messages = buildPrompt(conversation, 'Be brief.');
  assert.deepEqual(messages, [
    { role: 'system', content: 'Be brief.\n\nProject instructions:\n\nAnswer in French.' },
    { role: 'user', content: `${file.text}\n\n${sel.text}\n\nWhy?` },
  ]);
  const plan = planPrompt(createConversation(3), { chatSystemPrompt: 'Be brief.', draft: 'Why?', draftAttachments: [file, sel, rules], contextWindow: 100_000, reserve: 1000, scale: (n) => n });
  assert.equal(plan.messages.some((m) => m.role === 'user'), false, 'the draft is counted, not sent');
  const withoutAttachments = planPrompt(createConversation(3), { chatSystemPrompt: 'Be brief.', draft: 'Why?', contextWindow: 100_000, reserve: 1000, scale: (n) => n });
  assert.ok(plan.tokens >= withoutAttachments.tokens + file.tokens + sel.tokens + rules.tokens - 2, `${plan.tokens} counts the attachments`);
  // A command's own context wins over an attached selection.
  const explained = userMessage({ text: 'x', attachments: [sel], context: { fileName: 'c.ts', languageId: 'typescript', startLine: 1, endLine: 1 }, createdAt: 1 });
  assert.equal(explained.context?.fileName, 'c.ts');
});

test('an image in history: parts for a vision model; switching to a text model sends the note instead', () => {
  const img = made(imageAttachment('shot.png', PNG));
  const conversation = createConversation(1);
  conversation.messages.push(userMessage({ text: 'Look', attachments: [img], createdAt: 2 }));
  conversation.messages.push({ id: 'r', role: 'assistant', content: 'A cat.', status: 'done', createdAt: 3 });
  conversation.messages.push(userMessage({ text: 'And now?', attachments: [], createdAt: 4 }));
  const vision = buildPrompt(conversation, '', undefined, undefined, true);
  assert.deepEqual(vision[0]!.content, [{ type: 'text', text: 'Look' }, { type: 'image_url', image_url: { url: PNG } }]);
  const text = buildPrompt(conversation, '', undefined, undefined, false);
  assert.match(text[0]!.content as string, /not sent: this model does not take images/);
  const plan = planPrompt(conversation, { chatSystemPrompt: '', contextWindow: 100_000, reserve: 100, scale: (n) => n, vision: true });
  assert.ok(plan.heuristic >= IMAGE_TOKENS, 'the image counts in what is sent');
});
