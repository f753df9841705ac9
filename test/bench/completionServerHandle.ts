// The parent's side of the completion server child process (completionServer.ts): start it, set its behaviour,
// collect its per-request reports, stop it. Every wait has a deadline.
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { ServerMessage, ServerReply } from './completionServer';
import type { RequestReport, ServeConfig } from './completionServerCore';
import { within } from './completionStats';

export class ServerHandle {
  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<ServerHandle> {
    const child = fork(path.join(__dirname, 'completionServer.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const port = await within(
      new Promise<number>((resolve, reject) => {
        child.on('message', (m: ServerReply) => {
          if (m.type === 'listening') resolve(m.port);
        });
        child.once('error', reject);
        child.once('exit', (code) => reject(new Error(`completion bench server exited (${String(code)})`)));
      }),
      10_000,
      'starting the server',
    );
    return new ServerHandle(child, `http://127.0.0.1:${port}/v1`);
  }

  private ask<T extends ServerReply['type']>(message: ServerMessage, answer: T): Promise<Extract<ServerReply, { type: T }>> {
    const reply = new Promise<Extract<ServerReply, { type: T }>>((resolve) => {
      const on = (m: ServerReply): void => {
        if (m.type !== answer) return;
        this.child.off('message', on);
        resolve(m as Extract<ServerReply, { type: T }>);
      };
      this.child.on('message', on);
    });
    this.child.send(message);
    return within(reply, 10_000, `the server's answer to ${message.type}`);
  }

  async configure(config: ServeConfig): Promise<void> {
    await this.ask({ type: 'config', config }, 'configured');
  }

  /** The reports of the requests that ended since the last collect(), and the connections accepted so far. */
  async collect(): Promise<{ reports: RequestReport[]; connections: number }> {
    const { reports, connections } = await this.ask({ type: 'collect' }, 'reports');
    return { reports, connections };
  }

  /** Collects until every request in `seqs` has its report (the server reports an abandoned reply once it sees the close). */
  async collectAll(seqs: Iterable<number>, timeoutMs = 5_000): Promise<RequestReport[]> {
    const missing = new Set(seqs);
    const all: RequestReport[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const r of (await this.collect()).reports) {
        all.push(r);
        missing.delete(r.seq);
      }
      if (missing.size === 0) return all;
      if (Date.now() > deadline) throw new Error(`completion bench: the server never reported requests ${[...missing].join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect();
  }
}
