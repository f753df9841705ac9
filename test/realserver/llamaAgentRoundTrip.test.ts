// One round trip of agent mode against a real llama-server (--jinja, the Hermes tools template): the model says a
// line and calls read_file; a fake toolbox answers; the assistant message with its text and tool_calls and the tool
// message go back, as the agent sends them (spec §2); the server renders them through its chat template and the
// model's next reply is read. The scripted model can only say its one chain, so the next reply is the same call
// again (what the loop's repeat guard will see). Env as for llamaTools.test.ts; unset → loudly skipped.
//
// The first test goes step by step through the real client (`clientStep`) and looks at the rendered prompt; the
// second runs the chat's own Agent loop (ChatController in Agent mode, an in-memory toolbox) against the server.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiError, createClient, type ChatMessage, type StreamEvent, type ToolCallEvent, type ToolDefinition, type Usage } from '../../src/api';
import type { AgentToolbox, ToolCallInput, ToolRunContext } from '../../src/chat/agentTools';
import { startLlamaServer, type LlamaServer } from './llamaProcess';
import { HERMES_TEMPLATE } from './hermesTemplate';
import { ChatController } from '../../src/chat/chatController';
import { ConversationStore } from '../../src/history/conversationStore';
import { nodeStoreFs } from '../../src/history/storeFs';
import { chatTarget } from '../helpers/chatTarget';
import { recordingLogger } from '../helpers/logger';
import { fakeToolbox as workspaceToolbox } from '../helpers/fakeToolbox';

const { LLAMA_SERVER, LLAMA_MODEL_DIR, LLAMA_GGUF_SCRIPT } = process.env;

/** The scripted output, one token per piece: `Let me read it.<tool_call>\n{"name": "read_file", …}\n</tool_call>`. */
const CHAIN = ['Let', '▁me', '▁read', '▁it.', '<tool_call>', '\n{"name":', '▁"read_file",', '▁"arguments":', '▁{"path":', '▁"math.js"}}\n', '</tool_call>'];
const MATH_LINES = '1| function add(a, b) {\n2|   return a - b;\n3| }\n4| module.exports = { add };';

/**
 * Four of the built-in tools (spec §4), without descriptions: the scripted model's tokenizer spends a token per byte
 * and its window is 2 048 tokens (llama-server caps -c there), so the tools' system turn has to stay short.
 */
const AGENT_TOOLS: ToolDefinition[] = [
  fn('read_file', { path: { type: 'string' }, start_line: { type: 'integer' } }, ['path']),
  fn('list_dir', { path: { type: 'string' } }, []),
  fn('edit_file', { path: { type: 'string' }, edits: { type: 'string' } }, ['path', 'edits']),
  fn('run_command', { command: { type: 'string' } }, ['command']),
];

function fn(name: string, properties: Record<string, unknown>, required: string[]): ToolDefinition {
  return { type: 'function', function: { name, parameters: { type: 'object', properties, required } } };
}

/** A toolbox of the loop's seam that answers read_file with a fixed file and records what it was asked. */
function fakeToolbox(): AgentToolbox & { calls: ToolCallInput[] } {
  const calls: ToolCallInput[] = [];
  return {
    calls,
    definitions: () => AGENT_TOOLS,
    run(call) {
      calls.push(call);
      return Promise.resolve(call.name === 'read_file' ? { status: 'done', result: MATH_LINES, summary: 'math.js lines 1–4' } : { status: 'error', result: `Unknown tool ${call.name}.` });
    },
    beginCheckpoint: () => ({ before: () => Promise.resolve(), after: () => undefined, commandRan: () => undefined, record: () => undefined }),
    undo: () => Promise.resolve({ ok: true, restored: 0, removed: 0 }),
    restricted: () => undefined,
  };
}

interface StepResult {
  text: string;
  texts: string[];
  calls: ToolCallEvent[];
  finish?: string;
  usage?: Usage;
  error?: ApiError;
}

