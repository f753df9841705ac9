// A bad call tells the model which field is wrong and what the tool takes; what a model clearly meant ("10") is read.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseToolArgs } from '../../../src/agent/core/toolArgs';
import { BUILTIN_TOOLS, builtinDefinitions, isBuiltinTool } from '../../../src/agent/core/toolDefinitions';
import { unknownToolMessage } from '../../../src/agent/core/toolMessages';

test('valid arguments pass, numbers and booleans written as strings are read as such', () => {
  assert.deepEqual(parseToolArgs('read_file', { path: 'a.ts', start_line: 3 }), { ok: true, args: { path: 'a.ts', start_line: 3 } });
  assert.deepEqual(parseToolArgs('read_file', { path: 'a.ts', start_line: '10', end_line: '20' }), { ok: true, args: { path: 'a.ts', start_line: 10, end_line: 20 } });
  assert.deepEqual(parseToolArgs('search_text', { pattern: 'x', case_sensitive: 'true' }), { ok: true, args: { pattern: 'x', case_sensitive: true } });
  assert.deepEqual(parseToolArgs('list_dir', {}), { ok: true, args: {} });
  assert.deepEqual(parseToolArgs('get_problems', { path: null }), { ok: true, args: {} }, 'null is "not given"');
});

test('a missing field is named, with what the tool takes', () => {
  const r = parseToolArgs('edit_file', { path: 'a.ts' });
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.message,
    'Invalid arguments for edit_file: "edits" is required. It takes: path (string, required), edits (string, required).');
});

test('a wrong type or value says which field and what it got', () => {
  const wrongType = parseToolArgs('read_file', { path: 'a.ts', start_line: 'abc' });
  assert.equal(!wrongType.ok && wrongType.message,
    'Invalid arguments for read_file: "start_line" must be a number (got "abc"). It takes: path (string, required), start_line (integer), end_line (integer).');
  const zero = parseToolArgs('read_file', { path: 'a.ts', start_line: 0 });
  assert.match(!zero.ok ? zero.message : '', /"start_line" must be 1 or more \(got 0\)/);
  const empty = parseToolArgs('run_command', { command: '   ' });
  assert.match(!empty.ok ? empty.message : '', /"command" must not be empty/);
  const long = parseToolArgs('run_command', { command: 'npm test', timeout_seconds: 9999 });
  assert.match(!long.ok ? long.message : '', /"timeout_seconds" must be at most 600 \(got 9999\)/);
  const path = parseToolArgs('read_file', { path: 42 });
  assert.match(!path.ok ? path.message : '', /"path" must be a string \(got 42\)/);
});

test('every built-in tool has a definition with a JSON schema, and unknown tools are named with the list', () => {
  assert.deepEqual(builtinDefinitions().map((d) => d.function.name), [...BUILTIN_TOOLS]);
  for (const d of builtinDefinitions()) assert.equal((d.function.parameters as { type: string }).type, 'object');
  assert.ok(isBuiltinTool('read_file') && !isBuiltinTool('delete_everything'));
  assert.equal(unknownToolMessage('delete_everything', ['read_file', 'list_dir']), 'Unknown tool "delete_everything". Available: read_file, list_dir.');
});
