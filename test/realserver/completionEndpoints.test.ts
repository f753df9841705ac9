// Completions' endpoint choice against a real llama-server: `auto` finds llama.cpp (its /props) and asks /infill;
// a model without FIM tokens answers /infill with the real 501, and the same request falls back at once to
// /v1/completions with the model family's template — remembered, so the next one goes there directly. An explicit
// `infill` setting is not overridden: the 501 is the user's error. Env as llamaServer.test.ts; unset → loudly skipped.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiError, createClient } from '../../src/api';
import { CompletionTargets, type CompletionTarget } from '../../src/completions/completionTarget';
import { requestWithFallback } from '../../src/completions/requestSuggestion';
import type { CompletionSettings } from '../../src/config/core/completionSettings';
import { DEFAULT_COMPLETION_LANGUAGES } from '../../src/config/core/completionSettings';
import { resolveModelProfile } from '../../src/models/modelProfile';
import type { ProviderConnection } from '../../src/providers/core/providerService';
import { startLlamaServer, type LlamaServer } from './llamaProcess';

const { LLAMA_SERVER, LLAMA_MODEL_DIR, LLAMA_GGUF_SCRIPT } = process.env;
const CHAIN = ['def', '▁add', '(a,', '▁b):'];
const INPUT = { prefix: 'import math\n\n', suffix: '\n    return a + b\n', filePath: 'src/add.py', languageId: 'python', snippets: [] };

function settings(endpoint: CompletionSettings['endpoint']): CompletionSettings {
  return { enabled: true, provider: '', model: '', endpoint, debounceMs: 0, maxTokens: 16, languages: DEFAULT_COMPLETION_LANGUAGES, lines: 'multi' };
}

/** The targets of one llama-server, as the extension resolves them (the provider is the server; its alias the model). */
function targetsFor(server: LlamaServer, model: string, endpoint: CompletionSettings['endpoint']): CompletionTargets {
  const connection = {
    provider: { id: 'llama', name: 'llama.cpp', baseUrl: server.url },
    client: createClient({ baseUrl: server.url, retry: { maxRetries: 0 } }),
    hasKey: false,
    secrets: [],
  } as unknown as ProviderConnection;
  return new CompletionTargets(
    { connect: async () => connection, currentModel: () => model, modelProfile: (_p, id) => resolveModelProfile(id) },
    () => settings(endpoint),
  );
}

if (!LLAMA_SERVER || !LLAMA_MODEL_DIR || !LLAMA_GGUF_SCRIPT) {
  console.warn('\n*** SKIPPED: completions endpoint choice against llama-server — set LLAMA_SERVER, LLAMA_MODEL_DIR and LLAMA_GGUF_SCRIPT ***\n');
  test.skip('completions endpoint choice against llama-server (LLAMA_SERVER / LLAMA_MODEL_DIR / LLAMA_GGUF_SCRIPT not set)', () => undefined);
} else {
  describe('completions: auto endpoint against a real llama-server', () => {
    let fim: LlamaServer | undefined;
    let noFim: LlamaServer | undefined;

    before(async () => {
      fs.mkdirSync(LLAMA_MODEL_DIR, { recursive: true });
      const fimModel = path.join(LLAMA_MODEL_DIR, 'cmp-fim.gguf');
      execFileSync(process.execPath, [LLAMA_GGUF_SCRIPT, fimModel, ...CHAIN], { stdio: 'ignore' });
      // The same model with its FIM tokens renamed (fim_ → xim_, same length): llama.cpp finds none and answers 501.
      const bytes = fs.readFileSync(fimModel);
      for (let i = bytes.indexOf('fim_'); i >= 0; i = bytes.indexOf('fim_', i + 4)) bytes.write('xim_', i, 'latin1');
      const noFimModel = path.join(LLAMA_MODEL_DIR, 'cmp-no-fim.gguf');
      fs.writeFileSync(noFimModel, bytes);
      const started = await Promise.allSettled([
        startLlamaServer(LLAMA_SERVER, fimModel, 'qwen2.5-coder-scripted'),
        startLlamaServer(LLAMA_SERVER, noFimModel, 'qwen2.5-coder-no-fim'),
      ]);
      [fim, noFim] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
      const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw failed.reason;
    });

    after(async () => {
      await Promise.all([fim?.stop(), noFim?.stop()]);
    });

    test('auto on llama-server with a FIM model: /infill, and the suggestion is the model\'s fill', async () => {
      const targets = targetsFor(fim!, 'qwen2.5-coder-scripted', 'auto');
      const target = await targets.current();
      assert.equal(target.endpoint, 'infill');
      assert.equal(target.family, 'qwen');
      assert.equal(target.priced, false);
      const { raw } = await requestWithFallback(targets, { input: INPUT, maxTokens: 16, lines: 'multi', signal: AbortSignal.timeout(30_000) });
      assert.equal(raw?.text, 'def add(a, b):');
    });

    test('auto on a model without FIM tokens: the 501 of /infill falls back at once to /v1/completions, and is remembered', async () => {
      const targets = targetsFor(noFim!, 'qwen2.5-coder-no-fim', 'auto');
      assert.equal((await targets.current()).endpoint, 'infill', 'llama-server is seen first');
      const fallbacks: Array<[string, string]> = [];
      const onFallback = (from: CompletionTarget, to: CompletionTarget) => fallbacks.push([from.endpoint, to.endpoint]);
      const first = await requestWithFallback(targets, { input: INPUT, maxTokens: 16, lines: 'multi', signal: AbortSignal.timeout(30_000) }, onFallback);
      assert.deepEqual(fallbacks, [['infill', 'completions']]);
      assert.equal(first.target.endpoint, 'completions');
      assert.equal(first.raw?.text, 'def add(a, b):', 'the model answered the Qwen template on /v1/completions');
      const second = await requestWithFallback(targets, { input: INPUT, maxTokens: 16, lines: 'multi', signal: AbortSignal.timeout(30_000) }, onFallback);
      assert.equal(second.target.endpoint, 'completions');
      assert.equal(fallbacks.length, 1, 'the second request went to /v1/completions directly');
    });

    test('an explicit infill setting is kept: the 501 is reported as endpoint_unsupported, not worked around', async () => {
      const targets = targetsFor(noFim!, 'qwen2.5-coder-no-fim', 'infill');
      await assert.rejects(
        requestWithFallback(targets, { input: INPUT, maxTokens: 16, lines: 'multi', signal: AbortSignal.timeout(30_000) }),
        (err: unknown) => err instanceof ApiError && err.reason === 'endpoint_unsupported' && err.status === 501,
      );
    });
  });
}
