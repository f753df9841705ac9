// The native chat's pure parts: VS Code's messages (read into plain parts) → wire messages, the reasoning kept
// for tool calls, the token estimate of a request, and what each model tells VS Code.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { ModelInfo } from '../../../src/api/types';
import { resolveModelProfile } from '../../../src/models/modelProfile';
import { estimateMessageTokens, estimateTextTokens, IMAGE_TOKENS, REPLY_PRIMING_TOKENS } from '../../../src/models/tokenEstimate';
import { listSignature, toModelInformation } from '../../../src/lm/modelInformation';
import { ReasoningCache } from '../../../src/lm/core/reasoningCache';
import { estimateRequest } from '../../../src/lm/core/tokenCount';
import { toolResultText, toWireMessages, type LmMessage } from '../../../src/lm/core/wireMessages';
import { AppError } from '../../../src/common/appError';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const OPTS = { modelId: 'qwen/qwen3-vl', vision: true };
const text = (t: string) => ({ kind: 'text' as const, text: t });

test('an agent round trip: system, user, assistant text + tool calls, tool results (one tool message each, in order)', () => {
  const messages: LmMessage[] = [
    { role: 'system', parts: [text('You are an agent.')] },
    { role: 'user', parts: [text('Read a.ts and b.ts')] },
    {
      role: 'assistant',
      parts: [
        text('Reading both.'),
        { kind: 'toolCall', callId: 'c1', name: 'read_file', input: { path: 'a.ts' } },
        { kind: 'toolCall', callId: 'c2', name: 'read_file', input: { path: 'b.ts' } },
      ],
    },
    {
      role: 'user',
      parts: [
        { kind: 'toolResult', callId: 'c1', content: [text('export const a = 1;'), text('\n// end')] },
        { kind: 'toolResult', callId: 'c2', content: [{ kind: 'data', mimeType: 'application/json', data: new TextEncoder().encode('{"b":2}') }] },
      ],
    },
  ];
  assert.deepEqual(toWireMessages(messages, OPTS), [
    { role: 'system', content: 'You are an agent.' },
    { role: 'user', content: 'Read a.ts and b.ts' },
    {
      role: 'assistant',
      content: 'Reading both.',
      tool_calls: [
        { id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } },
        { id: 'c2', type: 'function', function: { name: 'read_file', arguments: '{"path":"b.ts"}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'c1', content: 'export const a = 1;\n// end' },
    { role: 'tool', tool_call_id: 'c2', content: '{"b":2}' },
  ]);
});

test('an assistant message that only calls tools has content null; tool results come before the rest of their user message', () => {
  const wire = toWireMessages(
    [
      { role: 'assistant', parts: [{ kind: 'toolCall', callId: 'c1', name: 'now', input: {} }] },
      { role: 'user', parts: [text('Also: be quick.'), { kind: 'toolResult', callId: 'c1', content: [text('12:00')] }] },
    ],
    OPTS,
  );
  assert.deepEqual(wire, [
    { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'now', arguments: '{}' } }] },
    { role: 'tool', tool_call_id: 'c1', content: '12:00' },
    { role: 'user', content: 'Also: be quick.' },
  ]);
});

test('tool result parts that are not text are summarised, not sent', () => {
  const out = toolResultText([text('Screenshot taken.'), { kind: 'data', mimeType: 'image/png', data: PNG }, { kind: 'other', summary: 'a LanguageModelFooPart part' }]);
  assert.equal(out, 'Screenshot taken.\n[image/png data, 8 bytes: not sent, tool results are sent as text]\n[a LanguageModelFooPart part: not sent, tool results are sent as text]\n');
});

