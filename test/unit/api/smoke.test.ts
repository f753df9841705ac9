import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createClient } from '../../../src/api';
import { startFixtureServer, DEFAULT_REPLY } from '../../fixtures/server';

test('smoke: stream, chat, models', async () => {
  const server = await startFixtureServer({ apiKey: 'sk-test' });
  try {
    const client = createClient({ baseUrl: server.url, apiKey: 'sk-test' });
    let text = '';
    const kinds: string[] = [];
    for await (const ev of client.streamChat({ model: 'fixture-model', messages: [{ role: 'user', content: 'hi' }] })) {
      kinds.push(ev.type);
      if (ev.type === 'text') text += ev.text;
    }
    assert.equal(text, DEFAULT_REPLY);
    assert.ok(kinds.includes('finish') && kinds.includes('usage'));
    const result = await client.chat({ model: 'fixture-model', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(result.text, DEFAULT_REPLY);
    const models = await client.listModels();
    assert.ok(models.length >= 3);
    const m = await client.getModel('meta-llama/llama-3.1-70b-instruct');
    assert.equal(m.contextLength, 131072);
  } finally {
    await server.close();
  }
});
