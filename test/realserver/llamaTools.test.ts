// Tool calls against a real llama-server: a scripted model whose fixed output is a Hermes-style
// `<tool_call>{"name": "get_weather", …}</tool_call>`, served (1) with --jinja and a tools-capable Hermes chat template
// written here, so llama-server's own parser turns the text into streamed tool_calls deltas, and (2) without --jinja,
// where the call stays text and the client's text tool-call recogniser (inferenceChat.parseToolCallsFromText) reads it.
// Same environment as llamaServer.test.ts; unset → loudly skipped.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiError, createClient, type ChatRequest, type StreamEvent, type ToolCallEvent, type Usage } from '../../src/api';
import { TextToolCallParser } from '../../src/api/textToolCalls';
import { startLlamaServer, type LlamaServer } from './llamaProcess';
import { HERMES_TEMPLATE } from './hermesTemplate';

const { LLAMA_SERVER, LLAMA_MODEL_DIR, LLAMA_GGUF_SCRIPT } = process.env;

/** The scripted output, one token per piece (pieces must be distinct): `<tool_call>\n{"name": … "Paris"}}\n</tool_call>`. */
const CHAIN = ['<tool_call>', '\n{"name":', '▁"get_weather",', '▁"arguments":', '▁{"city":', '▁"Paris"}}\n', '</tool_call>'];
const TOOLS: ChatRequest['tools'] = [
  { type: 'function', function: { name: 'get_weather', description: 'The weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
];
const ASK = { role: 'user' as const, content: 'What is the weather in Paris?' };

async function collect(stream: AsyncIterable<StreamEvent>) {
  const r = { text: '', texts: [] as string[], calls: [] as ToolCallEvent[], finish: undefined as string | undefined, usage: undefined as Usage | undefined, error: undefined as ApiError | undefined };
  try {
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

if (!LLAMA_SERVER || !LLAMA_MODEL_DIR || !LLAMA_GGUF_SCRIPT) {
  console.warn('\n*** SKIPPED: llama-server tool-call suite — set LLAMA_SERVER, LLAMA_MODEL_DIR and LLAMA_GGUF_SCRIPT ***\n');
  test.skip('llama-server tool-call suite (LLAMA_SERVER / LLAMA_MODEL_DIR / LLAMA_GGUF_SCRIPT not set)', () => undefined);
} else {
  describe('llama-server tool calls (scripted Hermes-style model)', () => {
    let jinja: LlamaServer | undefined;
    let text: LlamaServer | undefined;

    before(async () => {
      fs.mkdirSync(LLAMA_MODEL_DIR, { recursive: true });
      const template = path.join(LLAMA_MODEL_DIR, 'hermes-tools-template.jinja');
      fs.writeFileSync(template, HERMES_TEMPLATE);
      const model = path.join(LLAMA_MODEL_DIR, 'tool-call.gguf');
      execFileSync(process.execPath, [LLAMA_GGUF_SCRIPT, model, ...CHAIN], { stdio: 'ignore' });
      // The byte-level tokenizer makes the tools' system turn long: a bigger window than the other servers.
      const started = await Promise.allSettled([
        startLlamaServer(LLAMA_SERVER, model, 'scripted-tools', ['-c', '4096', '--jinja', '--chat-template-file', template]),
        startLlamaServer(LLAMA_SERVER, model, 'scripted-tools-text', ['-c', '4096']),
      ]);
      [jinja, text] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
      const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw failed.reason;
    });

    after(async () => {
      await Promise.all([jinja?.stop(), text?.stop()]);
    });

    test('with --jinja and a Hermes template, the call arrives as streamed tool_calls and is assembled', async (t) => {
      const r = await collect(createClient({ baseUrl: jinja!.url }).streamChat({ model: 'scripted-tools', messages: [ASK], tools: TOOLS, tool_choice: 'auto' }));
      assert.equal(r.error, undefined, r.error?.message);
      if (r.calls.length === 0 && r.text.includes('<tool_call>')) {
        console.warn(`\n*** llama-server did NOT parse the scripted <tool_call> into tool_calls (it came back as text: ${JSON.stringify(r.text)}) ***\n`);
        t.skip('llama-server answered the call as text: its chat-template tool parser did not apply to this build');
        return;
      }
      assert.deepEqual(r.calls.map((c) => [c.name, c.arguments]), [['get_weather', { city: 'Paris' }]]);
      assert.ok(r.calls[0]!.id.length > 0);
      assert.equal(r.finish, 'tool_calls');
      assert.equal(r.text, '');
    });

    test('the tool result goes back as a tool message after an assistant message with content null, and the template takes it', async () => {
      const client = createClient({ baseUrl: jinja!.url });
      const first = await collect(client.streamChat({ model: 'scripted-tools', messages: [ASK], tools: TOOLS }));
      const call = first.calls[0] ?? { id: 'call_text', name: 'get_weather', arguments: { city: 'Paris' } };
      const result = 'Sunny, 18 degrees, a light breeze from the west.';
      const second = await collect(
        client.streamChat({
          model: 'scripted-tools',
          tools: TOOLS,
          messages: [
            ASK,
            { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } }] },
            { role: 'tool', tool_call_id: call.id, content: result },
          ],
        }),
      );
      assert.equal(second.error, undefined, second.error?.message);
      assert.ok(second.finish === 'tool_calls' || second.finish === 'stop', String(second.finish));
      // The scripted model answers the same call again; the prompt grew by the call and its result, as rendered.
      assert.ok(first.usage && second.usage, 'usage on both');
      assert.ok(second.usage.prompt_tokens > first.usage.prompt_tokens + result.length, `${first.usage.prompt_tokens} → ${second.usage.prompt_tokens}`);
    });

    test('without --jinja the call stays text; the text tool-call recogniser reads it from the real stream', async () => {
      const r = await collect(createClient({ baseUrl: text!.url }).streamChat({ model: 'scripted-tools-text', messages: [ASK] }));
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.text, '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>');
      assert.ok(r.texts.length >= CHAIN.length, 'streamed one token per chunk');
      const parser = new TextToolCallParser(new Set(['get_weather']));
      const events: StreamEvent[] = [];
      for (const piece of r.texts) parser.push(piece, events);
      parser.end(events);
      assert.deepEqual(
        events.map((e) => (e.type === 'tool_call' ? [e.name, e.arguments] : e)),
        [['get_weather', { city: 'Paris' }]],
      );
      const other = new TextToolCallParser(new Set(['read_file']));
      const kept: StreamEvent[] = [];
      for (const piece of r.texts) other.push(piece, kept);
      other.end(kept);
      assert.equal(kept.map((e) => (e.type === 'text' ? e.text : '')).join(''), r.text, 'a tool that was not offered stays text');
    });
  });
}
