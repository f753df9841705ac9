// Where a key may be sent: https anywhere, plain http only to this machine (Ollama, vLLM, LM Studio).
// Pure, no `vscode`.
import { l10n } from '../../common/l10n';

/**
 * True for 127.0.0.0/8, `localhost` itself and [::1]. Not for *.localhost: the OS resolver decides where those go
 * (a DNS server or a hosts entry may send them anywhere), and plain http:// would then carry the key off the machine.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) return v4.slice(1).every((part) => Number(part) <= 255) && v4[1] === '127';
  // IPv4-mapped IPv6 loopback, e.g. ::ffff:127.0.0.1 (URL normalizes it to ::ffff:7f00:1).
  return /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(host);
}

export type BaseUrlCheck = { ok: true; url: URL; loopback: boolean } | { ok: false; message: string };

/** Validates a provider base URL; the message says what is wrong and how to fix it. */
export function checkBaseUrl(raw: string): BaseUrlCheck {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: l10n.t('"{0}" is not a valid URL. Use the full base URL, e.g. {1}.', text, 'https://api.example.com/v1') };
  }
  if (url.username || url.password) {
    return { ok: false, message: l10n.t('The base URL must not contain a user name or password; set the key with "Inference Chat: Set API Key…".') };
  }
  if (url.search || url.hash) {
    return { ok: false, message: l10n.t('The base URL must not contain a query or fragment (found "{0}").', `${url.search}${url.hash}`) };
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'https:') return { ok: true, url, loopback };
  if (url.protocol === 'http:') {
    if (loopback) return { ok: true, url, loopback };
    return {
      ok: false,
      message: l10n.t('Plain http:// is only allowed for servers on this machine (localhost, 127.0.0.0/8, [::1]); {0} needs https:// so the key is not sent in clear text.', url.host),
    };
  }
  return { ok: false, message: l10n.t('The base URL must start with https:// (or http:// for a server on this machine), found "{0}".', url.protocol) };
}
