// The native chat at full fidelity, through the real vscode.lm API against the fixture server: a tool registered
// with vscode.lm.registerTool run in a tool-call loop to a final answer, images to a vision model (and refused for
// one without), reasoning as thinking parts and sent back with tool calls, calls written as text, cancellation,
// and a model list that follows the settings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startFixtureServer, type FixtureServer, type RecordedRequest } from '../../fixtures/server';
import { configureFixtureProvider, providerService, resetProviders } from '../helpers/fixtureProvider';
import { waitFor } from '../../helpers/waitFor';

/** Contributed by test/integration/tool-extension (loaded beside the extension by the harness). */
const TOOL = 'inferenceChatTest_echo';
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));

type Ctor = new (...args: unknown[]) => unknown;
const runtime = (name: string): Ctor | undefined => (vscode as unknown as Record<string, Ctor | undefined>)[name];

interface Collected {
  text: string;
  thinking: string;
  calls: vscode.LanguageModelToolCallPart[];
}

async function collect(response: vscode.LanguageModelChatResponse): Promise<Collected> {
  const out: Collected = { text: '', thinking: '', calls: [] };
  const Thinking = runtime('LanguageModelThinkingPart');
  for await (const part of response.stream) {
    if (part instanceof vscode.LanguageModelTextPart) out.text += part.value;
    else if (part instanceof vscode.LanguageModelToolCallPart) out.calls.push(part);
    else if (Thinking && part instanceof Thinking) {
      const value = (part as { value: string | string[] }).value;
      out.thinking += Array.isArray(value) ? value.join('') : value;
    }
  }
  return out;
}

