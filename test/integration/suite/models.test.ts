// The model as an object in the real extension host: ids the server does not list, the overrides, the
// composer's meter, trimming to the window (what was sent is what the chat shows as sent), and cost.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FIXTURE_PROVIDER_ID } from '../helpers/fixtureProvider';
import { fixtureChatSuite } from '../helpers/fixtureChatSuite';

const KEY = 'models-suite-key-0000';
const config = () => vscode.workspace.getConfiguration('inferenceChat');

suite('models: ids, overrides, the window and cost in the real extension host', () => {
  // Before the shared set-up's (registered first): no overrides and the listed model, before the new chat.
  setup(async () => {
    await config().update('modelOverrides', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('inferenceChat.pickModel', 'fixture-model');
  });
  suiteTeardown(async () => {
    await config().update('modelOverrides', undefined, vscode.ConfigurationTarget.Global);
  });
  const fixture = fixtureChatSuite({ key: KEY, reply: 'A short answer.' });

  test('a model id the server does not list can be used; it is recorded as recently used', async () => {
    await vscode.commands.executeCommand('inferenceChat.pickModel', 'vllm-primary');
    assert.equal(fixture.api.providers.currentModel(FIXTURE_PROVIDER_ID), 'vllm-primary');
    assert.equal(fixture.api.providers.recentModels(FIXTURE_PROVIDER_ID)[0], 'vllm-primary');
    const profile = fixture.api.providers.modelProfile(FIXTURE_PROVIDER_ID, 'vllm-primary');
    assert.equal(profile.listed, false);
    assert.equal(profile.sources.contextWindow, 'default');
    await fixture.api.chat.handleWebviewMessage({ type: 'send', text: 'Hello, unlisted model' });
    const body = fixture.server.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)?.body as { model: string };
    assert.equal(body.model, 'vllm-primary');
  });

  test("the meter: the server's window (fixture-model: 8192 tokens), then the user's override", async () => {
    const first = fixture.recorder.next('budget');
    await fixture.api.chat.handleWebviewMessage({ type: 'ready' });
    const budget = (await first).budget!;
    assert.equal(budget.contextWindow, 8192);
    assert.equal(budget.windowSource, 'server');
    assert.ok(budget.used > 0 && budget.used < budget.limit);
    const overridden = fixture.recorder.next('budget', (m) => m.budget?.windowSource === 'user');
    await config().update('modelOverrides', { 'fixture-model': { contextWindow: 4096, maxOutputTokens: 512 } }, vscode.ConfigurationTarget.Global);
    const after = (await overridden).budget!;
    assert.deepEqual([after.contextWindow, after.reserve, after.limit], [4096, 512, 3584]);
  });

  test('a long conversation is trimmed to the window; the request holds exactly what the chat marks as sent', async () => {
    await config().update('modelOverrides', { 'fixture-model': { contextWindow: 1200, maxOutputTokens: 200 } }, vscode.ConfigurationTarget.Global);
    const long = (n: number): string => `Question ${n}: ${'lorem ipsum dolor '.repeat(60)}`;
    for (let i = 1; i <= 4; i++) await fixture.api.chat.handleWebviewMessage({ type: 'send', text: long(i) });
    const last = fixture.server.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!.body as { messages: Array<{ role: string; content: string }> };
    assert.ok(!last.messages.some((m) => m.content === long(1)), 'the oldest question was not sent');
    assert.equal(last.messages.at(-1)!.content, long(4));
    const reply = fixture.recorder.assistantReplies().at(-1)!;
    const final = fixture.recorder.final(reply.id);
    assert.ok(final.meta?.sentFromId && (final.meta.notSentCount ?? 0) > 0, 'the reply says where the chat was cut');
    // The whole conversation as the view knows it: from the cut on, it is the request (after the system prompt).
    fixture.recorder.mark();
    const state = fixture.recorder.next('state');
    await fixture.api.chat.handleWebviewMessage({ type: 'ready' });
    const messages = (await state).conversation.messages;
    const from = messages.findIndex((m) => m.id === final.meta!.sentFromId);
    const to = messages.findIndex((m) => m.id === reply.id);
    assert.equal(final.meta.notSentCount, from);
    assert.deepEqual(last.messages.filter((m) => m.role !== 'system').map((m) => m.content), messages.slice(from, to).map((m) => m.content));
  });

  test('cost: computed from the listed prices, or the figure the provider reports', async () => {
    await vscode.commands.executeCommand('inferenceChat.pickModel', 'meta-llama/llama-3.1-70b-instruct'); // $0.88 / $0.88 per 1M
    await fixture.api.chat.handleWebviewMessage({ type: 'send', text: 'What does this cost?' });
    const priced = fixture.recorder.final(fixture.recorder.assistantReplies().at(-1)!.id).meta!;
    assert.equal(priced.costSource, 'pricing');
    const tokens = (priced.promptTokens ?? 0) + (priced.completionTokens ?? 0);
    assert.ok(Math.abs((priced.costUsd ?? 0) - (tokens * 0.88) / 1_000_000) < 1e-12, `${priced.costUsd}`);
    fixture.server.setScenario('usage-cost', { cost: 0.0123 });
    await fixture.api.chat.handleWebviewMessage({ type: 'send', text: 'And now?' });
    const reported = fixture.recorder.final(fixture.recorder.assistantReplies().at(-1)!.id).meta!;
    assert.deepEqual([reported.costUsd, reported.costSource], [0.0123, 'provider']);
  });
});

