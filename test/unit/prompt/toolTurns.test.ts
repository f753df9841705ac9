// Agent steps in the prompt (toolTurns.ts, promptBuilder.ts, promptPlan.ts): every call id gets an answer, a `tool`
// message never goes without the assistant message that called it (also when old turns are left out to fit), older
// bulky results are condensed before a whole turn is dropped, calls written as text go back as text, and the replay
// fields a server wants go back on the assistant message.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { AssistantMessage, ChatMessage, StreamEvent } from '../../../src/api/types';
import { TextToolCallParser } from '../../../src/api/textToolCalls';
import { type Conversation, type StoredMessage, createConversation } from '../../../src/history/conversation';
import { buildPrompt } from '../../../src/prompt/promptBuilder';
import { type PlanOptions, planPrompt } from '../../../src/prompt/promptPlan';
import { INTERRUPTED_TEXT, NO_RESULT_TEXT, condenseResult, stepMessages } from '../../../src/prompt/toolTurns';

type Call = NonNullable<StoredMessage['toolCalls']>[number];

let n = 0;
function msg(role: 'user' | 'assistant', content: string, extra: Partial<StoredMessage> = {}): StoredMessage {
  return { id: `m${++n}`, role, content, status: 'done', createdAt: n, ...extra };
}
function call(id: string, status: string, result?: string, name = 'read_file', args = '{"path":"a.ts"}'): Call {
  return { id, name, arguments: args, status, ...(result !== undefined ? { result } : {}) };
}
function conversationOf(...messages: StoredMessage[]): Conversation {
  const c = createConversation(0);
  c.messages = messages;
  return c;
}
const PLAN: PlanOptions = { chatSystemPrompt: 'sys', contextWindow: 1_000_000, reserve: 0, scale: (t) => t };

/** Every tool message answers a call of the assistant message before it (no orphan), and every call is answered. */
function assertPaired(messages: readonly ChatMessage[]): void {
  let open: string[] = [];
  for (const m of messages) {
    if (m.role === 'tool') {
      assert.equal(m.tool_call_id, open.shift(), `tool message ${m.tool_call_id} answers the next open call`);
      continue;
    }
    assert.deepEqual(open, [], `calls answered before the next ${m.role} message`);
    if (m.role === 'assistant') open = (m.tool_calls ?? []).map((c) => c.id);
  }
  assert.deepEqual(open, [], 'the last calls are answered');
}

test('a step goes back as the assistant message with its calls and one tool message per call, in order; replay fields ride along', () => {
  const step = msg('assistant', '', {
    toolCalls: [{ ...call('c1', 'done', '1| x'), extra_content: { google: { thought_signature: 'sig' } } }, call('c2', 'done', 'found 3')],
    replay: { reasoning_content: 'Read first.', reasoning_details: [{ type: 'reasoning.encrypted', data: 'e' }] },
  });
  const c = conversationOf(msg('user', 'fix it', { mode: 'agent' }), step, msg('assistant', 'Done.'));
  const prompt = buildPrompt(c, 'sys');
  assert.deepEqual(prompt, [
    { role: 'system', content: 'sys' },
    { role: 'user', content: 'fix it' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' }, extra_content: { google: { thought_signature: 'sig' } } },
        { id: 'c2', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } },
      ],
      reasoning_content: 'Read first.',
      reasoning_details: [{ type: 'reasoning.encrypted', data: 'e' }],
    },
    { role: 'tool', tool_call_id: 'c1', content: '1| x' },
    { role: 'tool', tool_call_id: 'c2', content: 'found 3' },
    { role: 'assistant', content: 'Done.' },
  ]);
  const withText = stepMessages(msg('assistant', 'Let me look.', { toolCalls: [call('c3', 'done', 'r')] }))[0] as AssistantMessage;
  assert.equal(withText.content, 'Let me look.', 'the step text is kept');
  assert.equal('reasoning_content' in withText, false, 'no replay fields when none were stored');
});

