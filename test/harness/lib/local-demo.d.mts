// Types for local-demo.mjs, so tests (TypeScript, bundled by esbuild) can import it.
export const DEMO_PROVIDER_ID: 'localDemo';
export const DEMO_PROVIDER_NAME: 'Local demo';
export const DEMO_LABELS: {
  llama(model: string): string;
  fixture(): string;
  llamaFailed(why: string): string;
  llamaMissing(what: string): string;
};
export type DemoChoice = { kind: 'fixture'; note?: string } | { kind: 'llama'; binary: string; gguf: string; alias: string };
export function chooseDemo(env?: Record<string, string | undefined>): DemoChoice;
export interface LocalDemo {
  kind: 'llama' | 'fixture';
  label: string;
  baseUrl: string;
  model: string;
  models: string[];
  pid: number;
  exited: Promise<{ code: number | null; signal: string | null }>;
  stop(): Promise<void>;
}
export function startLocalDemo(opts: { root: string; env?: Record<string, string | undefined>; log?: (line: string) => void }): Promise<LocalDemo>;
