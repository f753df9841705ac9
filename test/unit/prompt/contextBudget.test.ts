import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { planContext, type BudgetMessage } from '../../../src/prompt/contextBudget';

const u = (tokens: number): BudgetMessage => ({ role: 'user', tokens });
const a = (tokens: number): BudgetMessage => ({ role: 'assistant', tokens });
const base = { systemTokens: 10, requestTokens: 3, contextWindow: 1000, reserve: 200 };

test('everything is sent when it fits', () => {
  assert.deepEqual(planContext({ ...base, messages: [u(100), a(100), u(100)] }), { fits: true, start: 0, tokens: 313, budget: 800 });
});

test('the oldest turns are left out whole until it fits; the newest turn and the system prompt stay', () => {
  // turns: [u300 a300] [u100 a50 a50] [u200]
  const plan = planContext({ ...base, messages: [u(300), a(300), u(100), a(50), a(50), u(200)] });
  assert.deepEqual(plan, { fits: true, start: 2, tokens: 413, budget: 800 });
  const tight = planContext({ ...base, reserve: 600, messages: [u(300), a(300), u(100), a(50), a(50), u(200)] });
  assert.deepEqual(tight, { fits: true, start: 5, tokens: 213, budget: 400 });
});

test('the newest turn alone too big: nothing fits, and the plan says how much it needs', () => {
  assert.deepEqual(planContext({ ...base, messages: [u(100), a(100), u(900)] }), { fits: false, tokens: 913, budget: 800 });
});

test('a newest turn that already has a reply (regenerate keeps the user message last)', () => {
  const plan = planContext({ ...base, messages: [u(500), a(500), u(100)] });
  assert.equal(plan.fits && plan.start, 2);
});
