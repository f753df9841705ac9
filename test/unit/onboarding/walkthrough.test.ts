// The walkthrough in package.json (its English text from package.nls.json) and the context keys that complete its steps (src/onboarding), kept equal;
// and what completes each step.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { COMMANDS } from '../../../src/common/commands';
import { ChatProgress, providerSteps, WALKTHROUGH_CONTEXT, WALKTHROUGH_ID, type WalkthroughStep } from '../../../src/onboarding/core/walkthroughProgress';
import type { HostToWebview, MessageView } from '../../../src/protocol';
import { readManifest } from '../helpers/manifest';

interface WalkthroughStepJson {
  id: string;
  title: string;
  description: string;
  media: { image?: string; altText?: string; markdown?: string };
  completionEvents: string[];
}
const manifest = readManifest<{
  contributes: { walkthroughs: Array<{ id: string; title: string; steps: WalkthroughStepJson[] }> };
}>();
const walkthrough = manifest.contributes.walkthroughs.find((w) => w.id === WALKTHROUGH_ID);

/** Commands of VS Code itself that the steps link to. */
const WORKBENCH_COMMANDS = ['workbench.action.chat.open', 'workbench.action.quickOpen'];

describe('the walkthrough in package.json', () => {
  test('it exists, and each step completes on exactly one of the context keys, each key used once', () => {
    assert.ok(walkthrough, `a walkthrough with id ${WALKTHROUGH_ID}`);
    const events = walkthrough.steps.map((s) => s.completionEvents);
    assert.deepEqual(events, Object.values(WALKTHROUGH_CONTEXT).map((key) => [`onContext:${key}`]));
  });

  test('Prime Intellect comes first, with where to find the key and the team id', () => {
    const [provider, key] = walkthrough!.steps;
    assert.match(provider!.description, /^\*\*Prime Intellect\*\*/);
    assert.match(provider!.description, /X-Prime-Team-ID/);
    assert.match(provider!.description, /prime teams list/);
    assert.match(provider!.description, /https:\/\/app\.primeintellect\.ai\/dashboard\/team-profile/);
    assert.match(key!.description, /app\.primeintellect\.ai.*Settings → API Keys/);
  });

  test('every command link is a command of the extension or of VS Code', () => {
    const known = new Set<string>([...Object.values(COMMANDS), ...WORKBENCH_COMMANDS]);
    const linked = walkthrough!.steps.flatMap((s) => [...s.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]!));
    assert.ok(linked.length >= walkthrough!.steps.length, 'each step has a button');
    for (const id of linked) assert.ok(known.has(id), `unknown command ${id}`);
  });

  test('every step has its media, an image with alt text or markdown, in the packaged media/walkthrough/', () => {
    const ignore = readFileSync('.vscodeignore', 'utf8');
    assert.match(ignore, /^!media\/walkthrough\/\*\*$/m, 'media/walkthrough is packaged');
    for (const step of walkthrough!.steps) {
      const file = step.media.image ?? step.media.markdown;
      assert.ok(file?.startsWith('media/walkthrough/'), `${step.id}: ${String(file)}`);
      assert.ok(existsSync(file!), `${step.id}: ${String(file)} exists`);
      if (step.media.image) assert.ok((step.media.altText ?? '').length > 20, `${step.id}: alt text`);
      // Walkthrough descriptions render bold and links, not inline code: a backtick would show as is.
      assert.ok(!step.description.includes('`'), `${step.id}: no backticks in the description`);
    }
  });
});

const user = (content: string, context?: MessageView['context']): HostToWebview => ({
  type: 'messageAdded', conversationId: 'c', message: { id: 'u', role: 'user', content, status: 'done', createdAt: 0, ...(context ? { context } : {}) },
});
const reply = (status: MessageView['status']): HostToWebview => ({
  type: 'messageUpdated', conversationId: 'c', message: { id: 'a', role: 'assistant', content: 'x', status, createdAt: 0 },
});
const CONTEXT = { fileName: 'src/a.ts', languageId: 'typescript', startLine: 1, endLine: 3 };

describe('what completes a step', () => {
  test('a finished reply: to a typed question, the sidebar step; to Explain Selection, the explain step; to Fix, none', () => {
    const progress = new ChatProgress();
    const seen = (messages: HostToWebview[]): Array<WalkthroughStep | undefined> => messages.map((m) => progress.observe(m));
    assert.deepEqual(seen([user('How do I sort?'), reply('streaming'), reply('done')]), [undefined, undefined, 'replyReceived']);
    assert.deepEqual(seen([user('**Explain selection** · `src/a.ts` lines 1–3\n\n```ts\nx\n```', CONTEXT), reply('done')]), [undefined, 'explainRun']);
    assert.deepEqual(seen([user('**Fix selection** · `src/a.ts` lines 1–3', CONTEXT), reply('done')]), [undefined, undefined]);
    assert.deepEqual(seen([user('Explain selection please'), reply('done')]), [undefined, 'replyReceived'], 'typed text is a question, whatever it says');
  });

  test('a reply that failed or was stopped completes nothing; a regenerated one counts as its question', () => {
    const progress = new ChatProgress();
    assert.equal(progress.observe(user('Hi')), undefined);
    assert.equal(progress.observe(reply('error')), undefined);
    assert.equal(progress.observe(reply('stopped')), undefined);
    assert.equal(progress.observe(reply('done')), 'replyReceived', 'Retry / Regenerate');
  });

  test('the provider steps: a provider set by the user or with a key; a key (or none needed); a model picked', () => {
    assert.deepEqual(providerSteps({ providerSetByUser: false, hasKey: false, modelChosen: false }), { providerChosen: false, keySet: false, modelChosen: false });
    assert.deepEqual(providerSteps({ providerSetByUser: false, hasKey: true, modelChosen: false }), { providerChosen: true, keySet: true, modelChosen: false });
    assert.deepEqual(providerSteps({ providerSetByUser: true, hasKey: false, modelChosen: true }), { providerChosen: true, keySet: false, modelChosen: true });
  });
});
