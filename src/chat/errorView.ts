// Turns a failure (ApiError from src/api, UserFacingError from the target resolver, anything else)
// into what the chat shows in place of the reply: a readable message and the buttons that fix it.
import { ApiError } from '../api';
import type { ErrorAction, ErrorKind, ErrorView } from '../protocol';
import { redact } from '../providers/redact';
import { UserFacingError } from '../services';

const MAX_MESSAGE = 600;

/** Keeps a server's message readable: no HTML pages, no keys, not endless. */
export function cleanMessage(text: string, knownKeys: Iterable<string> = []): string {
  let out = redact(text, knownKeys).trim();
  if (/<\s*(!doctype|html|head|body)\b/i.test(out)) out = out.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  if (out.length > MAX_MESSAGE) out = `${out.slice(0, MAX_MESSAGE - 1)}…`;
  return out;
}

function view(kind: ErrorKind, message: string, actions: ErrorAction[]): ErrorView {
  return { kind, message, actions };
}

/** Maps any failure to the ErrorView the chat shows. `knownKeys` are redacted from server text. */
export function toErrorView(err: unknown, knownKeys: Iterable<string> = []): ErrorView {
  if (err instanceof UserFacingError) {
    // After fixing the setting the user can resend in place, so retry always comes last.
    const actions = [...err.actions.filter((a) => a !== 'retry'), 'retry' as const];
    return view(err.kind, cleanMessage(err.message, knownKeys), actions);
  }
  const api = err instanceof ApiError ? err : undefined;
  if (!api) {
    const message = err instanceof Error ? err.message : String(err);
    return view('other', cleanMessage(`Something went wrong: ${message}`, knownKeys), ['retry']);
  }
  const detail = cleanMessage(api.message, knownKeys);
  const withDetail = (lead: string): string => (detail && !lead.includes(detail) ? `${lead} (${detail})` : lead);

  switch (api.kind) {
    case 'aborted':
      return view('interrupted', 'The request was cancelled.', ['retry']);
    case 'timeout':
      return view('timeout', withDetail('The server took too long to answer.'), ['retry']);
    case 'network':
      return view('network', withDetail('Could not reach the server. Check the base URL, your connection or proxy.'), ['retry', 'openSettings']);
    case 'interrupted':
      return view('interrupted', withDetail('The connection dropped before the reply finished.'), ['retry']);
    case 'invalid_request':
      return view('config', withDetail('The request could not be built from the current settings.'), ['openSettings', 'retry']);
    case 'stream':
    case 'invalid_response':
    case 'http':
      break;
  }

  const status = api.status;
  if (api.isAuth) {
    return view('auth', withDetail(`The server rejected the API key (HTTP ${status ?? '401'}). Set a valid key for this provider.`), ['setApiKey', 'retry']);
  }
  if (api.isInsufficientFunds) {
    return view('funds', withDetail('Insufficient funds/credits — add credits to your account, then send again.'), ['switchProvider']);
  }
  if (api.isContextLength) {
    return view('context', withDetail("The conversation is longer than the model's context window."), ['dropOldest', 'newChat']);
  }
  if (api.isInvalidModel) {
    return view('model', withDetail('The server does not offer this model. Pick another one.'), ['pickModel', 'retry']);
  }
  if (status === 429) {
    return view('rate', withDetail('The server is rate limiting requests. Wait a moment and retry.'), ['retry']);
  }
  if (status !== undefined && status >= 500) {
    return view('server', withDetail(`The server failed (HTTP ${status}).`), ['retry']);
  }
  if (api.kind === 'stream') {
    return view('server', withDetail('The server reported an error in the middle of the reply.'), ['retry']);
  }
  if (api.kind === 'invalid_response') {
    return view('server', withDetail('The server sent a reply this client could not read.'), ['retry', 'openSettings']);
  }
  return view('other', withDetail(status ? `The request failed (HTTP ${status}).` : 'The request failed.'), ['retry']);
}
