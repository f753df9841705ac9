// Types for code-server.mjs, so test/e2e (TypeScript, bundled by esbuild) can import it.
export interface Tools { dir: string; node24: string; codeServer: string; playwright: string; chromium: string }
export interface RunningCodeServer {
  url: string;
  port: number;
  pid: number;
  output: string[];
  onLine(fn: (line: string) => void): void;
  stop(): Promise<void>;
  /** Settles when code-server's main process exits. */
  exited: Promise<{ code: number | null; signal: string | null }>;
}
export const QUIET_SETTINGS: Record<string, unknown>;
export const CHROMIUM_ARGS: string[];
export function makeTempDir(prefix: string): string;
export function writeUserSettings(userDataDir: string, extra?: Record<string, unknown>): string;
export function makeWorkspace(): string;
export function freePort(): Promise<number>;
export function installVsix(tools: Tools, opts: { vsix: string; userDataDir: string; extensionsDir: string }): void;
export function startCodeServer(tools: Tools, opts: {
  userDataDir: string; extensionsDir: string; workspace?: string; smokeTestDriver?: boolean; port?: number; echo?: boolean;
  env?: Record<string, string>; onSpawn?: (pid: number) => void; locale?: string;
  /** Paths the front answers itself (exact pathname → handler), after its Host/Origin check. */
  routes?: Record<string, (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void>;
}): Promise<RunningCodeServer>;
export function launchChromium(playwright: typeof import('playwright-core'), tools: Tools, opts?: { headless?: boolean }): Promise<import('playwright-core').Browser>;
export function cleanupOnExit(): { add(fn: () => unknown): void; runAll(): Promise<void> };
export function removeDir(dir: string): void;
