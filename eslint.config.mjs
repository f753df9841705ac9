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

/** Folders whose code must run without VS Code (plain Node tests, the browser webview): no `vscode` import at all. */
const PURE_DIRS = ['src/api', 'src/chat', 'src/common', 'src/history', 'src/models', 'src/prompt', 'src/webview'];

/** Extension-host folders that may use `vscode`. Every folder of src/ is in one of the two lists (checked below). */
const HOST_DIRS = ['src/apply', 'src/commands', 'src/config', 'src/context', 'src/lm', 'src/onboarding', 'src/providers', 'src/statusBar', 'src/views'];

/**
 * Single pure files outside those folders (same rule: no `vscode`, not even `import type`). Add a file here when
 * you write one that must stay testable in plain Node; remove it when it moves into src/common.
 */
const PURE_FILES = [
  'src/protocol.ts',
  
  'src/config/core/parseSettings.ts',
  'src/config/core/settingsTable.ts',
  'src/config/core/modelOverridesSetting.ts',
  'src/config/core/showValue.ts',
  'src/config/core/userScope.ts',
  'src/config/core/workspacePrompts.ts',
  'src/providers/core/apiKeyInput.ts',
  'src/providers/core/clientFactory.ts',
  'src/providers/core/customProviderInput.ts',
  'src/providers/core/modelCatalog.ts',
  'src/providers/core/presets.ts',
  'src/providers/core/recentModels.ts',
  'src/providers/core/urlPolicy.ts',
  'src/statusBar/core/modelPickerItems.ts',
  'src/prompt/selectionPrompt.ts',
  'src/lm/core/lmErrors.ts',
  'src/lm/core/reasoningCache.ts',
  'src/lm/core/tokenCount.ts',
  'src/lm/core/wireMessages.ts',
  'src/onboarding/core/walkthroughProgress.ts',
  'src/views/core/webviewHtml.ts',
  'src/chat/noticeQueue.ts',
];

/** A feature's pure part lives in its `core/` folder (issue 17's shape): the same rule as PURE_DIRS. */
const PURE_GLOBS = ['src/*/core/**/*.ts'];

// A new folder gets its layer in the same change (the design notes): refuse to lint until it has one.
const unclassified = readdirSync(join(root, 'src'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && ![...PURE_DIRS, ...HOST_DIRS].includes(`src/${e.name}`))
  .map((e) => `src/${e.name}`);
if (unclassified.length > 0) {
  throw new Error(`eslint.config.mjs: ${unclassified.join(', ')} has no layer yet: add it to PURE_DIRS (no vscode) or HOST_DIRS.`);
}

const noVscode = {
  name: 'vscode',
  message: '[layer: pure] this file is on the pure list (eslint.config.mjs PURE_DIRS/PURE_FILES): no `vscode` import, '
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
  {
    target: './src/api',
    from: './src',
    except: ['./api', './common'],
    message: '[layer: api] src/api is the HTTP client: it imports only src/api, src/common and npm packages, never host code.',
  },
  {
    target: './src/webview',
    from: './src',
    except: ['./webview', './protocol.ts'],
    message: '[layer: webview] src/webview is a browser bundle: it imports only src/webview (and `import type` from src/protocol.ts).',
  },
  {
    target: ['./src/!(webview)/**', './src/*.ts'],
    from: './src/webview',
    message: '[layer: host] host code never imports src/webview: that code runs in the browser and talks to the host only through src/protocol.ts messages.',
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
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: LAYER_ZONES }],
    },
  },
  {
    files: [...PURE_DIRS.map((d) => `${d}/**/*.ts`), ...PURE_GLOBS, ...PURE_FILES],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  {
    // After the pure block: for the webview this option set replaces it (and includes noVscode).
    files: ['src/webview/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', webviewRestrictions] },
  },
);
