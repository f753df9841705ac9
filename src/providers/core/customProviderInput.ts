// Pure helpers for the "Add OpenAI-compatible provider" flow: templates, header JSON, ids. No `vscode`.
import { checkBaseUrl } from './urlPolicy';
import { l10n } from '../../common/l10n';

export interface ProviderTemplate {
  label: string;
  name: string;
  baseUrl: string;
}

/** Common OpenAI-compatible servers, to prefill the name and base URL. */
export const PROVIDER_TEMPLATES: readonly ProviderTemplate[] = [
  { get label() { return l10n.t('{0} (this machine)', 'Ollama'); }, name: 'Ollama', baseUrl: 'http://localhost:11434/v1' },
  { get label() { return l10n.t('{0} (this machine)', 'LM Studio'); }, name: 'LM Studio', baseUrl: 'http://localhost:1234/v1' },
  { get label() { return l10n.t('{0} (this machine)', 'vLLM'); }, name: 'vLLM', baseUrl: 'http://localhost:8000/v1' },
  { label: 'OpenRouter', name: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1' },
  { label: 'OpenAI', name: 'OpenAI', baseUrl: 'https://api.openai.com/v1' },
];

/** InputBox validation for a base URL: undefined when fine, else the reason. */
export function validateBaseUrlInput(text: string): string | undefined {
  if (!text.trim()) return l10n.t('Enter the base URL, e.g. {0}', 'https://api.example.com/v1');
  const check = checkBaseUrl(text);
  return check.ok ? undefined : check.message;
}

export type HeadersParse = { ok: true; headers: Record<string, string> | undefined } | { ok: false; message: string };

/** Parses the optional extra-headers JSON ('' = none). */
export function parseHeadersJson(text: string): HeadersParse {
  if (!text.trim()) return { ok: true, headers: undefined };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: l10n.t('Not valid JSON. Example: {0}', '{"HTTP-Referer": "https://example.com"}') };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: l10n.t('Enter a JSON object mapping header names to string values.') };
  }
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    if (typeof v !== 'string') return { ok: false, message: l10n.t('The value of "{0}" must be a string.', name) };
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) return { ok: false, message: l10n.t('"{0}" is not a valid header name.', name) };
    if (name.toLowerCase() === 'authorization') {
      return { ok: false, message: l10n.t('Do not put the key in headers: it would be stored in plain settings. You will be asked for the key next.') };
    }
    headers[name] = v;
  }
  return { ok: true, headers: Object.keys(headers).length > 0 ? headers : undefined };
}

/** A readable, unique provider id derived from the name ("LM Studio" → "lm-studio", then "lm-studio-2"). */
export function providerIdFromName(name: string, taken: Iterable<string>): string {
  const base =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'custom';
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
