import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { ModelInfo } from '../../../src/api/types';
import {
  DEFAULT_CONTEXT_WINDOW,
  DEFAULT_MAX_OUTPUT_TOKENS,
  replyReserve,
  resolveModelProfile,
} from '../../../src/models/modelProfile';

const gpt: ModelInfo = {
  id: 'openai/gpt-4o',
  owned_by: 'openai',
  contextLength: 128000,
  maxOutputTokens: 16384,
  pricing: { inputPerMTok: 2.5, outputPerMTok: 10 },
  capabilities: { vision: true, tools: true, reasoning: false },
  raw: {},
};

test('what the server says is used, and says where it came from', () => {
  const p = resolveModelProfile(gpt.id, gpt);
  assert.equal(p.listed, true);
  assert.equal(p.contextWindow, 128000);
  assert.equal(p.maxOutputTokens, 16384);
  assert.equal(p.vision, true);
  assert.equal(p.toolCalling, true);
  assert.equal(p.reasoning, false);
  assert.deepEqual(p.pricing, { inputPerMTok: 2.5, outputPerMTok: 10 });
  assert.deepEqual(p.sources, { contextWindow: 'server', maxOutputTokens: 'server', vision: 'server', toolCalling: 'server' });
});

test('what the user set wins over the server', () => {
  const p = resolveModelProfile(gpt.id, gpt, { contextWindow: 64000, maxOutputTokens: 2000, vision: false, toolCalling: false, reasoningEffort: 'high', extraBody: { top_k: 20 } });
  assert.equal(p.contextWindow, 64000);
  assert.equal(p.maxOutputTokens, 2000);
  assert.equal(p.vision, false);
  assert.equal(p.toolCalling, false);
  assert.equal(p.reasoning, true);
  assert.equal(p.reasoningEffort, 'high');
  assert.deepEqual(p.extraBody, { top_k: 20 });
  assert.deepEqual(p.sources, { contextWindow: 'user', maxOutputTokens: 'user', vision: 'user', toolCalling: 'user' });
});

test('an unknown model id gets the documented defaults; a small window caps the reply', () => {
  const p = resolveModelProfile('vllm-primary');
  assert.equal(p.listed, false);
  assert.equal(p.contextWindow, DEFAULT_CONTEXT_WINDOW);
  assert.equal(p.maxOutputTokens, DEFAULT_MAX_OUTPUT_TOKENS);
  assert.equal(p.vision, false);
  assert.equal(p.toolCalling, true);
  assert.deepEqual(p.sources, { contextWindow: 'default', maxOutputTokens: 'default', vision: 'default', toolCalling: 'default' });
  const small = resolveModelProfile('tiny', { id: 'tiny', contextLength: 1024, capabilities: {}, raw: {} });
  assert.equal(small.maxOutputTokens, 256);
});

test("llama.cpp's /props (the running server) wins over /models", () => {
  const p = resolveModelProfile('scripted', { id: 'scripted', contextLength: 2048, capabilities: { vision: false }, raw: {} }, {}, { contextLength: 1024, vision: true });
  assert.equal(p.contextWindow, 1024);
  assert.equal(p.vision, true);
});

test('the reply reserve: the max-tokens setting as set, else the model limit capped at half the window', () => {
  assert.equal(replyReserve({ contextWindow: 8192, maxOutputTokens: 4096 }, 6000), 6000);
  assert.equal(replyReserve({ contextWindow: 8192, maxOutputTokens: 8192 }), 4096);
  assert.equal(replyReserve({ contextWindow: 128000, maxOutputTokens: 16384 }), 16384);
});
