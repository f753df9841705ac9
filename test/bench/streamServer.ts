// Child process of the benchmark: serves the same long SSE body on 127.0.0.1 so the parent's CPU time is the client's alone.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildBenchBody } from './streamBody';

const chunkCount = Number(process.env.BENCH_CHUNKS ?? 60000);
const body = Buffer.from(buildBenchBody(chunkCount).text, 'utf8');
const SLICE = 16 * 1024;

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    let offset = 0;
    const pump = (): void => {
      while (offset < body.length) {
        const slice = body.subarray(offset, offset + SLICE);
        offset += slice.length;
        if (!res.write(slice)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    pump();
  });
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port, bytes: body.length });
});
process.on('disconnect', () => server.close(() => process.exit(0)));
