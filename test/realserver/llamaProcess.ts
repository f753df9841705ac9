// Starts and stops a real llama-server on a free loopback port for the realserver suite.
import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';

export interface LlamaServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Spawns `binary -m model --host 127.0.0.1 --port P …extra` and polls /health (bounded) until it is ready. */
export async function startLlamaServer(binary: string, model: string, alias: string, extra: string[] = []): Promise<LlamaServer> {
  const port = await freePort();
  const args = ['-m', model, '--alias', alias, '--host', '127.0.0.1', '--port', String(port), '-c', '1024', '-np', '1', ...extra];
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log = (log + d.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`llama-server exited early (${String(code ?? signal)}):\n${log}`))),
  );
  exited.catch(() => undefined);
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      const ok = await Promise.race([
        fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false),
        exited,
      ]);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`llama-server did not become healthy within 60 s:\n${log}`);
      await Promise.race([new Promise((r) => setTimeout(r, 100)), exited]); // poll interval, not a wait-for-condition sleep
    }
  } catch (err) {
    await stopProcess(child);
    throw err;
  }
  return { url: `http://127.0.0.1:${port}/v1`, port, stop: () => stopProcess(child) };
}