test('every call id gets an answer: denied, interrupted, cancelled, failed, still waiting and unknown states get a fixed text', () => {
  const calls = [
    call('d', 'denied'),
    call('i', 'interrupted'),
    call('x', 'cancelled'),
    call('e', 'error'),
    call('e2', 'error', 'Unknown tool nope. Available: read_file'),
    call('w', 'awaiting-approval'),
    call('r', 'running'),
    call('u', 'some-future-state'),
    call('empty', 'done', ''),
  ];
  // An interrupted step (its window died: status error) is still sent, with its answers.
  const c = conversationOf(msg('user', 'go'), msg('assistant', 'partial', { status: 'error', toolCalls: calls }), msg('user', 'again?'));
  const prompt = buildPrompt(c, '');
  assertPaired(prompt);
  const answers = Object.fromEntries(prompt.filter((m) => m.role === 'tool').map((m) => [m.tool_call_id, m.content]));
  assert.deepEqual(answers, {
    d: 'The user denied this call.',
    i: INTERRUPTED_TEXT,
    x: NO_RESULT_TEXT.cancelled,
    e: NO_RESULT_TEXT.error,
    e2: 'Unknown tool nope. Available: read_file',
    w: INTERRUPTED_TEXT,
    r: INTERRUPTED_TEXT,
    u: INTERRUPTED_TEXT,
    empty: NO_RESULT_TEXT.done,
  });
  assert.equal(INTERRUPTED_TEXT, 'Interrupted: this call did not run.');
  assert.deepEqual(prompt.at(-1), { role: 'user', content: 'again?' });
});

test('calls written as text go back as <tool_call> text (which the text recogniser reads again) and results as a user <tool_response>', () => {
  const step = msg('assistant', 'Reading.', { toolFormat: 'text', toolCalls: [call('t1', 'done', 'line 1'), call('t2', 'denied', undefined, 'run_command', '{"command":"npm test"}')] });
  const c = conversationOf(msg('user', 'go'), step, msg('user', 'and then?'));
  const prompt = buildPrompt(c, '');
  assert.equal(prompt.some((m) => m.role === 'tool'), false, 'never role tool');
  const assistant = prompt[1]!;
  assert.equal(assistant.role, 'assistant');
  assert.equal('tool_calls' in assistant, false);
  const parser = new TextToolCallParser(new Set(['read_file', 'run_command']), () => 'id');
  const events: StreamEvent[] = [];
  parser.push(assistant.content as string, events);
  parser.end(events);
  assert.deepEqual(
    events.filter((e) => e.type === 'tool_call').map((e) => e.type === 'tool_call' && [e.name, e.arguments]),
    [['read_file', { path: 'a.ts' }], ['run_command', { command: 'npm test' }]],
  );
  assert.ok((assistant.content as string).startsWith('Reading.'));
  assert.deepEqual(prompt[2], {
    role: 'user',
    content: '<tool_response>\nline 1\n</tool_response>\n<tool_response>\nThe user denied this call.\n</tool_response>\n\nand then?',
  }, 'the responses, then the next user message merged into one user turn');

  // A server that refused `tools`: the plan sends natively recorded steps as text too.
  const native = conversationOf(msg('user', 'go'), msg('assistant', '', { toolCalls: [call('n1', 'done', 'ok')] }));
  const plan = planPrompt(native, { ...PLAN, textTools: true });
  assert.deepEqual(plan.messages.slice(1).map((m) => m.role), ['user', 'assistant', 'user']);
  assert.match(plan.messages[2]!.content as string, /^<tool_call>\n\{"name":"read_file","arguments":\{"path":"a.ts"\}\}\n<\/tool_call>$/);
  assert.equal(plan.messages[3]!.content, '<tool_response>\nok\n</tool_response>');
});

test('the budget counts a step with its arguments and results', () => {
  const small = conversationOf(msg('user', 'go'), msg('assistant', '', { toolCalls: [call('c', 'done', 'x')] }));
  const big = conversationOf(msg('user', 'go'), msg('assistant', '', { toolCalls: [call('c', 'done', 'x'.repeat(3000), 'edit_file', JSON.stringify({ edits: 'y'.repeat(3000) }))] }));
  const a = planPrompt(small, PLAN);
  const b = planPrompt(big, PLAN);
  assert.ok(b.tokens - a.tokens >= 1900, `6000 characters more count ≈2000 tokens more (${a.tokens} → ${b.tokens})`);
  assert.equal(b.heuristic, b.tokens, 'the heuristic covers what is sent (scale is the identity here)');
  assert.equal(planPrompt(big, { ...PLAN, contextWindow: 1000 }).fits, false, 'the newest turn alone does not fit');
});

