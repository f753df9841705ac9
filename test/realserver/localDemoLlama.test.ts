// `npm start`'s Local demo on a real llama-server (test/harness/lib/local-demo.mjs): llama-server has no Host check
// and answers any Origin's CORS request, so it listens on a private unix socket behind the loopback front. Here: the
// printed base URL streams a real answer; a foreign Host (DNS rebinding) or a foreign Origin is refused before it.
// Env as for llamaServer.test.ts (LLAMA_SERVER, LLAMA_MODEL_DIR, LLAMA_GGUF_SCRIPT); unset → loudly skipped.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLocalDemo, type LocalDemo } from '../harness/lib/local-demo.mjs';
import { rawRequest } from '../fixtures/rawRequest';

const { LLAMA_SERVER, LLAMA_MODEL_DIR, LLAMA_GGUF_SCRIPT } = process.env;

if (!LLAMA_SERVER || !LLAMA_MODEL_DIR || !LLAMA_GGUF_SCRIPT) {
  console.warn('\n*** SKIPPED: the Local demo on llama-server — set LLAMA_SERVER, LLAMA_MODEL_DIR and LLAMA_GGUF_SCRIPT ***\n');
  test.skip('the Local demo on llama-server (LLAMA_SERVER / LLAMA_MODEL_DIR / LLAMA_GGUF_SCRIPT not set)', () => undefined);
} else {
  describe('npm start\'s Local demo on llama-server serves no stranger', () => {
    let demo: LocalDemo;
    let port: number;
    const said: string[] = [];

    before(async () => {
      fs.mkdirSync(LLAMA_MODEL_DIR, { recursive: true });
      const model = path.join(LLAMA_MODEL_DIR, 'local-demo.gguf');
      execFileSync(process.execPath, [LLAMA_GGUF_SCRIPT, model, 'Paris', '▁is', '▁the', '▁capital', '.'], { stdio: 'ignore' });
      demo = await startLocalDemo({
        root: process.cwd(),
        env: { LLAMA_SERVER, LLAMA_GGUF: model, LLAMA_ALIAS: 'scripted', INFCHAT_START_DEMO: 'llama' },
        log: (line) => said.push(line),
      });
      port = Number(new URL(demo.baseUrl).port);
    });
    after(async () => {
      await demo?.stop();
    });

    test('the base URL it prints streams the real answer', async () => {
      assert.equal(demo.kind, 'llama', `it fell back: ${said.join(' | ')}`);
      assert.match(demo.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const res = await fetch(`${demo.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'scripted', messages: [{ role: 'user', content: 'Capital of France?' }], stream: true, max_tokens: 8 }),
      });
      assert.equal(res.status, 200);
      const body = await res.text();
      assert.match(body, /data: \[DONE\]/);
      assert.match(body, /Paris/);
    });

    test('a foreign Host gets 421 and a foreign Origin 403 (llama-server itself would have answered both, with CORS)', async () => {
      assert.equal((await rawRequest(port, '/v1/models', { host: `localhost:${port}` })).status, 200, 'control: a loopback name');
      const rebinding = await rawRequest(port, '/v1/models', { host: `evil.example:${port}`, origin: `http://evil.example:${port}` });
      assert.equal(rebinding.status, 421);
      assert.doesNotMatch(rebinding.body, /scripted/);
      const foreignPage = await rawRequest(port, '/v1/models', { host: `127.0.0.1:${port}`, origin: 'http://evil.example' });
      assert.equal(foreignPage.status, 403);
      assert.ok(said.some((l) => l.includes('refused') && l.includes('evil.example')), 'the refusals are told');
    });
  });
}