/** One agent step through the real client: the conversation so far and the tools → the streamed reply. */
async function clientStep(server: LlamaServer, messages: ChatMessage[], tools: ToolDefinition[]): Promise<StepResult> {
  const r: StepResult = { text: '', texts: [], calls: [] };
  try {
    const stream: AsyncIterable<StreamEvent> = createClient({ baseUrl: server.url }).streamChat({ model: 'scripted-agent', messages, tools, tool_choice: 'auto' });
    for await (const ev of stream) {
      if (ev.type === 'text') {
        r.text += ev.text;
        r.texts.push(ev.text);
      } else if (ev.type === 'tool_call') r.calls.push(ev);
      else if (ev.type === 'finish') r.finish = ev.reason;
      else if (ev.type === 'usage') r.usage = ev.usage;
    }
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    r.error = err;
  }
  return r;
}

/** The prompt llama-server renders for a conversation (its /apply-template beside /v1): what the model reads. */
async function renderedPrompt(server: LlamaServer, messages: ChatMessage[], tools: ToolDefinition[]): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${server.port}/apply-template`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages, tools }),
    signal: AbortSignal.timeout(30_000),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()) as { prompt: string }).prompt;
}

const CONTEXT: ToolRunContext = {
  signal: new AbortController().signal,
  approve: () => Promise.resolve('once'),
  progress: () => undefined,
  checkpoint: fakeToolbox().beginCheckpoint(),
};

if (!LLAMA_SERVER || !LLAMA_MODEL_DIR || !LLAMA_GGUF_SCRIPT) {
  console.warn('\n*** SKIPPED: llama-server agent round trip — set LLAMA_SERVER, LLAMA_MODEL_DIR and LLAMA_GGUF_SCRIPT ***\n');
  test.skip('llama-server agent round trip (LLAMA_SERVER / LLAMA_MODEL_DIR / LLAMA_GGUF_SCRIPT not set)', () => undefined);
} else {
  describe('agent mode against llama-server --jinja (scripted Hermes-style model)', () => {
    let server: LlamaServer | undefined;

    before(async () => {
      fs.mkdirSync(LLAMA_MODEL_DIR, { recursive: true });
      const template = path.join(LLAMA_MODEL_DIR, 'hermes-agent-template.jinja');
      fs.writeFileSync(template, HERMES_TEMPLATE);
      const model = path.join(LLAMA_MODEL_DIR, 'agent-round-trip.gguf');
      execFileSync(process.execPath, [LLAMA_GGUF_SCRIPT, model, ...CHAIN], { stdio: 'ignore' });
      server = await startLlamaServer(LLAMA_SERVER, model, 'scripted-agent', ['-c', '2048', '--jinja', '--chat-template-file', template]);
    });

    after(async () => {
      await server?.stop();
    });

    test('a call, its result sent back as the agent sends it, and the next reply', async (t) => {
      const toolbox = fakeToolbox();
      const tools = toolbox.definitions([]);
      const messages: ChatMessage[] = [
        { role: 'system', content: 'You are a coding agent. Use the tools.' },
        { role: 'user', content: 'The test in test.js fails. Fix math.js.' },
      ];
      const first = await clientStep(server!, messages, tools);
      assert.equal(first.error, undefined, first.error?.message);
      if (first.calls.length === 0 && first.text.includes('<tool_call>')) {
        console.warn(`\n*** llama-server did NOT parse the scripted <tool_call> into tool_calls (it came back as text: ${JSON.stringify(first.text)}) ***\n`);
        t.skip('llama-server answered the call as text: its chat-template tool parser did not apply to this build');
        return;
      }
      assert.deepEqual(first.calls.map((c) => [c.name, c.arguments]), [['read_file', { path: 'math.js' }]]);
      assert.equal(first.text, 'Let me read it.', 'the words before the call stream as text');
      assert.ok(first.texts.length > 1, 'in several pieces');
      assert.equal(first.finish, 'tool_calls');

      // The loop's part: run each call, then the step with its results (spec §2: content is the text or null).
      const outcomes = await Promise.all(first.calls.map((c) => toolbox.run({ id: c.id, name: c.name, arguments: c.arguments }, CONTEXT)));
      assert.deepEqual(toolbox.calls.map((c) => [c.id, c.name]), [[first.calls[0]!.id, 'read_file']]);
      messages.push(
        { role: 'assistant', content: first.text || null, tool_calls: first.calls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: JSON.stringify(c.arguments) } })) },
        ...first.calls.map((c, i): ChatMessage => ({ role: 'tool', tool_call_id: c.id, content: outcomes[i]!.result })),
      );

      const prompt = await renderedPrompt(server!, messages, tools);
      assert.ok(prompt.includes('<|im_start|>assistant\nLet me read it.\n<tool_call>\n{"name": "read_file", "arguments": {"path": "math.js"}}\n</tool_call><|im_end|>'), prompt);
      assert.ok(prompt.includes(`<|im_start|>user\n<tool_response>\n${MATH_LINES}\n</tool_response><|im_end|>\n<|im_start|>assistant\n`), 'the result reaches the model in the template’s tool turn');

      const second = await clientStep(server!, messages, tools);
      assert.equal(second.error, undefined, second.error?.message);
      assert.deepEqual(second.calls.map((c) => [c.name, c.arguments]), [['read_file', { path: 'math.js' }]], 'the scripted model repeats its call');
      assert.ok(second.calls[0]!.id.length > 0);
      assert.equal(second.finish, 'tool_calls');
      assert.ok(first.usage && second.usage, 'usage on both');
      assert.ok(second.usage.prompt_tokens > first.usage.prompt_tokens + MATH_LINES.length, `${first.usage.prompt_tokens} → ${second.usage.prompt_tokens}`);
    });

    test('the chat\'s Agent loop against the server: each call run and its result sent back, until the step limit', async () => {
      const dir = fs.mkdtempSync(path.join(LLAMA_MODEL_DIR, 'chat-'));
      const log = recordingLogger();
      const store = await ConversationStore.open(dir, nodeStoreFs, log);
      const box = workspaceToolbox({ 'math.js': 'function add(a, b) {\n  return a - b;\n}\n' });
      // One tool offered: the scripted model's window is 2 048 byte-tokens, and the template adds its own text.
      // (with its real parameters: llama-server's grammar holds the model's arguments to the schema).
      const readOnly = { ...box, definitions: () => [AGENT_TOOLS[0]!] };
      const target = chatTarget({ model: 'scripted-agent', client: createClient({ baseUrl: server!.url }), sampling: { max_tokens: 64 } }, { override: { contextWindow: 2048 } });
      const controller = new ChatController({
        store,
        targets: { resolve: async () => target, describe: async () => ({ providerName: 'llama-server', model: target.model, hasKey: true }) },
        host: { copyText: async () => undefined, insertCode: async () => undefined, openInEditor: async () => undefined, applyCode: async () => undefined, openExternal: async () => undefined, runCommand: async () => undefined, showMarkdown: async () => undefined, showReadOnly: async () => undefined },
        post: () => undefined,
        log,
        agent: { toolbox: readOnly, settings: () => ({ autoApplyEdits: false, readWithoutAsking: true, commandTimeoutSeconds: 60, maxSteps: 2, maxTokensPerTurn: 0, maxCostPerTurn: 0 }), announceApproval: () => undefined, chooseTools: async () => undefined },
      });
      try {
        await controller.handle({ type: 'setMode', mode: 'agent' });
        await controller.handle({ type: 'send', text: 'Fix math.js.' });
        const steps = store.active().messages.slice(1);
        assert.deepEqual(steps.map((m) => m.error?.message), steps.map(() => undefined), 'every request was taken');
        // Two steps fill the scripted model's small window; the step limit ends the turn there.
        assert.deepEqual(steps.map((m) => m.content), ['Let me read it.', 'Let me read it.']);
        assert.deepEqual(steps.map((m) => m.toolCalls?.map((c) => `${c.name}:${c.arguments}:${c.status}`)), [['read_file:{"path":"math.js"}:done'], ['read_file:{"path":"math.js"}:done']]);
        assert.equal(steps[1]!.agentStop?.reason, 'steps');
        assert.deepEqual(box.ran, ['read_file', 'read_file']);
        assert.ok((steps[1]!.meta?.promptTokens ?? 0) > (steps[0]!.meta?.promptTokens ?? 0), 'the second step carried the first one\'s result');
      } finally {
        controller.dispose();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
