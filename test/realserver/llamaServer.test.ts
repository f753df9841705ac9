// The client against a real OpenAI-compatible server: llama.cpp's llama-server with tiny scripted GGUF models
// (deterministic output). Env:
//   LLAMA_SERVER       path to the llama-server binary or wrapper
//   LLAMA_MODEL_DIR    a writable folder; the models are created there with…
//   LLAMA_GGUF_SCRIPT  …the make-scripted-gguf.mjs script
//   LLAMA_THINK_TEMPLATE (optional) chat template for the reasoning model; the suite writes its own copy otherwise
// Any of the first three unset → loudly skipped.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiError, createClient, type StreamEvent, type ToolCallEvent } from '../../src/api';
import { startLlamaServer, type LlamaServer } from './llamaProcess';

const { LLAMA_SERVER, LLAMA_MODEL_DIR, LLAMA_GGUF_SCRIPT, LLAMA_THINK_TEMPLATE } = process.env;
const KEY = 'sk-llama-realserver';
const REQ = { model: 'scripted', messages: [{ role: 'user' as const, content: 'What is the capital of France?' }] };

// Same as the peers' think-template.jinja: a ChatML template that lets --reasoning-format deepseek split <think>.
const THINK_TEMPLATE = `{%- for message in messages %}
{%- if message.role == 'assistant' %}
{{- '<|im_start|>assistant\\n' }}{%- if message.reasoning_content %}{{- '<think>\\n' + message.reasoning_content + '\\n</think>\\n\\n' }}{%- endif %}{{- message.content + '<|im_end|>\\n' }}
{%- else %}
{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}
{%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
{{- '<|im_start|>assistant\\n' }}
{%- if enable_thinking is defined and enable_thinking is false %}{{- '<think>\\n\\n</think>\\n\\n' }}{%- endif %}
{%- endif %}
`;

function makeModel(file: string, chain: string[], loop = false): string {
  const out = path.join(LLAMA_MODEL_DIR!, file);
  execFileSync(process.execPath, [LLAMA_GGUF_SCRIPT!, out, ...chain], { env: { ...process.env, LOOP: loop ? '1' : '0' }, stdio: 'ignore' });
  return out;
}

async function collect(stream: AsyncIterable<StreamEvent>, onEvent?: (ev: StreamEvent) => void) {
  const r = { text: '', reasoning: '', finish: undefined as string | undefined, usage: undefined as unknown, error: undefined as ApiError | undefined, texts: 0, toolCalls: [] as ToolCallEvent[] };
  try {
    for await (const ev of stream) {
      if (ev.type === 'text') {
        r.text += ev.text;
        r.texts++;
      } else if (ev.type === 'reasoning') r.reasoning += ev.text;
      else if (ev.type === 'finish') r.finish = ev.reason;
      else if (ev.type === 'usage') r.usage = ev.usage;
      else if (ev.type === 'tool_call') r.toolCalls.push(ev);
      onEvent?.(ev);
    }
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    r.error = err;
  }
  return r;
}

