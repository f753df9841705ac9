// The Local demo of `npm start`: an OpenAI-compatible server on 127.0.0.1 that answers without a key or internet.
//   - llama.cpp's llama-server with a small model, when LLAMA_SERVER (the binary) and LLAMA_GGUF (a .gguf file) are
//     set; LLAMA_ALIAS names the model (default: the file name without .gguf);
//   - otherwise the fixture server playing its `demo` scenario (out/test/fixtures/demoServer.js: canned answers).
// INFCHAT_START_DEMO=fixture forces the fixture server, =llama insists on llama-server (falling back loudly).
// Neither serves a stranger: the fixture server checks the Host itself; llama-server has no Host check and answers
// any Origin's CORS request, so it listens on a unix socket in a private folder behind loopback-front.mjs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { makeTempDir, removeDir } from './code-server.mjs';
import { startLoopbackFront } from './loopback-front.mjs';

export const DEMO_PROVIDER_ID = 'localDemo';
export const DEMO_PROVIDER_NAME = 'Local demo';

/** What start.mjs prints about the demo that runs. */
export const DEMO_LABELS = {
  llama: (model) => `Local demo: llama-server with ${model}`,
  fixture: () => 'Local demo: scripted fixture replies (no model needed)',
  llamaFailed: (why) => `llama-server did not start (${why}); using the scripted fixture replies instead.`,
  llamaMissing: (what) => `INFCHAT_START_DEMO=llama, but ${what}; using the scripted fixture replies instead.`,
};

const LLAMA_READY_TIMEOUT_MS = 180_000; // loading a model from a slow disk
const FIXTURE_READY_TIMEOUT_MS = 30_000;

/**
 * @typedef {object} LocalDemo
 * @property {'llama'|'fixture'} kind
 * @property {string} label     one line for the console
 * @property {string} baseUrl   http://127.0.0.1:PORT/v1
 * @property {string} model     the model to select
 * @property {string[]} models  every model it serves
 * @property {number} pid
 * @property {Promise<{code: number|null, signal: string|null}>} exited
 * @property {() => Promise<void>} stop
 */

/** Which demo the environment asks for: llama-server (with its binary and model) or the fixture. */
export function chooseDemo(env = process.env) {
  const wanted = env.INFCHAT_START_DEMO;
  if (wanted === 'fixture') return { kind: 'fixture' };
  const missing = !env.LLAMA_SERVER ? 'LLAMA_SERVER is not set'
    : !existsSync(env.LLAMA_SERVER) ? `LLAMA_SERVER (${env.LLAMA_SERVER}) does not exist`
      : !env.LLAMA_GGUF ? 'LLAMA_GGUF is not set'
        : !existsSync(env.LLAMA_GGUF) ? `LLAMA_GGUF (${env.LLAMA_GGUF}) does not exist` : undefined;
  if (missing) return wanted === 'llama' ? { kind: 'fixture', note: DEMO_LABELS.llamaMissing(missing) } : { kind: 'fixture' };
  const alias = env.LLAMA_ALIAS || basename(env.LLAMA_GGUF).replace(/\.gguf$/i, '');
  return { kind: 'llama', binary: env.LLAMA_SERVER, gguf: env.LLAMA_GGUF, alias };
}

/** Starts the demo the environment asks for; a llama-server that fails to start falls back to the fixture. */
export async function startLocalDemo({ root, env = process.env, log = console.log }) {
  const choice = chooseDemo(env);
  if (choice.note) log(`[start] ${choice.note}`);
  if (choice.kind === 'llama') {
    try {
      return await startLlama(choice, log);
    } catch (err) {
      log(`[start] ${DEMO_LABELS.llamaFailed(err instanceof Error ? err.message : String(err))}`);
    }
  }
  return startFixtureDemo(root);
}

function processExit(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

function stopper(child, exited) {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(force);
  };
}

async function startFixtureDemo(root) {
  const entry = join(root, 'out', 'test', 'fixtures', 'demoServer.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build it with node esbuild.mjs --tests --only=test/fixtures`);
  // stdin is a pipe the server watches: if this process dies without cleaning up, the demo server exits too.
  const child = spawn(process.execPath, [entry, '--exit-with-stdin'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = processExit(child);
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the demo server did not start within 30 s')), FIXTURE_READY_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (!line.startsWith('DEMO-SERVER-READY ')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice('DEMO-SERVER-READY '.length)));
    });
    exited.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`the demo server exited (${code ?? signal}) before it listened`)); });
  });
  return {
    kind: 'fixture', label: DEMO_LABELS.fixture(), baseUrl: ready.url, model: ready.model, models: ready.models,
    pid: child.pid, exited, stop: stopper(child, exited),
  };
}

async function startLlama({ binary, gguf, alias }, log) {
  const socketDir = makeTempDir('infchat-llama-'); // mkdtemp: 0700, so only this user reaches the socket
  const socketPath = join(socketDir, 'llama-server.sock'); // llama-server takes a --host ending in .sock as a unix socket
  const front = await startLoopbackFront({ socketPath, onRefused: (line) => log(`[local demo] ${line}`) })
    .catch((err) => { removeDir(socketDir); throw err; });
  const port = front.port;
  const args = ['-m', gguf, '--alias', alias, '--host', socketPath, '-c', '4096', '-np', '1'];
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let tail = '';
  child.stderr.on('data', (d) => { tail = (tail + d.toString('utf8')).slice(-2000); });
  const exited = processExit(child);
  let frontClosed;
  const closeFront = () => (frontClosed ??= front.close().then(() => removeDir(socketDir)));
  void exited.then(closeFront);
  const stopServer = stopper(child, exited);
  const stop = async () => { await stopServer(); await closeFront(); };
  let gone;
  exited.then(({ code, signal }) => { gone = `exited (${code ?? signal}): ${tail.trim().split('\n').slice(-3).join(' | ')}`; });
  const deadline = Date.now() + LLAMA_READY_TIMEOUT_MS;
  for (;;) {
    if (gone) throw new Error(gone);
    const healthy = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) { await stop(); throw new Error(`not healthy within ${LLAMA_READY_TIMEOUT_MS / 1000} s`); }
    await new Promise((r) => setTimeout(r, 200)); // poll interval while the model loads
  }
  return {
    kind: 'llama', label: DEMO_LABELS.llama(alias), baseUrl: `http://127.0.0.1:${port}/v1`, model: alias, models: [alias],
    pid: child.pid, exited, stop,
  };
}
