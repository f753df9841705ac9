// The model's window in the chat: what does not fit is left out before sending (oldest turns first, never the
// system prompt or the newest turn), what was sent is what the chat marks as sent, a message too big for the
// window is refused without a request, the composer's meter, and what a reply cost.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { planPrompt } from '../../../src/prompt/promptPlan';
import { createConversation, type StoredMessage } from '../../../src/history/conversation';
import { assistantAdded, finalOf, type Harness, type HarnessOptions } from '../../helpers/chatHarness';
import { fixtureSuite } from '../../helpers/fixtureSuite';

const KEY = 'test-key-not-secret';
const fixture = fixtureSuite({ key: KEY, reply: 'Short answer.' });

/** A model with a small window (1,000 tokens, 200 kept for the reply) so a few turns overflow it. */
const SMALL = { info: { id: 'small', contextLength: 1000, maxOutputTokens: 200, capabilities: {}, raw: {} } };
const harness = (extra: HarnessOptions['target'] = {}, model: HarnessOptions['model'] = SMALL): Promise<Harness> =>
  fixture.harness({ target: { model: 'small', systemPrompt: 'Be brief.', ...extra }, model });

const chatBodies = (): Array<{ messages: Array<{ role: string; content: string }>; [k: string]: unknown }> =>
  fixture.server.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body as never);

/** About 300 estimated tokens of text per message (ASCII at 3 characters a token). */
const turn = (n: number): string => `Question ${n}: ${'word '.repeat(180)}`;

test('oldest turns are left out to fit; the request starts exactly where the reply says the chat was cut', async () => {
  const h = await harness();
  for (let i = 1; i <= 3; i++) await h.controller.handle({ type: 'send', text: turn(i) });
  const bodies = chatBodies();
  assert.equal(bodies.length, 3);
  // The third request cannot carry all three questions (≈ 900 tokens + replies > 800): the first turn goes.
  const third = bodies[2]!.messages;
  assert.equal(third[0]!.role, 'system', 'the system prompt is never dropped');
  assert.equal(third.at(-1)!.content, turn(3), 'the newest turn is never dropped');
  assert.ok(!third.some((m) => m.content === turn(1)), 'the oldest question was left out');
  const reply = assistantAdded(h.posted)[2]!;
  const meta = finalOf(h.posted, reply.id).meta!;
  const conversation = h.store.active();
  const fromIndex = conversation.messages.findIndex((m) => m.id === meta.sentFromId);
  assert.ok(fromIndex > 0, 'the reply names the first message it sent');
  assert.equal(meta.notSentCount, fromIndex, 'every earlier message (question and answer) is counted as not sent');
  // What was sent is exactly the conversation from that message on (system prompt first).
  const shownAsSent = conversation.messages.slice(fromIndex, conversation.messages.indexOf(conversation.messages.find((m) => m.id === reply.id)!));
  assert.deepEqual(
    third.slice(1).map((m) => m.content),
    shownAsSent.map((m) => m.content),
  );
  // The cut is visible as soon as the reply starts, not only when it ends.
  const early = h.posted.find((m) => m.type === 'messageUpdated' && m.message.id === reply.id && m.message.status === 'streaming');
  assert.ok(early && early.type === 'messageUpdated' && early.message.meta?.sentFromId === meta.sentFromId);
  h.controller.dispose();
});

test('a message too big for the window is refused before anything is sent, with a clear message', async () => {
  const h = await harness();
  await h.controller.handle({ type: 'send', text: 'x'.repeat(5000) });
  assert.equal(chatBodies().length, 0, 'no request was sent');
  const reply = assistantAdded(h.posted)[0]!;
  const final = finalOf(h.posted, reply.id);
  assert.equal(final.status, 'error');
  assert.equal(final.error?.kind, 'context');
  assert.equal(final.error?.reason, 'message_too_large');
  assert.match(final.error.message, /^This message needs about 1,681 tokens, but small has room for 800 \(a window of 1,000 minus 200 kept for the reply\)\. .*Nothing was sent\.$/);
  assert.deepEqual(final.error?.actions, ['pickModel', 'retry']);
  h.controller.dispose();
});

