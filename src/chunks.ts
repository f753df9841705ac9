// The extension host's lazily loaded parts: the one table of chunks. esbuild.mjs reads the entries from this
// file's text (each `name: typeof import('./path')` line of Chunks) and builds dist/chunks/<name>.js beside the
// main bundle; loadChunk(name) returns that module, typed by the same line, so a renamed or moved entry is a type
// error here, not a failure at run time. Activation loads only what every session uses; each chunk is required by
// the first call that needs it (extension.ts hands the features these loaders). Each chunk carries its own copy of
// the modules it imports: a module with state that more than one bundle holds must keep that state on globalThis
// (AppError's brand, l10n's translator); a unit test checks the bundles for any other.
import * as path from 'node:path';

export interface Chunks {
  lmRequest: typeof import('./lm/request');
  chat: typeof import('./views/chatFeature');
  apply: typeof import('./apply/applyService');
  pickers: typeof import('./statusBar/pickerChunk');
  completions: typeof import('./completions/completionEngine');
  agent: typeof import('./agent/agentToolbox');
}

/** The module of dist/chunks/<name>.js (once loaded, Node's cache keeps it). */
export function loadChunk<K extends keyof Chunks>(name: K): Chunks[K] {
  // A computed path, so the bundler leaves this require to run time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, 'chunks', `${name}.js`)) as Chunks[K];
}

/** A loader for one chunk, to hand to the feature that needs it. */
export const chunkLoader = <K extends keyof Chunks>(name: K) => (): Chunks[K] => loadChunk(name);
