// package.json as VS Code shows it: each "%key%" replaced by its text from package.nls.json (English) or
// package.nls.<language>.json.
import { readFileSync } from 'node:fs';

export type Nls = Record<string, string>;

export function readNls(language?: string): Nls {
  return JSON.parse(readFileSync(language ? `package.nls.${language}.json` : 'package.nls.json', 'utf8')) as Nls;
}

function resolveNls(value: unknown, nls: Nls): unknown {
  if (typeof value === 'string') {
    const m = /^%([^%]+)%$/.exec(value);
    return m && m[1]! in nls ? nls[m[1]!] : value;
  }
  if (Array.isArray(value)) return value.map((v) => resolveNls(v, nls));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveNls(v, nls)]));
  return value;
}

/** The manifest with its placeholders filled in (English unless a language is given). */
export function readManifest<T = unknown>(language?: string): T {
  const raw = JSON.parse(readFileSync('package.json', 'utf8')) as unknown;
  return resolveNls(raw, { ...readNls(), ...(language ? readNls(language) : {}) }) as T;
}