test('the composer meter: the system prompt, the history that fits and the draft, against the window minus the reserve', async () => {
  const h = await harness();
  const first = h.next('budget');
  await h.controller.handle({ type: 'ready' });
  const empty = (await first).budget!;
  assert.deepEqual({ limit: empty.limit, contextWindow: empty.contextWindow, reserve: empty.reserve, notSent: empty.notSent, fits: empty.fits, windowSource: empty.windowSource }, {
    limit: 800,
    contextWindow: 1000,
    reserve: 200,
    notSent: 0,
    fits: true,
    windowSource: 'server',
  });
  const typed = h.next('budget');
  await h.controller.handle({ type: 'draftChanged', text: turn(1) });
  const withDraft = (await typed).budget!;
  assert.ok(withDraft.used > empty.used + 250, `the draft counts: ${empty.used} → ${withDraft.used}`);
  const tooLong = h.next('budget');
  await h.controller.handle({ type: 'draftChanged', text: 'x'.repeat(5000) });
  assert.equal((await tooLong).budget!.fits, false, 'a draft that cannot fit says so before it is sent');
  h.controller.dispose();
});

test('cost: the provider figure when it gives one, else the listed prices × the usage, else nothing', async () => {
  const priced = { info: { id: 'priced', contextLength: 8192, pricing: { inputPerMTok: 2, outputPerMTok: 10 }, capabilities: {}, raw: {} } };
  const h = await harness({ model: 'priced' }, priced);
  await h.controller.handle({ type: 'send', text: 'Hello' });
  const computed = finalOf(h.posted, assistantAdded(h.posted)[0]!.id).meta!;
  const expected = ((computed.promptTokens ?? 0) * 2 + (computed.completionTokens ?? 0) * 10) / 1_000_000;
  assert.equal(computed.costSource, 'pricing');
  assert.ok(Math.abs((computed.costUsd ?? 0) - expected) < 1e-12, `${computed.costUsd} vs ${expected}`);
  fixture.server.setScenario('usage-cost', { cost: 0.0042 });
  await h.controller.handle({ type: 'send', text: 'Again' });
  const reported = finalOf(h.posted, assistantAdded(h.posted)[1]!.id).meta!;
  assert.deepEqual([reported.costUsd, reported.costSource], [0.0042, 'provider']);
  h.controller.dispose();

  const unpriced = await harness();
  fixture.server.setScenario('normal');
  await unpriced.controller.handle({ type: 'send', text: 'Hello' });
  assert.equal(finalOf(unpriced.posted, assistantAdded(unpriced.posted)[0]!.id).meta?.costUsd, undefined);
  unpriced.controller.dispose();
});

test('provider and model fields (reasoning effort, usage include, extraBody) reach the request', async () => {
  const h = await harness({ extra: { reasoning_effort: 'high', usage: { include: true }, top_k: 20 } });
  await h.controller.handle({ type: 'send', text: 'Think hard' });
  const body = chatBodies()[0]!;
  assert.equal(body.reasoning_effort, 'high');
  assert.deepEqual(body.usage, { include: true });
  assert.equal(body.top_k, 20);
  h.controller.dispose();
});

test('planPrompt: a manual "drop oldest" start counts as not sent; the draft is the newest turn', () => {
  const c = createConversation(1);
  const msg = (id: string, role: 'user' | 'assistant', content: string): StoredMessage => ({ id, role, content, status: 'done', createdAt: 1 });
  c.messages.push(msg('u1', 'user', 'one'), msg('a1', 'assistant', 'uno'), msg('u2', 'user', 'two'), msg('a2', 'assistant', 'dos'));
  c.contextFromId = 'u2';
  const plan = planPrompt(c, { chatSystemPrompt: 'sys', draft: 'three', contextWindow: 1000, reserve: 100, scale: (n) => n });
  assert.equal(plan.fits, true);
  assert.equal(plan.sentFromId, 'u2');
  assert.equal(plan.notSent, 2);
  const none = planPrompt(c, { chatSystemPrompt: 'sys', contextWindow: 20, reserve: 5, scale: (n) => n * 10 });
  assert.equal(none.fits, false);
  assert.deepEqual(none.messages, []);
});

test("out of credits at a provider with a billing page: Add credits opens it, through the link check", async () => {
  const h = await harness({ billingUrl: 'https://app.primeintellect.ai/dashboard/billing' });
  fixture.server.setScenario('insufficient-funds');
  await h.controller.handle({ type: 'send', text: 'Hello' });
  const reply = finalOf(h.posted, assistantAdded(h.posted)[0]!.id);
  assert.equal(reply.error?.kind, 'funds');
  assert.deepEqual(reply.error?.actions, ['openBilling', 'switchProvider']);
  await h.controller.handle({ type: 'runAction', action: 'openBilling', messageId: reply.id });
  assert.deepEqual(h.hostCalls, ['open:https://app.primeintellect.ai/dashboard/billing']);
  h.controller.dispose();
});
