// Types for loopback-guard.mjs, so tests and the fixture server (TypeScript, bundled by esbuild) can import it.
export function loopbackHosts(port: number): string[];
export function loopbackOrigins(port: number): string[];
export function isLoopbackHost(host: string | undefined, port: number): boolean;
export type LoopbackVerdict = { ok: true } | { ok: false; status: 421 | 403; reason: string };
export function checkLoopbackRequest(
  headers: { host?: string | string[]; origin?: string | string[] },
  port: number,
): LoopbackVerdict;
