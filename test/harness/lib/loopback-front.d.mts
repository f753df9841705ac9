// Types for loopback-front.mjs, so tests (TypeScript, bundled by esbuild) can import it.
import type { IncomingMessage, ServerResponse } from 'node:http';
export function startLoopbackFront(opts: {
  port?: number;
  socketPath: string;
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse) => void>;
  onRefused?: (line: string) => void;
}): Promise<{ port: number; close(): Promise<void> }>;