/** Turns of an agent conversation: each a user message, a step with a bulky result, an answer. */
function agentTurns(count: number, resultChars: number): Conversation {
  const messages: StoredMessage[] = [];
  for (let t = 0; t < count; t++) {
    messages.push(msg('user', `question ${t}`, { mode: 'agent' }));
    messages.push(msg('assistant', `step ${t}`, { toolCalls: [call(`t${t}a`, 'done', `${t}`.padEnd(resultChars, '.')), call(`t${t}b`, 'denied')] }));
    messages.push(msg('assistant', `answer ${t}`));
  }
  return conversationOf(...messages);
}

test('a small window drops whole old turns: a step and its answers are never split, no tool message is orphaned', () => {
  const c = agentTurns(6, 1000); // below the condensing threshold: only dropping helps
  const all = planPrompt(c, PLAN);
  assert.equal(all.notSent, 0);
  const window = Math.floor(all.tokens / 2);
  const plan = planPrompt(c, { ...PLAN, contextWindow: window });
  assert.equal(plan.fits, true);
  assert.ok(plan.notSent > 0 && plan.notSent % 3 === 0, `whole turns left out (${plan.notSent} messages)`);
  assert.ok(plan.tokens <= window);
  assertPaired(plan.messages);
  assert.equal(plan.messages[1]!.role, 'user', 'what is sent starts at a user message');
  assert.equal(plan.sentFromId, c.messages[plan.notSent]!.id);
  const tools = plan.messages.filter((m) => m.role === 'tool').length;
  assert.equal(tools, 2 * ((c.messages.length - plan.notSent) / 3), 'both answers of every step that is sent');
});

test('condensing: older bulky results shrink before a turn is dropped; the newest 3 steps stay whole; nothing is condensed when it fits', () => {
  const c = agentTurns(5, 4000);
  const roomy = planPrompt(c, PLAN);
  assert.ok(roomy.messages.filter((m) => m.role === 'tool').every((m) => !(m.content as string).includes('[condensed')), 'fits: sent as is');

  const window = roomy.tokens - 500; // the full prompt no longer fits; condensing two old results (≈2 × 1100 tokens) does
  const plan = planPrompt(c, { ...PLAN, contextWindow: window });
  assert.equal(plan.fits, true);
  assert.equal(plan.notSent, 0, 'no turn dropped: condensing was enough');
  assertPaired(plan.messages);
  const results = plan.messages.filter((m) => m.role === 'tool' && m.tool_call_id.endsWith('a')).map((m) => m.content as string);
  assert.equal(results.length, 5);
  for (const old of results.slice(0, 2)) {
    assert.equal(old, `${old.slice(0, 600)}… [condensed: 3400 characters not repeated; call the tool again if needed]`);
  }
  for (const recent of results.slice(2)) assert.equal(recent.length, 4000, 'the newest 3 steps keep their results');
  assert.ok(plan.tokens <= window);
  assert.equal(plan.heuristic, plan.tokens, 'the estimate is of what is sent: condensed');

  const tight = planPrompt(c, { ...PLAN, contextWindow: Math.floor(roomy.tokens / 2) });
  assert.equal(tight.fits, true);
  assert.ok(tight.notSent > 0, 'condensing alone is not enough here: old turns go too');
  assertPaired(tight.messages);
});

test('condenseResult: long results keep their first 600 characters and say how much was left out; short ones are untouched', () => {
  assert.equal(condenseResult('x'.repeat(1500)), 'x'.repeat(1500));
  const long = `${'a'.repeat(600)}${'b'.repeat(1000)}`;
  assert.equal(condenseResult(long), `${'a'.repeat(600)}… [condensed: 1000 characters not repeated; call the tool again if needed]`);
  const emoji = `${'a'.repeat(599)}😀${'c'.repeat(1000)}`; // a surrogate pair across the cut
  const condensed = condenseResult(emoji);
  assert.ok(condensed.startsWith(`${'a'.repeat(599)}…`), 'never half a character');
  assert.match(condensed, /condensed: 1002 characters/);
});
