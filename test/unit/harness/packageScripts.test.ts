// Every package.json script must work on a fresh clone (after `npm ci`) with the oldest Node we support (20):
// the files it runs exist, it never hands `node --test` a glob (Node 20 does not expand them; Node 21+ does, so a
// glob works on a newer machine and silently breaks on 20), and each tool it calls is node, npm or a declared
// devDependency (not something that happens to be installed globally or as a transitive dependency).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();

interface PackageJson {
  engines?: Record<string, string>;
  scripts: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  bin?: string | Record<string, string>;
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
const scripts = Object.entries(pkg.scripts);

/** A script's commands (split at &&, ||, ; and |), each as its words, without leading `VAR=value` assignments. */
function commandsOf(script: string): string[][] {
  return script
    .split(/&&|\|\||;|\|/)
    .map((part) => (part.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^(["'])(.*)\1$/, '$2')))
    .map((words) => {
      while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) words.shift();
      return words;
    })
    .filter((words) => words.length > 0);
}

/** Node's flags that take a separate value (`node --require x file`). */
const NODE_FLAGS_WITH_VALUE = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-e', '--eval', '-p', '--print']);

/** The file `node ...` runs, if any (the first word that is not a flag or a flag's value). */
function nodeEntry(words: string[]): string | undefined {
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (NODE_FLAGS_WITH_VALUE.has(w)) {
      i++;
      continue;
    }
    if (w.startsWith('-')) continue;
    return w;
  }
  return undefined;
}

/** Files under out/ and dist/ are build output: a test bundle out/X.js comes from X.ts. */
function sourceOf(file: string): string {
  const m = /^out\/(.+)\.js$/.exec(file);
  return m ? `${m[1]}.ts` : file;
}

/** bin name → package, over the installed top-level packages' package.json files. */
function binsOf(names: string[]): Map<string, string> {
  const bins = new Map<string, string>();
  for (const name of names) {
    const file = join(root, 'node_modules', name, 'package.json');
    if (!existsSync(file)) continue;
    const dep = JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
    if (typeof dep.bin === 'string') bins.set(name.replace(/^@[^/]+\//, ''), name);
    else for (const bin of Object.keys(dep.bin ?? {})) bins.set(bin, name);
  }
  return bins;
}

test('engines: node >= 20 (the README minimum) next to the vscode engine', () => {
  assert.equal(pkg.engines?.node, '>=20');
  assert.ok(pkg.engines?.vscode, 'the vscode engine stays');
  const major = Number(process.versions.node.split('.')[0]);
  assert.ok(major >= 20, `running on Node ${process.versions.node}`);
});

test('every local file a script runs exists (build output: its source does)', () => {
  for (const [name, script] of scripts) {
    for (const words of commandsOf(script)) {
      const files = words.filter((w) => /\.(?:[cm]?js|ts)$/.test(w) && !w.startsWith('-'));
      if (words[0] === 'node') {
        const entry = nodeEntry(words);
        assert.ok(entry, `${name}: \`${words.join(' ')}\` runs no file`);
        if (!files.includes(entry)) files.push(entry);
      }
      for (const file of files) {
        const source = sourceOf(file);
        assert.ok(existsSync(join(root, source)), `${name}: ${file}${source === file ? '' : ` (from ${source})`} does not exist`);
        if (source !== file) {
          assert.match(script, /esbuild\.mjs[^&|;]*--tests/, `${name}: runs ${file} without building the tests first`);
        }
      }
    }
  }
});

test('tsc -p targets exist, and npm run typecheck checks every tsconfig.json in the repo', () => {
  const checked = new Set<string>();
  for (const [name, script] of scripts) {
    for (const words of commandsOf(script)) {
      if (words[0] !== 'tsc') continue;
      const i = words.indexOf('-p');
      if (i < 0) continue;
      const target = words[i + 1] ?? '';
      const config = target.endsWith('.json') ? target : join(target, 'tsconfig.json');
      assert.ok(existsSync(join(root, config)), `${name}: tsc -p ${target}: no ${config}`);
      if (name === 'typecheck') checked.add(join(config));
    }
  }
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir))) {
      if (['node_modules', '.git', 'dist', 'out', 'test-results', '.vscode-test', '.tools'].includes(entry)) continue;
      const rel = dir ? join(dir, entry) : entry;
      if (statSync(join(root, rel)).isDirectory()) walk(rel);
      else if (entry === 'tsconfig.json') found.push(rel);
    }
  };
  walk('');
  assert.ok(found.length >= 3, `found ${found.join(', ')}`);
  for (const config of found) assert.ok(checked.has(config), `npm run typecheck does not check ${config}`);
});

test('node --test is never given a glob (Node 20 does not expand it)', () => {
  for (const [name, script] of scripts) {
    for (const words of commandsOf(script)) {
      if (words[0] !== 'node' || !words.includes('--test')) continue;
      for (const w of words) assert.ok(!/[*?[\]{}]/.test(w), `${name}: node --test ${w}: a glob; list the files (see test/harness/lib/node-tests.mjs)`);
    }
  }
});

test('each tool a script calls is node, npm (running a script that exists) or a devDependency', () => {
  const devDeps = Object.keys(pkg.devDependencies ?? {});
  const bins = binsOf(devDeps);
  for (const [name, script] of scripts) {
    for (const words of commandsOf(script)) {
      const tool = words[0]!;
      if (tool === 'node') continue;
      if (tool === 'npm') {
        const run = words.indexOf('run');
        const target = run >= 0 ? words.slice(run + 1).find((w) => !w.startsWith('-')) : undefined;
        if (target) assert.ok(pkg.scripts[target], `${name}: npm run ${target}: no such script`);
        continue;
      }
      assert.ok(bins.has(tool), `${name}: \`${tool}\` is not a bin of any devDependency (${devDeps.join(', ')})`);
    }
  }
});

test('the script parser reads what the scripts are made of', () => {
  assert.deepEqual(commandsOf('node esbuild.mjs --production && vsce package -o dist/x.vsix'), [
    ['node', 'esbuild.mjs', '--production'],
    ['vsce', 'package', '-o', 'dist/x.vsix'],
  ]);
  assert.deepEqual(commandsOf('FOO=1 node "a b.mjs" || tsc -p .; eslint .'), [['node', 'a b.mjs'], ['tsc', '-p', '.'], ['eslint', '.']]);
  assert.equal(nodeEntry(['node', '--enable-source-maps', '--require', 'x', 'out/a.js']), 'out/a.js');
  assert.equal(sourceOf('out/test/bench/index.js'), 'test/bench/index.ts');
});