test('images become image_url data URLs for a vision model; text stays a string without images', () => {
  const wire = toWireMessages([{ role: 'user', parts: [text('What is this?'), { kind: 'data', mimeType: 'image/PNG', data: PNG }] }], OPTS);
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

test('an image for a model without vision is refused with a clear error (kind config, reason unsupported)', () => {
  assert.throws(
    () => toWireMessages([{ role: 'user', parts: [text('Look'), { kind: 'data', mimeType: 'image/jpeg', data: PNG }] }], { modelId: 'llama-3-8b', vision: false }),
    (err: unknown) =>
      err instanceof AppError && err.kind === 'config' && err.reason === 'unsupported' && /llama-3-8b does not take images/.test(err.message) && /inferenceChat\.modelOverrides/.test(err.message),
  );
});

test('data parts that are markers for other providers (cache_control) are not content; text data parts are', () => {
  const wire = toWireMessages(
    [
      {
        role: 'user',
        parts: [
          text('Hi'),
          { kind: 'data', mimeType: 'cache_control', data: new TextEncoder().encode('ephemeral') },
          { kind: 'data', mimeType: 'text/plain', data: new TextEncoder().encode(' there') },
        ],
      },
    ],
    { modelId: 'm', vision: false },
  );
  assert.deepEqual(wire, [{ role: 'user', content: 'Hi there' }]);
});

test('consecutive plain messages of one role are merged; tool-call messages and empty ones are not', () => {
  const wire = toWireMessages(
    [
      { role: 'user', parts: [text('one')] },
      { role: 'user', parts: [text('two'), { kind: 'data', mimeType: 'image/png', data: PNG }] },
      { role: 'assistant', parts: [] },
      { role: 'assistant', parts: [text('a')] },
      { role: 'assistant', parts: [{ kind: 'toolCall', callId: 'x', name: 'f', input: { n: 1 } }] },
    ],
    OPTS,
  );
  assert.equal(wire.length, 3);
  assert.deepEqual(wire[0], {
    role: 'user',
    content: [
      { type: 'text', text: 'one' },
      { type: 'text', text: '\n\n' },
      { type: 'text', text: 'two' },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${Buffer.from(PNG).toString('base64')}` } },
    ],
  });
  assert.deepEqual(wire[1], { role: 'assistant', content: 'a' });
  assert.equal(wire[2]!.role === 'assistant' && wire[2]!.tool_calls?.[0]?.id, 'x');
});

test('reasoning kept for tool calls goes back on their assistant message, for the same model only', () => {
  const cache = new ReasoningCache();
  cache.remember('p\u0000deepseek', [{ id: 'c1' }, { id: 'c2', extra_content: { google: { thought_signature: 'S' } } }], { reasoning_content: 'think first' });
  cache.remember('p\u0000plain', [{ id: 'c9' }], undefined); // nothing to keep
  const messages: LmMessage[] = [
    { role: 'assistant', parts: [{ kind: 'toolCall', callId: 'c1', name: 'f', input: {} }, { kind: 'toolCall', callId: 'c2', name: 'g', input: {} }] },
  ];
  const same = toWireMessages(messages, { ...OPTS, replayFor: (ids) => cache.lookup('p\u0000deepseek', ids) });
  assert.deepEqual(same[0], {
    role: 'assistant',
    content: null,
    tool_calls: [
      { id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } },
      { id: 'c2', type: 'function', function: { name: 'g', arguments: '{}' }, extra_content: { google: { thought_signature: 'S' } } },
    ],
    reasoning_content: 'think first',
  });
  const other = toWireMessages(messages, { ...OPTS, replayFor: (ids) => cache.lookup('q\u0000other-model', ids) });
  assert.equal('reasoning_content' in other[0]!, false);
  assert.equal(cache.lookup('p\u0000plain', ['c9']), undefined);
});

test('the reasoning cache forgets the oldest calls first', () => {
  const cache = new ReasoningCache(3);
  for (let i = 0; i < 5; i++) cache.remember('k', [{ id: `c${i}` }], { reasoning_content: `r${i}` });
  assert.equal(cache.lookup('k', ['c0']), undefined);
  assert.equal(cache.lookup('k', ['c1']), undefined);
  assert.equal(cache.lookup('k', ['c4'])?.reasoning_content, 'r4');
});

test('a request estimate counts messages, tool calls and the tool definitions, as the chat budget counts messages', () => {
  const messages = [
    { role: 'user' as const, content: 'hello world' },
    { role: 'assistant' as const, content: null, tool_calls: [{ id: 'c', type: 'function' as const, function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }] },
    { role: 'user' as const, content: [{ type: 'image_url' as const, image_url: { url: 'data:image/png;base64,AA' } }] },
  ];
  const tools = [{ type: 'function' as const, function: { name: 'read_file', parameters: { type: 'object' } } }];
  const expected =
    REPLY_PRIMING_TOKENS +
    estimateMessageTokens(messages[0]!) +
    estimateMessageTokens(messages[1]!) +
    estimateTextTokens('read_file{"path":"a.ts"}') +
    estimateMessageTokens(messages[2]!) +
    estimateTextTokens(JSON.stringify(tools));
  assert.equal(estimateRequest(messages, tools), expected);
  assert.ok(estimateMessageTokens(messages[2]!) >= IMAGE_TOKENS);
});

const INFO = (raw: Record<string, unknown>): ModelInfo => ({ id: String(raw.id), capabilities: (raw.capabilities as ModelInfo['capabilities']) ?? {}, raw, ...(raw.contextLength ? { contextLength: raw.contextLength as number } : {}) });

test('model information comes from the profile: window, reply limit, capabilities; the defaults when nothing is known', () => {
  const vision = INFO({ id: 'org/vision', contextLength: 65536, capabilities: { vision: true, tools: true } });
  const info = toModelInformation('p', 'Provider', vision, resolveModelProfile(vision.id, vision), undefined);
  assert.deepEqual(info.capabilities, { imageInput: true, toolCalling: true });
  assert.equal(info.maxOutputTokens, 4096);
  assert.equal(info.maxInputTokens, 65536 - 4096);
  assert.equal(info.providerId, 'p');
  assert.match(info.tooltip!, /64K context · tools · images/);

  const unknown = INFO({ id: 'mystery' });
  const plain = toModelInformation('p', 'Provider', unknown, resolveModelProfile(unknown.id, unknown), 1000);
  assert.deepEqual(plain.capabilities, { imageInput: false, toolCalling: true }, 'defaults: tools assumed, images not');
  assert.equal(plain.maxOutputTokens, 1000, 'the max-tokens setting is what is sent');
  assert.equal(plain.maxInputTokens, 32768 - 1000);
  assert.match(plain.tooltip!, /32K context \(default\) · tools \(default\) · no images \(default\)/);

  const overridden = toModelInformation('p', 'Provider', unknown, resolveModelProfile(unknown.id, unknown, { toolCalling: false, vision: true }), undefined);
  assert.deepEqual(overridden.capabilities, { imageInput: true, toolCalling: false });
  assert.match(overridden.tooltip!, /no tools \(your override\) · images \(your override\)/);
  assert.notEqual(listSignature([plain]), listSignature([overridden]), 'a changed capability changes the list');
  assert.equal(listSignature([plain]), listSignature([{ ...plain }]));
});
