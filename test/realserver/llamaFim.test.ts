// The fill-in-the-middle endpoints against a real llama-server: /infill (streamed, and whole) and /v1/completions with
// a raw Qwen FIM prompt on a scripted model that carries Qwen2.5-Coder's FIM tokens, and the real 501
// not_supported_error of /infill for a model without them. Env as llamaServer.test.ts (LLAMA_SERVER, LLAMA_MODEL_DIR,
// LLAMA_GGUF_SCRIPT); any unset → loudly skipped.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiError, createClient, type CompletionEvent } from '../../src/api';
import { startLlamaServer, type LlamaServer } from './llamaProcess';
import { startWholeReplyProxy, type WholeReplyProxy } from './wholeReplyProxy';

const { LLAMA_SERVER, LLAMA_MODEL_DIR, LLAMA_GGUF_SCRIPT } = process.env;
const KEY = 'sk-llama-fim-realserver';
const CHAIN = ['def', '▁add', '(a,', '▁b):'];
const FILL = 'def add(a, b):';
const INFILL = { input_prefix: 'import math\n\n', input_suffix: '\n    return a + b\n', cache_prompt: true };
const PROMPT = `<|fim_prefix|>${INFILL.input_prefix}<|fim_suffix|>${INFILL.input_suffix}<|fim_middle|>`;

function makeModel(file: string, loop = false): string {
  const out = path.join(LLAMA_MODEL_DIR!, file);
  execFileSync(process.execPath, [LLAMA_GGUF_SCRIPT!, out, ...CHAIN], { env: { ...process.env, LOOP: loop ? '1' : '0' }, stdio: 'ignore' });
  return out;
}

/**
 * The same model without FIM tokens (the script's shape before it wrote them): every `fim_` of the file — the
 * tokenizer.ggml.fim_*_token_id keys and the `<|fim_…|>` token texts — becomes `xim_`, same length, so llama.cpp
 * finds no FIM token by id nor by name and refuses /infill, as it does for a chat-only model. The tensors hold only
 * 0, 1 and 10 as floats: no byte run of theirs spells `fim_`.
 */
function withoutFimTokens(source: string, file: string): string {
  const bytes = fs.readFileSync(source);
  const from = Buffer.from('fim_');
  let renamed = 0;
  for (let i = bytes.indexOf(from); i >= 0; i = bytes.indexOf(from, i + from.length)) {
    bytes.write('xim_', i, 'latin1');
    renamed++;
  }
  assert.ok(renamed >= 9, `expected the FIM keys and tokens in ${source}, renamed ${renamed}`);
  const out = path.join(LLAMA_MODEL_DIR!, file);
  fs.writeFileSync(out, bytes);
  return out;
}

async function collect(stream: AsyncIterable<CompletionEvent>, onEvent?: (ev: CompletionEvent) => void) {
  const r = { text: '', texts: 0, done: undefined as Extract<CompletionEvent, { type: 'done' }> | undefined, error: undefined as ApiError | undefined };
  try {
    for await (const ev of stream) {
      if (ev.type === 'text') {
        r.text += ev.text;
        r.texts++;
      } else r.done = ev;
      onEvent?.(ev);
    }
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    r.error = err;
  }
  return r;
}

