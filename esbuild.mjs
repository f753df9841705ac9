// Builds every bundle with esbuild's context() API.
//   node esbuild.mjs               extension host + webview (development)
//   node esbuild.mjs --production  minified, no source maps (what `vsce package` ships)
//   node esbuild.mjs --watch       rebuild on change
//   node esbuild.mjs --tests       also the unit/integration/e2e tests and the benchmarks, into out/
//   node esbuild.mjs --tests --only=test/unit/api   only the test/bench entries whose path contains that text
//   node esbuild.mjs --production --analyze   also prints what makes up the host and webview bundles (esbuild's metafile)
// Tests are bundled the same way the extension is, so they load ESM-only dependencies
// (eventsource-parser 4) exactly as the shipped extension does, on Node 20.
import * as esbuild from 'esbuild';
import { globSync } from 'glob';
import { readFileSync, rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const analyze = process.argv.includes('--analyze');

/** Prints build errors in a form VS Code's problem matcher understands. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => { if (watch) console.log('[watch] build started'); });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/**
 * `import * as vscode from 'vscode'` in N modules makes esbuild wrap the host's API object N times (__toESM copies
 * every property each time: ≈ 10 ms of activation with 21 importers). One virtual module re-exports it once, and
 * every importer shares that.
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/**
 * The host's lazily loaded chunks, from their one table (src/chunks.ts's `Chunks`: `name: typeof import('./path');`
 * per line, the same lines that type loadChunk). A table that cannot be read stops the build.
 */
function hostChunkEntries() {
  const table = readFileSync('src/chunks.ts', 'utf8');
  const body = /export interface Chunks \{([^}]*)\}/.exec(table)?.[1] ?? '';
  const entries = Object.fromEntries(
    [...body.matchAll(/^\s*(\w+): typeof import\('\.\/([\w/.-]+)'\);$/gm)].map(([, name, file]) => [`chunks/${name}`, `src/${file}.ts`]),
  );
  const lines = body.split('\n').filter((line) => line.trim() !== '').length;
  if (lines === 0 || Object.keys(entries).length !== lines) {
    throw new Error(`esbuild.mjs: src/chunks.ts's Chunks must list one \`name: typeof import('./path');\` per line (read ${Object.keys(entries).length} of ${lines}).`);
  }
  return entries;
}

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [problemMatcher],
};

const configs = [
  // Extension host: Node, CommonJS, `vscode` provided by the host. The native chat's request path, the sidebar
  // chat's engine, Apply's service and the status bar's pickers are bundles of their own, required on first use
  // (their one table is src/chunks.ts).
  {
    ...common,
    metafile: analyze,
    entryPoints: {
      extension: 'src/extension.ts',
      ...hostChunkEntries(),
    },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [...common.plugins, vscodeOnce],
  },
  // Webview: browser, one ES module per entry; heavy parts (the highlighter) are split
  // into chunks that load lazily.
  {
    ...common,
    metafile: analyze,
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    target: 'es2022',
    loader: { '.ttf': 'file' },
  },
];

if (tests) {
  const nodeEntries = globSync([
    'test/unit/**/*.test.ts',
    'test/integration/**/*.ts',
    'test/e2e/**/*.ts',
    'test/realserver/**/*.ts',
    'test/recorded/**/*.ts',
    'test/fixtures/**/*.ts',
    'test/bench/**/*.ts',
  ]).filter((f) => !only || f.includes(only));
  configs.push({
    ...common,
    minify: false,
    sourcemap: true,
    entryPoints: nodeEntries,
    outbase: '.',
    outdir: 'out',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // vscode is the host's; playwright-core and jsdom carry native/optional pieces and load fine unbundled;
    // mocha is resolved at run time inside the extension host.
    external: ['vscode', 'playwright-core', 'jsdom', 'mocha', 'openai', 'esbuild', 'typescript', 'eslint'],
  });
}

// Hashed chunk names change with their content: drop the old ones so they don't pile up in the .vsix.
rmSync('dist/chunks', { recursive: true, force: true });

const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  try {
    const results = await Promise.all(contexts.map((c) => c.rebuild()));
    for (const { metafile } of results) if (metafile) console.log(await esbuild.analyzeMetafile(metafile));
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}
