// The one classifier of failures for the user: turns any thrown value (an ApiError from src/api, an AppError
// from the host, anything else) into what the chat shows in place of the reply — a readable message and
// the buttons that fix it — deciding by the error's kind and reason, never by its text.
import { asAppError, errorMessage, type AppError, type ErrorAction, type ErrorKind, type ErrorReason } from '../common/appError';
import { redact } from '../common/redact';
import type { ErrorView } from '../protocol';
import { l10n } from '../common/l10n';

const MAX_MESSAGE = 600;

/** Keeps a server's message readable: no HTML pages, no keys, not endless. */
export function cleanMessage(text: string, knownKeys: Iterable<string> = []): string {
  let out = redact(text, knownKeys).trim();
  if (/<\s*(!doctype|html|head|body)\b/i.test(out)) out = out.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  if (out.length > MAX_MESSAGE) out = `${out.slice(0, MAX_MESSAGE - 1)}…`;
  return out;
}

function view(kind: ErrorKind, reason: ErrorReason, message: string, actions: ErrorAction[]): ErrorView {
  return { kind, reason, message, actions };
}

/** What the chat knows about the provider a failure came from. */
export interface ErrorContext {
  /** The provider has a billing page (an out-of-credits error offers it). */
  billing?: boolean;
}

/** The lead sentence and the fixes for an error from the API client (it has no actions of its own). */
function describe(error: AppError & { status?: number }, context: ErrorContext): { lead: string; actions: ErrorAction[] } {
  const status = error.status;
  switch (error.kind) {
    case 'cancelled':
      return { lead: l10n.t('The request was cancelled.'), actions: ['retry'] };
    case 'timeout':
      return { lead: l10n.t('The server took too long to answer.'), actions: ['retry'] };
    case 'network':
      return { lead: l10n.t('Could not reach the server. Check the base URL, your connection or proxy.'), actions: ['retry', 'openSettings'] };
    case 'interrupted':
      return { lead: l10n.t('The connection dropped before the reply finished.'), actions: ['retry'] };
    case 'config':
      return { lead: l10n.t('The request could not be built from the current settings.'), actions: ['openSettings', 'retry'] };
    case 'auth':
      return { lead: l10n.t('The server rejected the API key (HTTP {0}). Set a valid key for this provider.', status ?? '401'), actions: ['setApiKey', 'retry'] };
    case 'funds':
      return {
        lead: l10n.t('Insufficient funds/credits — add credits to your account, then send again.'),
        actions: context.billing ? ['openBilling', 'switchProvider'] : ['switchProvider'],
      };
    case 'context':
      return { lead: l10n.t("The conversation is longer than the model's context window."), actions: ['dropOldest', 'newChat'] };
    case 'model':
      return { lead: l10n.t('The server does not offer this model. Pick another one.'), actions: ['pickModel', 'retry'] };
    case 'rate':
      return { lead: l10n.t('The server is rate limiting requests. Wait a moment and retry.'), actions: ['retry'] };
    case 'server':
      if (error.reason === 'stream_error') return { lead: l10n.t('The server reported an error in the middle of the reply.'), actions: ['retry'] };
      if (error.reason === 'invalid_response' || error.reason === 'bad_encoding') return { lead: l10n.t('The server sent a reply this client could not read.'), actions: ['retry', 'openSettings'] };
      return { lead: l10n.t('The server failed (HTTP {0}).', status ?? '5xx'), actions: ['retry'] };
    case 'other':
      return { lead: status ? l10n.t('The request failed (HTTP {0}).', status) : l10n.t('The request failed.'), actions: ['retry'] };
  }
}

/** Maps any failure to the ErrorView the chat shows. `knownKeys` are redacted from server text. */
export function toErrorView(err: unknown, knownKeys: Iterable<string> = [], context: ErrorContext = {}): ErrorView {
  const error = asAppError(err);
  if (!error) return view('other', 'unexpected', cleanMessage(l10n.t('Something went wrong: {0}', errorMessage(err)), knownKeys), ['retry']);
  if (error.actions) {
    // An error raised with its own fixes (no key, a bad setting): after fixing it the user can resend in
    // place, so retry always comes last.
    return view(error.kind, error.reason, cleanMessage(error.message, knownKeys), [...error.actions.filter((a) => a !== 'retry'), 'retry']);
  }
  const detail = cleanMessage(error.message, knownKeys);
  const { lead, actions } = describe(error, context);
  return view(error.kind, error.reason, detail && !lead.includes(detail) ? l10n.t('{0} ({1})', lead, detail) : lead, actions);
}
