// src/common/zodMini.ts: zod/mini with classic zod's English messages, and jitObject (the streamed chunk's objects).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ChunkSchema } from '../../../src/api/schemas';
import * as z from '../../../src/common/zodMini';

test('issues without a message of our own read as in classic zod, not "Invalid input"', () => {
  const r = z.object({ n: z.string().check(z.maxLength(2)) }).safeParse({ n: 'abc' });
  assert.equal(r.success, false);
  assert.equal(r.error.issues[0]!.message, 'Too big: expected string to have <=2 characters');
});

test('jitObject parses exactly like z.object: same data, same issues', () => {
  const shape = () => ({ a: z.nullish(z.string()), b: z.optional(z.number().check(z.gte(1))), c: z._default(z.boolean(), false) });
  const jit = z.jitObject(shape());
  const plain = z.object(shape());
  const inputs: unknown[] = [{}, { a: 'x', b: 2, extra: 1 }, { a: null }, { a: 1, b: 0 }, { b: 'x', c: 'y' }, null, [], 'x', { c: true, a: undefined }];
  for (const input of inputs) {
    for (let i = 0; i < 3; i++) assert.deepEqual(jit.safeParse(input), plain.safeParse(input), JSON.stringify(input)); // first parse and compiled parses
  }
  assert.ok(jit._zod.traits.has('$ZodObjectJIT'), 'built on the code-generating object parser');
  assert.ok(jit instanceof z.ZodMiniObject);
  assert.ok(ChunkSchema._zod.innerType._zod.traits.has('$ZodObjectJIT'));
  assert.deepEqual(Object.keys(z.extend(jit, { d: z.string() }).shape), ['a', 'b', 'c', 'd']);
});

test('the chunk schema strips unknown fields and keeps the ones the client reads', () => {
  const r = ChunkSchema.safeParse({ id: 'x', choices: [{ index: 0, delta: { content: 'hi', role: 'assistant' }, finish_reason: null }], usage: null });
  assert.deepEqual(r, { success: true, data: { choices: [{ delta: { content: 'hi' }, finish_reason: null }], usage: null } });
});
