// Child process of the completion benchmark: the model server on 127.0.0.1, so the CPU it spends is not the
// client's. The parent sets its behaviour ({type: 'config'}) and collects its reports ({type: 'collect'}) between
// measurements, never during one (an IPC message arriving mid-measurement would cost the client's event loop time).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { completionHandler, trackConnections, type RequestReport, type ServeConfig } from './completionServerCore';

let config: ServeConfig = { serviceMs: 0, tokenMs: 0, fill: '', honourStop: true };
let reports: RequestReport[] = [];

const server = http.createServer();
const connections = trackConnections(server, false);
server.keepAliveTimeout = 30_000;
server.on('request', completionHandler(() => config, connections, (r) => reports.push(r)));

export type ServerMessage = { type: 'config'; config: ServeConfig } | { type: 'collect' };
export type ServerReply = { type: 'listening'; port: number } | { type: 'reports'; reports: RequestReport[]; connections: number } | { type: 'configured' };

process.on('message', (m: ServerMessage) => {
  if (m.type === 'config') {
    config = m.config;
    process.send?.({ type: 'configured' } satisfies ServerReply);
  } else {
    process.send?.({ type: 'reports', reports, connections: connections.count() } satisfies ServerReply);
    reports = [];
  }
});
server.listen(0, '127.0.0.1', () => process.send?.({ type: 'listening', port: (server.address() as AddressInfo).port } satisfies ServerReply));
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
