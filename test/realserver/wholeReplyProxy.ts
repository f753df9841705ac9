// A loopback proxy in front of a real server that turns every `stream: true` request into `stream: false`: what a
// server that ignores `stream` does. The client then reads the real server's whole JSON reply through its fallback.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WholeReplyProxy {
  /** The proxy's root, e.g. http://127.0.0.1:PORT (append /v1 for the API). */
  root: string;
  close(): Promise<void>;
}

export async function startWholeReplyProxy(upstreamPort: number): Promise<WholeReplyProxy> {
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      let body = Buffer.concat(parts).toString('utf8');
      if (body) {
        const json = JSON.parse(body) as Record<string, unknown>;
        if (json.stream === true) json.stream = false;
        delete json.stream_options; // only allowed with a stream
        body = JSON.stringify(json);
      }
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const upstream = http.request({ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
        answer.pipe(res);
      });
      upstream.on('error', (err) => res.destroy(err));
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    root: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
