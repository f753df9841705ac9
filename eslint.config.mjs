// @ts-check
// ESLint (flat config). Besides catching bugs, it enforces the layers of src/ (README, "How it is built"):
// each layer rule below says in its message which rule it is and why. tsconfigs enforce the globals
// (host: Node, no DOM; webview: DOM, no Node); these rules enforce who may import whom.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * The layers of src/, from the bottom up. A file may import from its own folder and from any lower layer, never
 * from a higher layer nor from another folder of its own layer: features of one layer talk through a lower layer's
 * interface, injected by extension.ts (the wiring) when they are created. Every folder (and top-level file) of src/
 * has its place here: a new one gets its layer in the same change (linting refuses to start until it has one).
 * CONTRIBUTING.md draws this table; change both together, and say why in the commit.
 */
export const LAYERS = [
  ['common'],
  ['api'],
  ['models'],
  ['agentProtocol.ts'], // agent mode's part of the protocol: below protocol.ts, which includes it
  ['protocol.ts', 'config'],
  ['history', 'providers'],
  ['prompt', 'apply'],
  ['chat', 'context'],
  ['completions', 'agent', 'lm', 'statusBar', 'commands', 'onboarding'],
  ['views'],
  ['chunks.ts', 'extensionApi.ts'],
  ['extension.ts'],
];

/** The webview is a separate program (the browser): it sees only src/protocol.ts's types (rules below). */
const WEBVIEW = 'webview';

/**
 * Code that must run without VS Code (plain Node tests, the browser webview): no `vscode` import, not even a type.
 * A feature's pure part lives in its `core/` folder; these top-level folders are pure as a whole.
 */
export const PURE_FOLDERS = ['common', 'api', 'models', 'history', 'prompt', 'chat', WEBVIEW];
const PURE_GLOBS = [
  'src/**/core/**/*.ts',
  'src/protocol.ts',
  'src/agentProtocol.ts',
  ...PURE_FOLDERS.map((f) => `src/${f}/**/*.ts`),
];

const placed = new Set([...LAYERS.flat(), WEBVIEW]);
const unplaced = readdirSync(join(root, 'src'), { withFileTypes: true })
  .filter((e) => (e.isDirectory() || /\.ts$/.test(e.name)) && !placed.has(e.name))
  .map((e) => `src/${e.name}`);
if (unplaced.length > 0) {
  throw new Error(`eslint.config.mjs: ${unplaced.join(', ')} has no layer yet: place it in LAYERS (and in CONTRIBUTING.md's map).`);
}

/** `config` → './src/config' (a folder, with everything under it); `protocol.ts` → './src/protocol.ts'. */
const srcPath = (name) => `./src/${name}`;

/** For each layer: nothing from above it, nothing from the other folders of its own layer. */
const ORDER_ZONES = LAYERS.flatMap((layer, i) => {
  const above = LAYERS.slice(i + 1).flat();
  return layer.map((name) => {
    const siblings = layer.filter((other) => other !== name);
    return {
      target: srcPath(name),
      from: [...above, ...siblings, WEBVIEW].map(srcPath),
      message: `[layer ${i}: ${layer.join(', ')}] src/${name} may import only its own folder and the layers below it `
        + `(${LAYERS.slice(0, i).map((l) => l.join(', ')).join(' < ') || 'none'}). A higher or same-layer feature is `
        + 'reached through an interface injected at wiring time (extension.ts), not by an import.',
    };
  });
});

const noVscode = {
  name: 'vscode',
  message: '[layer: pure] this file is pure (a `core/` folder, src/protocol.ts, or a folder of PURE_FOLDERS in eslint.config.mjs): no `vscode` import, '
    + 'not even a type, so it runs in plain Node tests and in the webview. Take what you need as a parameter.',
};

/** The webview bundle runs in the browser: no Node built-ins, no zod, and from the host side only the protocol's types. */
const webviewRestrictions = {
  paths: [
    noVscode,
    { name: 'zod', message: '[layer: webview] zod stays on the host: the webview gets typed messages, the host validates them.' },
    ...builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({
      name,
      message: '[layer: webview] the webview runs in the browser: no Node built-ins.',
    })),
  ],
  patterns: [
    {
      group: ['node:*'],
      message: '[layer: webview] the webview runs in the browser: no Node built-ins.',
    },
    {
      // ../protocol, ../../protocol, ...: the only host file the webview may see, and only its types.
      regex: '^(\\.\\./)+protocol(\\.[cm]?[jt]s)?$',
      allowTypeImports: true,
      message: '[layer: webview] use `import type` from src/protocol.ts: its values (zod schemas) must not enter the webview bundle.',
    },
  ],
};

/** Zones over resolved paths (so every `../` depth is covered), checked by import-x/no-restricted-paths. */
const LAYER_ZONES = [
  ...ORDER_ZONES,
  {
    target: './src/webview',
    from: './src',
    except: ['./webview', './protocol.ts'],
    message: '[layer: webview] src/webview is a browser bundle: it imports only src/webview (and `import type` from src/protocol.ts).',
  },
];

export default defineConfig(
  globalIgnores(['dist/', 'out/', 'node_modules/', 'test-results/', 'media/', '.vscode-test/', '.tools/']),

  // Every JS/TS file: ESLint's recommended set.
  js.configs.recommended,

  // Plain JS (esbuild.mjs, this file, test/harness/*.mjs): Node globals, no type information needed.
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },

  // TypeScript in src/ and test/: typescript-eslint's type-aware recommended set, plus the promise and switch rules.
  {
    files: ['**/*.{ts,mts,cts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', {
        // node:test's test()/describe() return a promise that the runner itself tracks; awaiting it is not needed.
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'skip', 'todo', 'only'] }],
      }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // Off: an `async` method without `await` is how our fakes and interface implementations return a promise
      // (and turn a throw into a rejection); flagging it is noise, not a bug.
      '@typescript-eslint/require-await': 'off',
      // Passing on a caught error (typed `unknown`) is fine; rejecting with a fresh non-Error is not.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // `_name` marks a deliberately unused binding; `const { a: _a, ...rest } = x` drops a field.
      '@typescript-eslint/no-unused-vars': ['error', {
        argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true,
      }],
    },
  },

  // Layer rules (src/ only; tests may import anything).
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.d.ts', '.mts', '.js', '.mjs', '.json'] })],
      // no-cycle follows each import into the imported file: it must parse TypeScript to see that file's imports.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mts', '.cts', '.d.ts'] },
      'import-x/extensions': ['.ts', '.mts', '.cts', '.js', '.mjs'],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: LAYER_ZONES }],
      // No import cycle between files of src/. (import-x skips `import type` here; between folders the layer zones above
      // refuse type imports too, so a cycle of types can only stay inside one folder.)
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: PURE_GLOBS,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  {
    // After the pure block: for the webview this option set replaces it (and includes noVscode).
    files: ['src/webview/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', webviewRestrictions] },
  },
);
