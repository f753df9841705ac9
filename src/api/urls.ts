// Base-URL handling: normalize once, build every request URL from it, and keep the key on that origin.
import { l10n } from '../common/l10n';

/** Parses and normalizes a base URL: no trailing slash, no query/fragment. Throws a readable Error when invalid. */
export function normalizeBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new Error(l10n.t('"{0}" is not a valid URL (expected something like https://api.pinference.ai/api/v1)', baseUrl));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(l10n.t('The base URL must start with http:// or https:// (got {0})', url.protocol));
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  url.search = '';
  url.hash = '';
  return url;
}

/** Key for per-server memory (e.g. "this server rejects stream_options"). */
export function baseKey(base: URL): string {
  return base.origin + base.pathname;
}

/** `{base}/{path}` where path is relative (e.g. "chat/completions"). */
export function endpoint(base: URL, path: string): URL {
  const url = new URL(base.href);
  // A base URL without a path still reports "/" as its pathname: do not make that "//path".
  url.pathname = `${base.pathname.replace(/\/+$/, '')}/${path}`;
  return url;
}

/** The server's own root for endpoints beside the OpenAI API (llama.cpp's /props): the base URL without its `/v1`. */
export function serverRoot(base: URL): URL {
  const url = new URL(base.href);
  url.pathname = base.pathname.replace(/\/v1$/, '');
  return url;
}

/** `models/{id}` keeping slashes in ids (meta-llama/llama-3.1-70b) as separators, each segment encoded. */
export function modelPath(id: string): string {
  return `models/${id.split('/').map(encodeURIComponent).join('/')}`;
}

/** Path and query relative to the origin, for logs (never the host or credentials). */
export function logPath(url: URL): string {
  return url.pathname + url.search;
}
