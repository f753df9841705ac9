// The shape CONTRIBUTING.md promises a reader: small files, one name for one thing, and lazily loaded chunks that
// never split a module's state between two copies.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as esbuild from 'esbuild';
import { globSync } from 'glob';
import ts from 'typescript';

const MAX_LINES = 300;
const sources = globSync('src/**/*.ts', { posix: true }).sort();

test('src/ has files to check (the glob runs from the repository root)', () => {
  assert.ok(sources.length > 100, `found ${sources.length} files`);
});

test(`no source file is over ${MAX_LINES} lines`, () => {
  const long = sources
    .map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
    .filter(({ lines }) => lines > MAX_LINES);
  assert.deepEqual(long, [], 'split these by job');
});

test('no two source files share a base name (a name says which one is meant)', () => {
  const byName = new Map<string, string[]>();
  for (const file of sources) byName.set(basename(file), [...(byName.get(basename(file)) ?? []), file]);
  assert.deepEqual([...byName.values()].filter((files) => files.length > 1), []);
});

/** The host's chunks, read from src/chunks.ts the way esbuild.mjs reads them. */
function chunkEntries(): Record<string, string> {
  const body = /export interface Chunks \{([^}]*)\}/.exec(readFileSync('src/chunks.ts', 'utf8'))?.[1] ?? '';
  return Object.fromEntries([...body.matchAll(/^\s*(\w+): typeof import\('\.\/([\w/.-]+)'\);$/gm)].map(([, name, file]) => [`chunks/${name}`, `src/${file}.ts`]));
}

/**
 * Module-level state: a `let`/`var`, an instance of a class of ours, or a Map/Set/Array the file itself changes.
 * (A constant table, even a `new Set`, is not state.)
 */
function stateIn(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const state: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
    for (const declaration of statement.declarationList.declarations) {
      const name = declaration.name.getText(source);
      const init = declaration.initializer;
      if (!isConst) state.push(name);
      else if (init && ts.isNewExpression(init)) {
        const builtin = /^(Map|Set|WeakMap|WeakSet|Array)$/.test(init.expression.getText(source));
        const mutated = new RegExp(`\\b${name}\\.(set|add|delete|clear|push|splice)\\(`).test(text);
        if (!builtin || mutated) state.push(name);
      }
    }
  }
  return state;
}

/** Duplicated on purpose, each copy's state harmless: [file, why]. A new entry needs a reason a reviewer accepts. */
const HARMLESS_COPIES: ReadonlyMap<string, string> = new Map([
  ['src/common/textHash.ts', 'a lazily required node:crypto handle; every copy gets the same cached module'],
  ['src/api/toolCalls.ts', 'a counter inside generated tool-call ids that also carry the time and randomness'],
  ['src/context/core/secretFiles.ts', 'a matcher built on first use from a constant list; every copy builds the same one (the agent chunk skips secret-shaped files in search)'],
]);

test('no module with state is copied into two host bundles (extension.js and its chunks)', async () => {
  const entries = chunkEntries();
  assert.ok(Object.keys(entries).length >= 4, `chunks read from src/chunks.ts: ${JSON.stringify(entries)}`);
  const result = await esbuild.build({
    entryPoints: { extension: 'src/extension.ts', ...entries },
    bundle: true, write: false, metafile: true, platform: 'node', format: 'cjs', external: ['vscode'],
    outdir: 'out/shape-check', logLevel: 'silent',
  });
  const bundlesOf = new Map<string, number>();
  for (const [output, { inputs }] of Object.entries(result.metafile.outputs)) {
    if (!output.endsWith('.js')) continue;
    for (const input of Object.keys(inputs)) bundlesOf.set(input, (bundlesOf.get(input) ?? 0) + 1);
  }
  const copied = [...bundlesOf].filter(([input, count]) => count > 1 && input.startsWith('src/')).map(([input]) => input);
  assert.ok(copied.includes('src/common/l10n.ts'), 'precondition: the shared helpers are copied into the chunks');
  const offending = copied
    .filter((file) => !HARMLESS_COPIES.has(file))
    .map((file) => ({ file, state: stateIn(file) }))
    .filter(({ state }) => state.length > 0);
  assert.deepEqual(offending, [], 'keep this state on globalThis (see src/common/l10n.ts) or in one bundle only');
});

test('the state detector sees state (so the check above can fail)', () => {
  assert.deepEqual(stateIn('src/history/storage/fileLock.ts').includes('asideCounter'), true);
  assert.deepEqual(stateIn('src/lm/request.ts'), ['reasoning']);
  assert.deepEqual(stateIn('src/api/retry.ts'), []);
});
