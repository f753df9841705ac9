// The recogniser of tool calls written as text (inferenceChat.parseToolCallsFromText): Hermes/Qwen <tool_call> tags
// and whole replies that are one bare JSON call; streaming-safe and only for tools that were offered.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { StreamEvent } from '../../../src/api';
import { TextToolCallParser } from '../../../src/api/textToolCalls';
import { splitIntoPieces } from '../../fixtures/sse';

const TOOLS = new Set(['get_weather', 'read_file']);

function parser(tools: ReadonlySet<string> = TOOLS): TextToolCallParser {
  let n = 0;
  return new TextToolCallParser(tools, () => `text_call_${++n}`);
}

/** Feeds `pieces` one by one; returns the events after each push and the events of end(). */
function run(pieces: string[], tools?: ReadonlySet<string>): { perPush: StreamEvent[][]; all: StreamEvent[] } {
  const p = parser(tools);
  const perPush: StreamEvent[][] = [];
  const all: StreamEvent[] = [];
  for (const piece of pieces) {
    const out: StreamEvent[] = [];
    p.push(piece, out);
    perPush.push(out);
    all.push(...out);
  }
  const out: StreamEvent[] = [];
  p.end(out);
  perPush.push(out);
  all.push(...out);
  return { perPush, all };
}

/** Joins adjacent text events, so results compare independently of how the text was cut. */
function normalize(events: StreamEvent[]): unknown[] {
  const out: unknown[] = [];
  for (const e of events) {
    const last = out[out.length - 1] as { type?: string; text?: string } | undefined;
    if (e.type === 'text' && last?.type === 'text') last.text += e.text;
    else out.push(e.type === 'text' ? { type: 'text', text: e.text } : e);
  }
  return out;
}

const HERMES = 'Let me check.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Köln"}}\n</tool_call>\nDone.';

test('a Hermes <tool_call> tag becomes a call; the text around it stays text', () => {
  assert.deepEqual(normalize(run([HERMES]).all), [
    { type: 'text', text: 'Let me check.\n' },
    { type: 'tool_call', id: 'text_call_1', name: 'get_weather', arguments: { city: 'Köln' } },
    { type: 'text', text: '\nDone.' },
  ]);
});

test('the same result however the reply is cut, down to one character per piece', () => {
  const whole = normalize(run([HERMES]).all);
  for (const size of [1, 2, 3, 7]) assert.deepEqual(normalize(run(splitIntoPieces(HERMES, size)).all), whole, `pieces of ${size}`);
  for (let cut = 1; cut < HERMES.length; cut++) {
    assert.deepEqual(normalize(run([HERMES.slice(0, cut), HERMES.slice(cut)]).all), whole, `cut at ${cut}`);
  }
});

test('streaming-safe: text before the tag is out before the tag closes; the tag and a partial "<tool" are held', () => {
  const { perPush } = run(['Let me ', 'check.\n<tool', '_call>{"name": "get_weather", ', '"arguments": {}}', '</tool_call>']);
  assert.deepEqual(perPush[0], [{ type: 'text', text: 'Let me ' }]);
  assert.deepEqual(perPush[1], [{ type: 'text', text: 'check.\n' }], '"<tool" is held: it may be a tag');
  assert.deepEqual(perPush[2], []);
  assert.deepEqual(perPush[3], []);
  assert.deepEqual(perPush[4], [{ type: 'tool_call', id: 'text_call_1', name: 'get_weather', arguments: {} }]);
});

test('a tag naming a tool that was not offered, or holding no JSON call, is passed through as text', () => {
  const other = 'A <tool_call>{"name": "rm_rf", "arguments": {}}</tool_call> B';
  assert.deepEqual(normalize(run([other]).all), [{ type: 'text', text: other }]);
  const junk = 'x <tool_call>not json</tool_call> y';
  assert.deepEqual(normalize(run([junk]).all), [{ type: 'text', text: junk }]);
  const almost = 'a <tool_ and more';
  assert.deepEqual(normalize(run([almost]).all), [{ type: 'text', text: almost }]);
});

test('several tags give several calls; "parameters" and string arguments are accepted', () => {
  const text =
    '<tool_call>{"name": "read_file", "parameters": {"path": "a.ts"}}</tool_call><tool_call>{"name": "get_weather", "arguments": "{\\"city\\": \\"Oslo\\"}"}</tool_call>';
  assert.deepEqual(normalize(run(splitIntoPieces(text, 4)).all), [
    { type: 'tool_call', id: 'text_call_1', name: 'read_file', arguments: { path: 'a.ts' } },
    { type: 'tool_call', id: 'text_call_2', name: 'get_weather', arguments: { city: 'Oslo' } },
  ]);
});

test('an unclosed tag at the end that holds a whole call is a call (models that stop at </tool_call>)', () => {
  assert.deepEqual(normalize(run(['<tool_call>\n{"name": "read_file", "arguments": {"path": "x"}}\n']).all), [
    { type: 'tool_call', id: 'text_call_1', name: 'read_file', arguments: { path: 'x' } },
  ]);
  assert.deepEqual(normalize(run(['<tool_call>{"name": "read_file", "argu']).all), [{ type: 'text', text: '<tool_call>{"name": "read_file", "argu' }]);
});

test('a whole reply that is one bare JSON call naming an offered tool is a call', () => {
  const bare = '  {"name": "get_weather", "arguments": {"city": "Paris"}}\n';
  for (const size of [1, 5, 100]) {
    const { perPush, all } = run(splitIntoPieces(bare, size));
    assert.deepEqual(normalize(all), [{ type: 'tool_call', id: 'text_call_1', name: 'get_weather', arguments: { city: 'Paris' } }]);
    assert.ok(perPush.slice(0, -1).every((events) => events.length === 0), 'held back until the end');
  }
});

test('a bare JSON reply that is not a call of an offered tool stays text, and one that cannot be streams at once', () => {
  const unknown = '{"name": "delete_everything", "arguments": {}}';
  assert.deepEqual(normalize(run([unknown]).all), [{ type: 'text', text: unknown }]);
  const data = '{"temperature": 21, "unit": "C", "note": "plain JSON data, not a call"}';
  const { perPush, all } = run(splitIntoPieces(data, 4));
  assert.deepEqual(normalize(all), [{ type: 'text', text: data }]);
  assert.ok(perPush.slice(0, 8).some((events) => events.length > 0), 'not held to the end once it cannot be a call');
  const trailing = '{"name": "get_weather", "arguments": {}} and then some words';
  assert.deepEqual(normalize(run([trailing]).all), [{ type: 'text', text: trailing }]);
});

test('without offered tools everything passes straight through', () => {
  const { perPush } = run([HERMES], new Set());
  assert.deepEqual(perPush[0], [{ type: 'text', text: HERMES }]);
});
