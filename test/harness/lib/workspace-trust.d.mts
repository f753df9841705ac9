// Types for workspace-trust.mjs, so tests (TypeScript, bundled by esbuild) can import it.
export const TRUST_STORAGE: { database: string; store: string; key: string };
export function withTrustedFolders(stored: string | undefined, authority: string, folders: string[]): string;
export function trustFoldersScript(folders: string[]): string;
export function serveTrustPage(res: import('node:http').ServerResponse, opts: { folders: string[]; next: string }): void;
