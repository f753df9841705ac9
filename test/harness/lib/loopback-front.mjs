// The front door of a code-server that `npm start` and the tests run: 127.0.0.1:PORT, checking every request and
// WebSocket upgrade (loopback-guard.mjs) before it reaches code-server, which listens only on a unix socket in a
// private (0700) folder. Why a front: code-server 4.139 has no Host allow-list, and its own check for WebSockets
// only compares Origin with Host, so a DNS-rebinding page (Host and Origin both its own name) passes it, and plain
// HTTP (e.g. /vscode-remote-resource?path=…, any file) is not checked at all. The proxying itself is http-proxy-3's
// (a maintained rewrite of http-proxy), not ours.
import { createServer, STATUS_CODES } from 'node:http';
import { createProxyServer } from 'http-proxy-3';
import { checkLoopbackRequest } from './loopback-guard.mjs';

/**
 * Listens on 127.0.0.1:`port` (0: a free one) and forwards what loopback-guard allows to the unix socket.
 * `routes` answers a few paths itself (exact pathname → handler); everything else goes to code-server.
 * `onRefused(line)` hears about each refusal (the console of `npm start`, a test's output).
 * @returns {Promise<{ port: number, close: () => Promise<void> }>}
 */
export async function startLoopbackFront({ port = 0, socketPath, routes = {}, onRefused = () => undefined }) {
  const proxy = createProxyServer({ target: { socketPath }, ws: true });
  proxy.on('error', (err, _req, resOrSocket) => {
    // code-server not (yet, or no longer) listening: answer, never hang the browser.
    if (resOrSocket && 'writeHead' in resOrSocket) {
      if (!resOrSocket.headersSent) resOrSocket.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      resOrSocket.end(`code-server is not reachable (${err.message})\n`);
    } else {
      resOrSocket?.destroy();
    }
  });

  let actualPort = port;
  const sockets = new Set();
  const server = createServer((req, res) => {
    const verdict = checkLoopbackRequest(req.headers, actualPort);
    if (!verdict.ok) {
      onRefused(`refused ${req.method} ${req.url}: ${verdict.reason}`);
      res.writeHead(verdict.status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end(`${STATUS_CODES[verdict.status]}: ${verdict.reason}\n`);
      return;
    }
    const route = routes[new URL(req.url ?? '/', 'http://front.invalid').pathname];
    if (route) route(req, res);
    else proxy.web(req, res);
  });
  server.on('upgrade', (req, socket, head) => {
    const verdict = checkLoopbackRequest(req.headers, actualPort);
    if (!verdict.ok) {
      onRefused(`refused WebSocket ${req.url}: ${verdict.reason}`);
      socket.end(`HTTP/1.1 ${verdict.status} ${STATUS_CODES[verdict.status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    proxy.ws(req, socket, head);
  });
  server.on('connection', (s) => { sockets.add(s); s.once('close', () => sockets.delete(s)); });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  actualPort = server.address().port;
  return {
    port: actualPort,
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy(); // open WebSockets would keep close() waiting
      server.close(() => resolve());
    }),
  };
}
