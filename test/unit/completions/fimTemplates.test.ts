// Each family's prompt against the tokens its makers document (written out here, not read from the source's tables).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  FIM_FAMILIES,
  fimControlTokens,
  fimFamilyOf,
  renderFim,
  type FimFamily,
  type FimInput,
} from '../../../src/completions/core/fimTemplates';
import { escapeControlTokens, unescapeControlTokens } from '../../../src/completions/core/fimTokens';

const input = (over: Partial<FimInput> = {}): FimInput => ({
  prefix: 'def add(a, b):\n    ',
  suffix: '\n\nprint(add(1, 2))\n',
  filePath: 'src/calc.py',
  languageId: 'python',
  snippets: [],
  ...over,
});

test('Qwen2.5-Coder: <|fim_prefix|>…<|fim_suffix|>…<|fim_middle|>, stops at its end of text and section tokens', () => {
  const { prompt, stop } = renderFim('qwen', input());
  assert.equal(prompt, '<|fim_prefix|>def add(a, b):\n    <|fim_suffix|>\n\nprint(add(1, 2))\n<|fim_middle|>');
  for (const token of ['<|endoftext|>', '<|fim_pad|>', '<|file_sep|>', '<|im_end|>', '<|fim_prefix|>', '<|repo_name|>']) {
    assert.ok(stop.includes(token), token);
  }
});

test('Qwen2.5-Coder repository level: <|repo_name|>name, <|file_sep|>path per file, the current file last', () => {
  const { prompt } = renderFim('qwen', input({
    repoName: 'calculator',
    snippets: [{ filePath: 'src/util.py', text: 'def sub(a, b):\n    return a - b' }, { filePath: 'README.md', text: '# Calc\n' }],
  }));
  assert.equal(prompt,
    '<|repo_name|>calculator\n'
    + '<|file_sep|>src/util.py\ndef sub(a, b):\n    return a - b\n'
    + '<|file_sep|>README.md\n# Calc\n'
    + '<|file_sep|>src/calc.py\n<|fim_prefix|>def add(a, b):\n    <|fim_suffix|>\n\nprint(add(1, 2))\n<|fim_middle|>');
});

test('StarCoder/StarCoder2: <fim_prefix>…<fim_suffix>…<fim_middle>; other files with <repo_name> and <file_sep> (StarCoder2 §5.1)', () => {
  const plain = renderFim('starcoder', input());
  assert.equal(plain.prompt, '<fim_prefix>def add(a, b):\n    <fim_suffix>\n\nprint(add(1, 2))\n<fim_middle>');
  for (const token of ['<|endoftext|>', '<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<file_sep>', '<filename>']) {
    assert.ok(plain.stop.includes(token), token);
  }
  const repo = renderFim('starcoder', input({ repoName: 'calc', snippets: [{ filePath: 'u.py', text: 'X = 1\n' }] }));
  assert.equal(repo.prompt, '<repo_name>calc<file_sep>u.py\nX = 1\n<file_sep><fim_prefix>src/calc.py\ndef add(a, b):\n    <fim_suffix>\n\nprint(add(1, 2))\n<fim_middle>');
});

test('DeepSeek-Coder: full-width bars (U+FF5C) and ▁ (U+2581) in <｜fim▁begin｜>…<｜fim▁hole｜>…<｜fim▁end｜>', () => {
  const { prompt, stop } = renderFim('deepseek', input());
  const begin = '<\uFF5Cfim\u2581begin\uFF5C>';
  const hole = '<\uFF5Cfim\u2581hole\uFF5C>';
  const end = '<\uFF5Cfim\u2581end\uFF5C>';
  assert.equal(prompt, `${begin}def add(a, b):\n    ${hole}\n\nprint(add(1, 2))\n${end}`);
  assert.ok(!prompt.includes('<|'), 'no ASCII bars');
  assert.ok(stop.includes('<\uFF5Cend\u2581of\u2581sentence\uFF5C>'));
  const repo = renderFim('deepseek', input({ snippets: [{ filePath: 'src/util.py', text: 'X = 1' }] }));
  assert.ok(repo.prompt.startsWith(`${begin}# src/util.py\nX = 1\n# src/calc.py\ndef add`), 'files headed by a path comment (its README)');
});

test('Code Llama: "<PRE> {prefix} <SUF>{suffix} <MID>" with its spaces, stop <EOT>', () => {
  const { prompt, stop } = renderFim('codellama', input({ prefix: 'x = ', suffix: '\ny = 2' }));
  assert.equal(prompt, '<PRE> x =  <SUF>\ny = 2 <MID>');
  assert.ok(stop.includes('<EOT>'));
});

test('Codestral: [SUFFIX]{suffix}[PREFIX]{prefix}; other files as +++++ sections of the prefix', () => {
  const { prompt, stop } = renderFim('codestral', input({ prefix: 'x = ', suffix: '\ny = 2' }));
  assert.equal(prompt, '[SUFFIX]\ny = 2[PREFIX]x = ');
  assert.ok(stop.includes('[PREFIX]') && stop.includes('[SUFFIX]') && stop.includes('</s>'));
  const repo = renderFim('codestral', input({ prefix: 'x = ', suffix: '', snippets: [{ filePath: 'u.py', text: 'A = 1' }] }));
  assert.equal(repo.prompt, '[SUFFIX][PREFIX]+++++ u.py\nA = 1\n\n+++++ src/calc.py\nx = ');
});

