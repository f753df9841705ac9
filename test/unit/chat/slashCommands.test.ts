// Slash commands: what is a command, the request /explain & co build from the attached selection with the
// selection commands' templates, and the controller's handling (a refusal keeps the text, /new starts a chat).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { type Attachment, selectionAttachment } from '../../../src/prompt/attachments';
import type { ContextSource } from '../../../src/prompt/contextSource';
import { parseSlash, slashPrompt } from '../../../src/chat/slashCommands';
import { buildSelectionPrompt } from '../../../src/prompt/selectionPrompt';
import { DEFAULT_PROMPTS } from '../../../src/config/core/settingsTable';
import type { HostToWebview } from '../../../src/protocol';
import { slashMatches } from '../../../src/webview/ui/slashMenu';
import { fixtureSuite } from '../../helpers/fixtureSuite';

const KEY = 'test-key-not-secret';
const fixture = fixtureSuite({ key: KEY });

const selection = (): Attachment => {
  const r = selectionAttachment({ fileName: 'src/a.ts', languageId: 'typescript', startLine: 3, endLine: 4, code: 'let x = 1;\nx++;' });
  assert.ok(r.ok);
  return r.attachment;
};

test('parseSlash: the five commands with what follows them; anything else is plain text', () => {
  assert.deepEqual(parseSlash('/explain'), { name: 'explain', rest: '' });
  assert.deepEqual(parseSlash('  /fix the off-by-one\nplease '), { name: 'fix', rest: 'the off-by-one\nplease' });
  assert.deepEqual(parseSlash('/doc'), { name: 'doc', rest: '' });
  assert.deepEqual(parseSlash('/new'), { name: 'new', rest: '' });
  assert.equal(parseSlash('/usr/bin/env is missing'), undefined);
  assert.equal(parseSlash('/explainx'), undefined);
  assert.equal(parseSlash('please /explain'), undefined);
});

test('/explain builds exactly what "Explain selection" builds (same template, display and context), plus the extra text', () => {
  const sel = selection();
  const prompt = slashPrompt({ name: 'explain', rest: 'Focus on x.' }, sel, 'Be terse.')!;
  const same = buildSelectionPrompt('explain', DEFAULT_PROMPTS.explain, { code: sel.code!, fileName: 'src/a.ts', languageId: 'typescript', startLine: 3, endLine: 4, maxChars: 20_000 });
  assert.equal(prompt.content, `${same.content}\n\nFocus on x.`);
  assert.equal(prompt.display, `${same.display}\n\nFocus on x.`);
  assert.deepEqual(prompt.context, { fileName: 'src/a.ts', languageId: 'typescript', startLine: 3, endLine: 4 });
  assert.match(prompt.systemPrompt, /^Be terse\.\n\nThe user shares code/);
  const custom = slashPrompt({ name: 'doc', rest: '' }, sel, '', { prompts: { ...DEFAULT_PROMPTS, document: 'DOC ${fileName} ${startLine}: ${code}' }, maxChars: 100 })!;
  assert.match(custom.content, /^DOC src\/a\.ts 3: ```typescript\nlet x = 1;\nx\+\+;\n```$/);
});

test('the webview completes what is typed after /', () => {
  assert.deepEqual(slashMatches('/').map((i) => i.name), ['explain', 'fix', 'tests', 'doc', 'new']);
  assert.deepEqual(slashMatches('/t').map((i) => i.name), ['tests']);
  assert.deepEqual(slashMatches('/tests'), [], 'complete already');
  assert.deepEqual(slashMatches('/fix '), []);
  assert.deepEqual(slashMatches('hello /'), []);
});

test('in the chat: /fix on the attached selection sends the fix prompt; without a selection it says so and keeps the text; /new starts a chat', async () => {
  let current: Attachment | undefined = selection();
  const source: ContextSource = {
    pick: async () => [],
    fromUris: async () => [],
    suggestion: () => (current ? { key: 'k', kind: 'selection', name: current.name, tokens: current.tokens } : undefined),
    takeSuggestion: async () => (current ? { ok: true, attachment: current } : undefined),
    instructions: async () => ({ refusals: [] }),
    onDidChange: () => ({ dispose: () => undefined }),
  };
  const h = await fixture.harness({ context: source });
  await h.controller.handle({ type: 'ready' });
  await h.controller.handle({ type: 'send', text: '/fix' });
  const body = fixture.server.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!.body as { messages: Array<{ role: string; content: string }> };
  assert.match(body.messages.at(-1)!.content, /^Find and fix the bugs in this typescript code from `src\/a\.ts` \(lines 3–4\)/);
  assert.match(body.messages[0]!.content, /The user shares code from their editor/);
  const user = h.posted.find((m): m is Extract<HostToWebview, { type: 'messageAdded' }> => m.type === 'messageAdded' && m.message.role === 'user')!.message;
  assert.match(user.content, /^\*\*Fix selection\*\* · `src\/a\.ts` lines 3–4/);
  assert.deepEqual(user.context, { fileName: 'src/a.ts', languageId: 'typescript', startLine: 3, endLine: 4 });
  const drafts = h.posted.filter((m): m is Extract<HostToWebview, { type: 'draft' }> => m.type === 'draft');
  assert.equal(drafts.at(-1)?.text, '', 'the input is cleared');

  current = undefined;
  h.mark();
  const notice = h.next('notice');
  const draft = h.next('draft');
  await h.controller.handle({ type: 'send', text: '/explain' });
  assert.match((await notice).message, /\/explain works on a selection/);
  assert.equal((await draft).text, '/explain');

  const before = h.store.active().id;
  await h.controller.handle({ type: 'send', text: '/new' });
  assert.notEqual(h.store.active().id, before);
  assert.equal(h.store.get(before)?.draft, '', 'the command left the old input');
});
