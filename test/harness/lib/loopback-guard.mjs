// Who may talk to a server that `npm start` or the tests run on 127.0.0.1 (code-server, the Local demo): only a
// request whose Host is one of the loopback names with that server's port. A page of another origin whose name
// resolves to 127.0.0.1 (DNS rebinding) sends its own name as Host and is refused; a WebSocket (or any request) that
// a foreign page opens to the right Host carries that page's Origin and is refused too. Pure: no I/O.

/** The Host values a loopback server on `port` answers to. */
export function loopbackHosts(port) {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

/** The Origins of pages served by a loopback server on `port` (http only: none of these servers speaks TLS). */
export function loopbackOrigins(port) {
  return loopbackHosts(port).map((host) => `http://${host}`);
}

/** True when the Host header names this server: a loopback name with exactly its port. */
export function isLoopbackHost(host, port) {
  return typeof host === 'string' && loopbackHosts(port).includes(host.trim().toLowerCase());
}

/**
 * Whether a request may reach the server on `port`.
 *   - Host must be a loopback name with this port (otherwise 421 Misdirected Request);
 *   - Origin, when present, must be one of this server's own origins (otherwise 403). Browsers send it on every
 *     WebSocket handshake and every cross-origin request; a same-origin GET may omit it, a non-browser client
 *     (curl, the extension host) usually does.
 * @param {{ host?: string|string[], origin?: string|string[] }} headers  Node's req.headers (lower-case names)
 * @returns {{ ok: true } | { ok: false, status: 421 | 403, reason: string }}
 */
export function checkLoopbackRequest(headers, port) {
  const host = single(headers.host);
  if (!isLoopbackHost(host, port)) {
    return { ok: false, status: 421, reason: `Host ${host === undefined ? '(none)' : JSON.stringify(host)} is not this server (${loopbackHosts(port).join(', ')})` };
  }
  const origin = single(headers.origin);
  if (origin !== undefined && !loopbackOrigins(port).includes(origin.trim().toLowerCase())) {
    return { ok: false, status: 403, reason: `Origin ${JSON.stringify(origin)} is not this server's own` };
  }
  return { ok: true };
}

// Node keeps the first of repeated Host headers and joins repeated Origins with ", " (which then matches no origin).
function single(value) {
  return Array.isArray(value) ? value[0] : value;
}