test('CodeGemma: <|fim_prefix|>…<|fim_suffix|>…<|fim_middle|>, <|file_separator|> between files and as a stop', () => {
  const { prompt, stop } = renderFim('codegemma', input({ prefix: 'import ', suffix: '\nif __name__ == "__main__":\n  sys.exit(0)' }));
  assert.equal(prompt, '<|fim_prefix|>import <|fim_suffix|>\nif __name__ == "__main__":\n  sys.exit(0)<|fim_middle|>');
  assert.ok(stop.includes('<|file_separator|>') && stop.includes('<end_of_turn>') && stop.includes('<eos>'));
  const repo = renderFim('codegemma', input({ prefix: 'a', suffix: 'b', snippets: [{ filePath: 'u.py', text: 'A = 1' }] }));
  assert.equal(repo.prompt, '<|file_separator|>u.py\nA = 1\n<|file_separator|>src/calc.py\n<|fim_prefix|>a<|fim_suffix|>b<|fim_middle|>');
});

test('every family: its stop tokens are among its control tokens, and its prompt holds the prefix and suffix', () => {
  for (const family of FIM_FAMILIES) {
    const { prompt, stop } = renderFim(family, input());
    assert.ok(stop.length > 0, family);
    for (const token of stop) assert.ok(fimControlTokens(family).includes(token), `${family}: ${token}`);
    assert.ok(prompt.includes('def add(a, b):\n    ') && prompt.includes('print(add(1, 2))'), family);
  }
});

/** Every control token of every family and chat template, which the user's text must never carry into a prompt. */
const EVERY_TOKEN = [...new Set(FIM_FAMILIES.flatMap((f) => fimControlTokens(f))), '<|im_start|>', '<|eot_id|>', '<start_of_turn>'];

test('control tokens in the prefix, suffix, snippets, paths and repository name are escaped in every family', () => {
  const hostile = EVERY_TOKEN.join(' ');
  for (const family of FIM_FAMILIES) {
    const clean = renderFim(family, input({ prefix: 'a', suffix: 'b', repoName: 'r', snippets: [{ filePath: 's.py', text: 'x' }] })).prompt;
    const { prompt } = renderFim(family, input({
      prefix: `a${hostile}`, suffix: `b${hostile}`, filePath: `src/${hostile}.py`, repoName: `r${hostile}`,
      snippets: [{ filePath: `s${hostile}.py`, text: `x${hostile}` }],
    }));
    for (const token of EVERY_TOKEN) {
      // The template's own tokens appear exactly as often as in a prompt without the hostile text.
      assert.equal(count(prompt, token), count(clean, token), `${family}: ${token} from the user's text reached the prompt`);
    }
    assert.ok(prompt.includes('<\u200B|fim_prefix|>'), `${family}: escaped, not removed`);
  }
});

test('the escape is a zero-width space inside the token, and it is undone on the way back', () => {
  for (const token of EVERY_TOKEN) {
    const escaped = escapeControlTokens(`x ${token} y`);
    assert.notEqual(escaped, `x ${token} y`, token);
    assert.equal(escaped.replace(/\u200B/g, ''), `x ${token} y`, 'only a zero-width space is added');
    assert.equal(unescapeControlTokens(escaped), `x ${token} y`);
  }
  assert.equal(escapeControlTokens('plain <div> [x] <|not a token|>'), 'plain <div> [x] <|not a token|>');
});

test('a newline in a path cannot end a header early', () => {
  const { prompt } = renderFim('qwen', input({ snippets: [{ filePath: 'a\n<|fim_middle|>b.py', text: 'x' }] }));
  assert.ok(prompt.includes('<|file_sep|>a <\u200B|fim_middle|>b.py\nx\n'));
});

const count = (text: string, token: string): number => text.split(token).length - 1;

test('fimFamilyOf reads HF ids, Ollama tags, GGUF names and API names', () => {
  const cases: Array<[string, FimFamily | undefined]> = [
    ['Qwen/Qwen2.5-Coder-7B', 'qwen'],
    ['qwen2.5-coder:1.5b-base', 'qwen'],
    ['Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/qwen2.5-coder-1.5b-instruct-q8_0.gguf', 'qwen'],
    ['qwen3-coder:30b', 'qwen'],
    ['Qwen/CodeQwen1.5-7B', 'starcoder'],
    ['bigcode/starcoder2-3b', 'starcoder'],
    ['starcoder2:3b', 'starcoder'],
    ['bigcode/starcoderbase-1b', 'starcoder'],
    ['stabilityai/stable-code-3b', 'starcoder'],
    ['deepseek-coder-6.7b-base', 'deepseek'],
    ['deepseek-coder-v2', 'deepseek'],
    ['deepseek-ai/DeepSeek-Coder-V2-Lite-Base', 'deepseek'],
    ['deepseek-coder:1.3b-base-q4_0', 'deepseek'],
    ['codellama:7b-code', 'codellama'],
    ['codellama/CodeLlama-13b-hf', 'codellama'],
    ['codellama:34b-code', undefined],
    ['codestral-latest', 'codestral'],
    ['mistralai/Codestral-22B-v0.1', 'codestral'],
    ['codegemma:2b', 'codegemma'],
    ['google/codegemma-7b', 'codegemma'],
    ['llama3', undefined],
    ['llama3.1:8b-instruct-q4_K_M', undefined],
    ['gpt-4o', undefined],
    ['deepseek-r1:7b', undefined],
    ['qwen2.5:7b', undefined],
    ['mistral-large-latest', undefined],
    ['', undefined],
  ];
  for (const [id, family] of cases) assert.equal(fimFamilyOf(id), family, id);
});
