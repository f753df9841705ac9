// The extension host's lazily loaded parts: bundles of their own in dist/chunks/ (esbuild.mjs builds them), loaded
// by the first call that needs one, so activation loads only what every session uses. Each chunk carries its own
// copy of the modules it imports; what must be shared across copies says so (AppError's brand, l10n's translator).
import * as path from 'node:path';

/** The module of dist/chunks/<name>.js, beside the running bundle (once loaded, Node's cache keeps it). */
export function loadChunk<T>(name: string): T {
  // A computed path, so the bundler leaves this require to run time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, 'chunks', `${name}.js`)) as T;
}