suite('lm: tools, images, reasoning and cancellation in the native chat API', () => {
  let server: FixtureServer;
  let tool: vscode.Disposable;
  const invocations: unknown[] = [];

  const chatBodies = (): Array<Record<string, unknown>> =>
    server.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body as Record<string, unknown>);
  const lastChat = (): RecordedRequest | undefined => server.requests.filter((r) => r.path.endsWith('/chat/completions')).pop();

  async function model(id: string): Promise<vscode.LanguageModelChat> {
    return waitFor(`the model ${id} in vscode.lm`, async () => (await vscode.lm.selectChatModels({ vendor: 'inferenceChat', id }))[0]);
  }

  function echoTool(): vscode.LanguageModelChatTool {
    const info = vscode.lm.tools.find((t) => t.name === TOOL);
    assert.ok(info, `${TOOL} is registered (contributed by test/integration/tool-extension)`);
    return { name: info.name, description: info.description, inputSchema: info.inputSchema };
  }

  suiteSetup(async () => {
    await vscode.workspace.getConfiguration('chat').update('disableAIFeatures', false, vscode.ConfigurationTarget.Global);
    server = await startFixtureServer();
    await configureFixtureProvider(server.url);
    tool = vscode.lm.registerTool<{ text: string }>(TOOL, {
      invoke: (options) => {
        invocations.push(options.input);
        return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(`echo: ${options.input.text}`)]);
      },
    });
  });
  suiteTeardown(async () => {
    tool.dispose();
    await vscode.workspace.getConfiguration('inferenceChat').update('parseToolCallsFromText', undefined, vscode.ConfigurationTarget.Global);
    await resetProviders();
    await server.close();
    await vscode.workspace.getConfiguration('chat').update('disableAIFeatures', undefined, vscode.ConfigurationTarget.Global);
  });
  setup(() => server.setScenario('normal'));

  test('a tool-call loop with a registered tool runs to a final answer that quotes the tool result', async () => {
    server.setScenario('tool-call-loop', { arguments: { text: 'ping' } });
    const chat = await model('fixture-model');
    const tools = [echoTool()];
    const messages = [vscode.LanguageModelChatMessage.User('Use the echo tool on "ping".')];

    const first = await collect(await chat.sendRequest(messages, { tools, toolMode: vscode.LanguageModelChatToolMode.Auto }));
    assert.equal(first.text, 'Let me call a tool. ');
    assert.equal(first.calls.length, 1);
    const call = first.calls[0]!;
    assert.equal(call.name, TOOL);
    assert.deepEqual(call.input, { text: 'ping' });
    const firstBody = chatBodies().pop()!;
    assert.deepEqual((firstBody.tools as Array<{ function: { name: string } }>).map((t) => t.function.name), [TOOL]);
    assert.equal(firstBody.tool_choice, 'auto');

    const result = await vscode.lm.invokeTool(call.name, { input: call.input, toolInvocationToken: undefined });
    assert.deepEqual(invocations.pop(), { text: 'ping' });
    messages.push(
      vscode.LanguageModelChatMessage.Assistant([new vscode.LanguageModelTextPart(first.text), call]),
      vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart(call.callId, result.content)]),
    );
    const second = await collect(await chat.sendRequest(messages, { tools }));
    assert.equal(second.text, 'The tool answered: echo: ping');
    assert.deepEqual(second.calls, []);
    const wire = chatBodies().pop()!.messages as Array<Record<string, unknown>>;
    assert.deepEqual(wire.slice(1), [
      { role: 'assistant', content: 'Let me call a tool. ', tool_calls: [{ id: call.callId, type: 'function', function: { name: TOOL, arguments: '{"text":"ping"}' } }] },
      { role: 'tool', tool_call_id: call.callId, content: 'echo: ping' },
    ]);
  });

  test('toolMode Required with one tool names that tool in tool_choice', async () => {
    server.setScenario('tool-call-loop', { arguments: { text: 'forced' } });
    const chat = await model('fixture-model');
    const r = await collect(await chat.sendRequest([vscode.LanguageModelChatMessage.User('Go')], { tools: [echoTool()], toolMode: vscode.LanguageModelChatToolMode.Required }));
    assert.deepEqual(r.calls.map((c) => c.input), [{ text: 'forced' }]);
    assert.deepEqual(chatBodies().pop()!.tool_choice, { type: 'function', function: { name: TOOL } });
  });

  test('an image (a data part) goes to a vision model as an image_url data URL', async function () {
    const DataPart = runtime('LanguageModelDataPart') as (new (data: Uint8Array, mimeType: string) => unknown) | undefined;
    if (!DataPart) this.skip(); // hosts before 1.106 have no data parts to send
    const chat = await model('fixture/vision-model');
    server.setReply('A one-pixel image.');
    const message = vscode.LanguageModelChatMessage.User([new vscode.LanguageModelTextPart('What is this?'), new DataPart(PNG, 'image/png')] as never);
    const r = await collect(await chat.sendRequest([message], {}));
    assert.equal(r.text, 'A one-pixel image.');
    const wire = chatBodies().pop()!.messages as Array<{ role: string; content: unknown }>;
    assert.deepEqual(wire, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${Buffer.from(PNG).toString('base64')}` } },
        ],
      },
    ]);
  });

  test('an image to a model whose profile says no vision is refused before anything is sent', async function () {
    const DataPart = runtime('LanguageModelDataPart') as (new (data: Uint8Array, mimeType: string) => unknown) | undefined;
    if (!DataPart) this.skip();
    const chat = await model('fixture-model');
    const before = chatBodies().length;
    const message = vscode.LanguageModelChatMessage.User([new vscode.LanguageModelTextPart('What is this?'), new DataPart(PNG, 'image/png')] as never);
    await assert.rejects(async () => collect(await chat.sendRequest([message], {})), /fixture-model does not take images/);
    assert.equal(chatBodies().length, before, 'no request reached the server');
  });

  test('reasoning streams as thinking parts, and goes back with the tool call it led to', async function () {
    if (!runtime('LanguageModelThinkingPart')) this.skip(); // not in this host: reasoning is then not shown
    server.setScenario('tool-call-reasoning', { arguments: { text: 'why' } });
    const chat = await model('fixture-model');
    const tools = [echoTool()];
    const messages = [vscode.LanguageModelChatMessage.User('Think, then call the tool.')];
    const first = await collect(await chat.sendRequest(messages, { tools }));
    assert.equal(first.thinking, 'I should call the tool first.');
    assert.equal(first.text, '', 'reasoning is not answer text');
    const call = first.calls[0]!;
    messages.push(
      vscode.LanguageModelChatMessage.Assistant([call]),
      vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart(call.callId, [new vscode.LanguageModelTextPart('ok')])]),
    );
    const second = await collect(await chat.sendRequest(messages, { tools }));
    assert.equal(second.text, 'Reasoning sent back: I should call the tool first.');
  });

  test('inferenceChat.parseToolCallsFromText turns a <tool_call> written as text into a tool call', async () => {
    server.setScenario('tool-call-as-text', { arguments: { text: 'from text' } });
    const chat = await model('fixture-model');
    const ask = async () => collect(await chat.sendRequest([vscode.LanguageModelChatMessage.User('Go')], { tools: [echoTool()] }));
    const off = await ask();
    assert.deepEqual(off.calls, []);
    assert.match(off.text, /<tool_call>/, 'off by default: the text is shown as it came');
    await vscode.workspace.getConfiguration('inferenceChat').update('parseToolCallsFromText', true, vscode.ConfigurationTarget.Global);
    const on = await waitFor('the setting to apply', async () => {
      const r = await ask();
      return r.calls.length > 0 ? r : undefined;
    });
    assert.equal(on.text, 'Calling it now.\n');
    assert.deepEqual(on.calls.map((c) => [c.name, c.input]), [[TOOL, { text: 'from text' }]]);
    await vscode.workspace.getConfiguration('inferenceChat').update('parseToolCallsFromText', undefined, vscode.ConfigurationTarget.Global);
  });

  test('cancelling mid-stream aborts the request: the server sees the connection closed', async () => {
    server.setScenario('slow', { count: 5000, intervalMs: 20 });
    const chat = await model('fixture-model');
    const source = new vscode.CancellationTokenSource();
    const response = await chat.sendRequest([vscode.LanguageModelChatMessage.User('Talk for a long time')], {}, source.token);
    let text = '';
    try {
      for await (const part of response.text) {
        text += part;
        if (text.length > 20) source.cancel();
      }
    } catch {
      // a cancelled response may end with a cancellation error
    }
    assert.ok(text.startsWith('word0 '), text.slice(0, 40));
    const request = lastChat()!;
    await waitFor('the server to see the connection closed', () => request.closedEarly);
    assert.ok(!text.includes('word4999'), 'the stream stopped long before its end');
  });

  test('capabilities reach VS Code from the profile: server metadata, defaults, and inferenceChat.modelOverrides', async function () {
    type Caps = { supportsImageToText?: boolean; supportsToolCalling?: boolean };
    const caps = async (id: string): Promise<Caps | undefined> => {
      const found = ((await model(id)) as unknown as { capabilities?: Caps }).capabilities;
      return found && { supportsImageToText: found.supportsImageToText, supportsToolCalling: found.supportsToolCalling };
    };
    if (!(await caps('fixture-model'))) this.skip(); // this host does not show a model's capabilities to extensions
    assert.deepEqual(await caps('fixture/vision-model'), { supportsImageToText: true, supportsToolCalling: true }, 'from its /models entry');
    assert.equal((await caps('fixture/text-only-model'))?.supportsToolCalling, false, 'supported_parameters without tools');
    assert.deepEqual(await caps('fixture-model'), { supportsImageToText: false, supportsToolCalling: true }, 'nothing known: the defaults');
    const config = vscode.workspace.getConfiguration('inferenceChat');
    await config.update('modelOverrides', { 'fixture-model': { vision: true, toolCalling: false } }, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the override to reach VS Code', async () => (await caps('fixture-model'))?.supportsImageToText === true);
      assert.equal((await caps('fixture-model'))?.supportsToolCalling, false);
    } finally {
      await config.update('modelOverrides', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('token counts use the chat\'s estimate, and learn from the usage a server reports', async () => {
    server.setScenario('byte-tokenizer');
    const chat = await model('fixture/text-only-model');
    const text = 'Count the tokens of this sentence, which is long enough to teach the estimate something. '.repeat(3);
    const before = await chat.countTokens(text);
    assert.equal(before, Math.ceil(text.length / 3), 'ASCII: one token per 3 characters, as the sidebar chat estimates');
    await collect(await chat.sendRequest([vscode.LanguageModelChatMessage.User(text)], {}));
    // The server counted one token per byte: about three times the estimate, which now scales by what it learned.
    const after = await waitFor('the calibrated count', async () => {
      const n = await chat.countTokens(text);
      return n > before ? n : undefined;
    });
    assert.ok(after >= 2 * before && after <= 3 * before + 1, `${before} → ${after}`);
  });

  test('the model list follows the settings: a max-tokens setting changes what VS Code is told', async () => {
    const before = await model('fixture-model');
    assert.equal(before.maxInputTokens, 8192 - 2048, 'window 8192, reply reserve a quarter of it');
    await vscode.workspace.getConfiguration('inferenceChat').update('maxTokens', 1000, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the list to change', async () => (await model('fixture-model')).maxInputTokens === 8192 - 1000);
      assert.equal((await model('fixture/vision-model')).maxInputTokens, 65536 - 1000);
    } finally {
      await vscode.workspace.getConfiguration('inferenceChat').update('maxTokens', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  // Last: it leaves VS Code with the other list until the suite's teardown resets the provider.
  test('a refreshed model list that differs reaches VS Code after the next response', async () => {
    const chat = await model('fixture-model');
    server.setScenario('models-llama'); // GET /models now answers llama-server's list: one model, "scripted"
    (await providerService()).invalidateModels(); // what Refresh Models does (it fires no settings or key change)
    let changes = 0;
    const sub = vscode.lm.onDidChangeChatModels(() => changes++);
    try {
      await collect(await chat.sendRequest([vscode.LanguageModelChatMessage.User('hi')], {}));
      // Nothing here asks VS Code for models: only the provider's change event can make it look again.
      await waitFor('VS Code to hear that the list changed', () => changes > 0);
    } finally {
      sub.dispose();
    }
    assert.deepEqual((await vscode.lm.selectChatModels({ vendor: 'inferenceChat' })).map((m) => m.id), ['scripted']);
  });
});