if (!LLAMA_SERVER || !LLAMA_MODEL_DIR || !LLAMA_GGUF_SCRIPT) {
  console.warn('\n*** SKIPPED: llama-server suite — set LLAMA_SERVER, LLAMA_MODEL_DIR and LLAMA_GGUF_SCRIPT ***\n');
  test.skip('llama-server suite (LLAMA_SERVER / LLAMA_MODEL_DIR / LLAMA_GGUF_SCRIPT not set)', () => undefined);
} else {
  describe('llama-server (real OpenAI-compatible server)', () => {
    let plain: LlamaServer | undefined;
    let think: LlamaServer | undefined;
    let loop: LlamaServer | undefined;

    before(async () => {
      fs.mkdirSync(LLAMA_MODEL_DIR, { recursive: true });
      const template = LLAMA_THINK_TEMPLATE ?? path.join(LLAMA_MODEL_DIR, 'think-template.jinja');
      if (!LLAMA_THINK_TEMPLATE) fs.writeFileSync(template, THINK_TEMPLATE);
      const plainModel = makeModel('plain.gguf', ['Paris', '▁is', '▁the', '▁capital', '.']);
      const thinkModel = makeModel('think.gguf', ['<think>', 'Let', '▁me', '▁think', '</think>', 'The', '▁answer', '▁is', '▁42', '.']);
      const loopModel = makeModel('loop.gguf', ['Again', '▁and', '▁again', ','], true);
      const started = await Promise.allSettled([
        startLlamaServer(LLAMA_SERVER, plainModel, 'scripted', ['--api-key', KEY]),
        startLlamaServer(LLAMA_SERVER, thinkModel, 'scripted-think', ['--reasoning-format', 'deepseek', '--chat-template-file', template]),
        startLlamaServer(LLAMA_SERVER, loopModel, 'scripted-loop'),
      ]);
      [plain, think, loop] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
      const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw failed.reason;
    });

    after(async () => {
      await Promise.all([plain?.stop(), think?.stop(), loop?.stop()]);
    });

    test('lists models (llama-server adds models[] beside data[])', async () => {
      const models = await createClient({ baseUrl: plain!.url, apiKey: KEY }).listModels();
      assert.deepEqual(models.map((m) => m.id), ['scripted']);
      assert.equal(models[0]!.owned_by, 'llamacpp');
      assert.equal(models[0]!.contextLength, 1024, 'the running window (-c 1024), not the trained 2048');
    });

    test('streams the scripted text with finish "stop" and usage', async () => {
      const r = await collect(createClient({ baseUrl: plain!.url, apiKey: KEY }).streamChat(REQ));
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.text, 'Paris is the capital.');
      assert.ok(r.texts >= 5, 'one token per chunk');
      assert.equal(r.finish, 'stop');
      const usage = r.usage as { prompt_tokens: number; completion_tokens: number; total_tokens: number };
      assert.ok(usage.prompt_tokens > 0);
      assert.ok(usage.completion_tokens >= 5, 'the five scripted tokens (llama-server may count the end token too)');
      assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
    });

    test('non-streamed chat returns the same text', async () => {
      const r = await createClient({ baseUrl: `${plain!.url}/`, apiKey: KEY }).chat(REQ);
      assert.equal(r.text, 'Paris is the capital.');
      assert.equal(r.finishReason, 'stop');
    });

    test('max_tokens → finish "length"', async () => {
      const r = await collect(createClient({ baseUrl: plain!.url, apiKey: KEY }).streamChat({ ...REQ, max_tokens: 2 }));
      assert.equal(r.text, 'Paris is');
      assert.equal(r.finish, 'length');
    });

    test('a wrong key → 401 kind auth, the key not in the message', async () => {
      const r = await collect(createClient({ baseUrl: plain!.url, apiKey: 'sk-wrong-key' }).streamChat(REQ));
      assert.equal(r.error?.reason, 'http_status');
      assert.equal(r.error?.status, 401);
      assert.equal(r.error?.kind, 'auth');
      assert.ok(!r.error.message.includes('sk-wrong-key'));
      assert.equal(r.text, '');
    });

    test('reasoning from delta.reasoning_content (--reasoning-format deepseek)', async () => {
      const r = await collect(createClient({ baseUrl: think!.url }).streamChat({ ...REQ, model: 'scripted-think' }));
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.reasoning, 'Let me think');
      assert.equal(r.text, 'The answer is 42.');
      assert.equal(r.finish, 'stop');
    });

    test('aborting an endless (LOOP=1) stream stops it promptly with kind "cancelled"', async () => {
      const ctl = new AbortController();
      const client = createClient({ baseUrl: loop!.url });
      let texts = 0;
      const r = await collect(client.streamChat({ ...REQ, model: 'scripted-loop' }, { signal: ctl.signal }), (ev) => {
        if (ev.type === 'text' && ++texts === 20) ctl.abort();
      });
      assert.equal(r.error?.kind, 'cancelled');
      assert.ok(r.text.startsWith('Again and again,'));
      assert.equal(r.finish, undefined);
      // the server is free again for the next request (the slot was released)
      const next = await collect(client.streamChat({ ...REQ, model: 'scripted-loop', max_tokens: 8 }));
      assert.equal(next.finish, 'length');
    });
  });
}
