// One sample of the activation benchmark, in a fresh Node process (started by activation.ts):
//   node activationChild.js zod      times require('zod'): the full classic package, from node_modules
//   node activationChild.js bundle   installs the `vscode` stub, times require(dist/extension.js), then activate()
// Prints one line `ACTIVATION-SAMPLE {json}`. Exits non-zero, with the error, if loading or activate() fails, or if
// anything activate() started fails afterwards.
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createVscodeStub } from './vscodeStub';

const ROOT = path.resolve(__dirname, '../../..');
const BUNDLE = path.join(ROOT, 'dist', 'extension.js');
const STUB_ID = path.join(ROOT, 'out', 'vscode-stub', 'vscode.js'); // a file name for the cache entry; never read

type ModuleInternals = typeof Module & {
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
};

/** This process talks to nothing but loopback: activation must not use the network at all. */
function loopbackOnly(): void {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.hostname !== '127.0.0.1') return Promise.reject(new Error(`activation bench: refused a request to ${url.origin}`));
    return realFetch(input, init);
  };
}

function fail(what: string, err: unknown): never {
  console.error(`activation bench: ${what}:`, err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(3);
}

async function sampleZod(): Promise<void> {
  // A computed require: esbuild must not bundle zod into this file.
  const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));
  const name = process.env.BENCH_ZOD_MODULE ?? 'zod';
  const t0 = performance.now();
  const zod = requireFromRoot(name) as { z?: { object?: unknown } };
  const loadMs = performance.now() - t0;
  if (typeof zod.z?.object !== 'function') fail(`require('${name}')`, new Error('did not return zod'));
  console.log(`ACTIVATION-SAMPLE ${JSON.stringify({ kind: 'zod', loadMs })}`);
}

async function sampleBundle(): Promise<void> {
  if (!fs.existsSync(BUNDLE)) fail('load', new Error(`${BUNDLE} does not exist: build it with node esbuild.mjs --production`));
  const storageDir = path.join(os.tmpdir(), `inference-chat-activation-${process.pid}`);
  // The parent reads the API's names from @types/vscode once and passes them on (parsing it here would leave garbage
  // for the collector to clear during the measurement).
  const names = process.env.BENCH_VSCODE_API_NAMES ? (JSON.parse(process.env.BENCH_VSCODE_API_NAMES) as string[]) : undefined;
  const { vscode, context, record } = createVscodeStub(ROOT, storageDir, names);
  // `vscode` resolves to the stub for this process only: a cache entry under a made-up file name.
  const internals = Module as ModuleInternals;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the right `this`
  const resolve = internals._resolveFilename;
  internals._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? STUB_ID : resolve.call(this, request, ...rest);
  };
  const stubModule = new Module(STUB_ID);
  stubModule.filename = STUB_ID;
  stubModule.loaded = true;
  stubModule.exports = vscode;
  require.cache[STUB_ID] = stubModule;

  let failure: unknown;
  process.on('unhandledRejection', (reason) => {
    failure ??= reason;
  });

  const t0 = performance.now();
  let extension: { activate(context: unknown): unknown; deactivate?(): unknown };
  try {
    // The bundle is loaded the way VS Code loads it (CommonJS require), after the stub is in place.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    extension = require(BUNDLE) as typeof extension;
  } catch (err) {
    fail(`require(${path.relative(ROOT, BUNDLE)}) threw`, err);
  }
  const t1 = performance.now();
  try {
    const result = extension.activate(context);
    if (result && typeof (result as PromiseLike<unknown>).then === 'function') await (result as PromiseLike<unknown>);
  } catch (err) {
    fail('activate() threw', err);
  }
  const t2 = performance.now();

  // Let what activate() started (the status bar's first render, reading settings and keys) run, then shut down.
  await new Promise((r) => setTimeout(r, 50));
  if (failure) fail('something activate() started failed afterwards', failure);
  try {
    await extension.deactivate?.();
    for (const d of (context as { subscriptions: Array<{ dispose(): unknown }> }).subscriptions) d.dispose();
  } catch (err) {
    fail('deactivate or dispose threw', err);
  }
  fs.rmSync(storageDir, { recursive: true, force: true });
  if (record.commands.length === 0) fail('activate()', new Error('registered no command: did the bundle get the stub?'));
  const { noops, ...registered } = record;
  console.log(
    `ACTIVATION-SAMPLE ${JSON.stringify({ kind: 'bundle', loadMs: t1 - t0, activateMs: t2 - t1, bytes: fs.statSync(BUNDLE).size, registered, noops: [...noops].sort() })}`,
  );
  process.exit(0); // a timer left running by the extension must not keep the sample alive
}

loopbackOnly();
const mode = process.argv[2];
(mode === 'zod' ? sampleZod() : mode === 'bundle' ? sampleBundle() : Promise.reject(new Error(`unknown mode ${String(mode)}`))).catch((err: unknown) =>
  fail(String(mode), err),
);