if (!LLAMA_SERVER || !LLAMA_MODEL_DIR || !LLAMA_GGUF_SCRIPT) {
  console.warn('\n*** SKIPPED: llama-server fill-in-the-middle suite — set LLAMA_SERVER, LLAMA_MODEL_DIR and LLAMA_GGUF_SCRIPT ***\n');
  test.skip('llama-server fill-in-the-middle suite (LLAMA_SERVER / LLAMA_MODEL_DIR / LLAMA_GGUF_SCRIPT not set)', () => undefined);
} else {
  describe('llama-server fill in the middle (/infill, /v1/completions)', () => {
    let fim: LlamaServer | undefined;
    let loop: LlamaServer | undefined;
    let noFim: LlamaServer | undefined;
    let whole: WholeReplyProxy | undefined;
    const client = () => createClient({ baseUrl: fim!.url, apiKey: KEY });

    before(async () => {
      fs.mkdirSync(LLAMA_MODEL_DIR, { recursive: true });
      const fimModel = makeModel('fim.gguf');
      const loopModel = makeModel('fim-loop.gguf', true);
      const noFimModel = withoutFimTokens(fimModel, 'no-fim.gguf');
      const started = await Promise.allSettled([
        startLlamaServer(LLAMA_SERVER, fimModel, 'scripted-coder', ['--api-key', KEY]),
        startLlamaServer(LLAMA_SERVER, loopModel, 'scripted-coder-loop'),
        startLlamaServer(LLAMA_SERVER, noFimModel, 'scripted-chat-only'),
      ]);
      [fim, loop, noFim] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
      const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw failed.reason;
      whole = await startWholeReplyProxy(fim!.port);
    });

    after(async () => {
      await Promise.all([fim?.stop(), loop?.stop(), noFim?.stop(), whole?.close()]);
    });

    test('/infill streams the fill token by token, then done with "stop" and the token counts', async () => {
      const r = await collect(client().streamInfill(INFILL));
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.text, FILL);
      assert.ok(r.texts >= CHAIN.length, `one token per data: line, got ${r.texts} text events`);
      assert.equal(r.done?.finishReason, 'stop');
      assert.ok((r.done?.usage?.prompt_tokens ?? 0) > 0, 'tokens_evaluated');
      assert.ok((r.done?.usage?.completion_tokens ?? 0) >= CHAIN.length, 'tokens_predicted');
    });

    test('/infill with n_predict → finish "length" (stop_type "limit"); input_extra and prompt are accepted', async () => {
      const request = { ...INFILL, n_predict: 2, prompt: '', input_extra: [{ filename: 'util.py', text: 'def sub(a, b):\n    return a - b\n' }] };
      const r = await collect(client().streamInfill(request));
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.text, 'def add');
      assert.equal(r.done?.finishReason, 'length');
    });

    test('/infill answered whole (a server that ignores stream): one text event with the fill, then done', async () => {
      const r = await collect(createClient({ baseUrl: `${whole!.root}/v1`, apiKey: KEY }).streamInfill(INFILL));
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.texts, 1);
      assert.equal(r.text, FILL);
      assert.equal(r.done?.finishReason, 'stop');
      assert.ok((r.done?.usage?.completion_tokens ?? 0) >= CHAIN.length);
    });

    test('/v1/completions with the raw Qwen FIM prompt streams the same fill, with finish and usage', async () => {
      const r = await collect(client().streamCompletion({ model: 'scripted-coder', prompt: PROMPT, stop: ['<|endoftext|>'] }));
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.text, FILL);
      assert.ok(r.texts >= CHAIN.length);
      assert.equal(r.done?.finishReason, 'stop');
      assert.ok((r.done?.usage?.prompt_tokens ?? 0) > 0);
      assert.ok((r.done?.usage?.completion_tokens ?? 0) >= CHAIN.length);
    });

    test('/v1/completions with max_tokens → "length"; answered whole → one text event', async () => {
      const limited = await collect(client().streamCompletion({ model: 'scripted-coder', prompt: PROMPT, max_tokens: 2 }));
      assert.equal(limited.text, 'def add');
      assert.equal(limited.done?.finishReason, 'length');
      const r = await collect(createClient({ baseUrl: `${whole!.root}/v1`, apiKey: KEY }).streamCompletion({ model: 'scripted-coder', prompt: PROMPT }));
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.texts, 1);
      assert.equal(r.text, FILL);
      assert.equal(r.done?.finishReason, 'stop');
    });

    test('a model without FIM tokens: /infill → the real 501 as "endpoint_unsupported"; /v1/completions still answers', async () => {
      const chatOnly = createClient({ baseUrl: noFim!.url });
      const r = await collect(chatOnly.streamInfill(INFILL));
      assert.equal(r.error?.reason, 'endpoint_unsupported', r.error?.message);
      assert.equal(r.error?.kind, 'config');
      assert.equal(r.error?.status, 501);
      assert.equal(r.error?.type, 'not_supported_error');
      assert.match(r.error?.message ?? '', /Infill is not supported by this model/);
      const c = await collect(chatOnly.streamCompletion({ model: 'scripted-chat-only', prompt: 'def', max_tokens: 3 }));
      assert.equal(c.error, undefined, c.error?.message);
      assert.equal(c.done?.finishReason, 'length');
    });

    test('a wrong key → "auth", the key not in the message', async () => {
      const r = await collect(createClient({ baseUrl: fim!.url, apiKey: 'sk-wrong-fim-key' }).streamInfill(INFILL));
      assert.equal(r.error?.kind, 'auth');
      assert.equal(r.error?.status, 401);
      assert.ok(!r.error?.message.includes('sk-wrong-fim-key'));
    });

    for (const endpoint of ['infill', 'completions'] as const) {
      test(`aborting an endless ${endpoint} stream stops it and frees the server's one slot for the next request`, async () => {
        const ctl = new AbortController();
        const looping = createClient({ baseUrl: loop!.url });
        const open = (limit: number | undefined, signal?: AbortSignal) =>
          endpoint === 'infill'
            ? looping.streamInfill({ ...INFILL, ...(limit ? { n_predict: limit } : {}) }, signal ? { signal } : {})
            : looping.streamCompletion({ model: 'scripted-coder-loop', prompt: PROMPT, ...(limit ? { max_tokens: limit } : {}) }, signal ? { signal } : {});
        let texts = 0;
        const r = await collect(open(undefined, ctl.signal), (ev) => {
          if (ev.type === 'text' && ++texts === 20) ctl.abort();
        });
        assert.equal(r.error?.kind, 'cancelled');
        assert.ok(r.text.startsWith(`${FILL}${FILL}`), r.text);
        assert.equal(r.done, undefined);
        // -np 1: were the aborted generation still running, this one would wait behind it forever (the test's deadline)
        const next = await collect(open(8));
        assert.equal(next.error, undefined, next.error?.message);
        assert.equal(next.done?.finishReason, 'length');
      });
    }
  });
}
