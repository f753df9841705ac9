// The one error model of the extension. Every error a user can see carries a `kind` (what the user can do
// about it: the chat, the status bar, the native-chat provider and the key check all branch on it) and a
// `reason` (what exactly happened, machine-readable, for logs and tests). Behaviour is never decided by
// matching an error's message text: the only place that reads a server's words is the API client's
// classifier of error bodies (src/api/apiError.ts), because some servers say "context length" only in text.
// Pure: no `vscode`, no Node APIs.

/** What the user can do about it. */
export const ERROR_KINDS = [
  'auth', // the key is missing, wrong, or cannot be read
  'funds', // the account has no credit left
  'model', // the model id is unknown, or none is chosen
  'context', // the conversation does not fit the model's context window
  'rate', // rate limited
  'server', // the server failed, or sent something unreadable
  'network', // the server could not be reached
  'timeout', // the server took too long
  'interrupted', // the connection dropped mid-reply
  'cancelled', // the user (or the caller) cancelled
  'config', // a setting, a base URL or the request built from them is invalid
  'other',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** What exactly happened. */
export const ERROR_REASONS = [
  // transport
  'cancelled',
  'connect_timeout',
  'idle_timeout',
  'body_timeout',
  'unreachable',
  'connection_closed',
  'redirect_refused',
  'key_origin_refused',
  // the server's answer
  'http_status',
  'stream_error',
  'invalid_response',
  'bad_encoding',
  /** The server has no such endpoint, or cannot serve it for this model (404, 405, 501, llama.cpp's not_supported_error). */
  'endpoint_unsupported',
  // the request
  'invalid_request',
  'message_too_large',
  // the extension's own state
  'no_key',
  'secret_storage',
  'no_model',
  'unknown_provider',
  'bad_setting',
  'bad_base_url',
  'key_origin_changed',
  'unsupported',
  'unexpected',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

/** What the user can click on an error to fix it (the chat's buttons). */
export const ERROR_ACTIONS = [
  'setApiKey', // 401
  'pickModel', // invalid model
  'newChat', // context length exceeded
  'dropOldest', // context length exceeded: drop the oldest turns and resend
  'retry', // 429 / 5xx / network / interrupted / timeout
  'openSettings', // a bad setting
  'switchProvider',
  'openBilling', // out of credits: the provider's billing page
  'openWalkthrough', // the chat's welcome: the Get started walkthrough
] as const;
export type ErrorAction = (typeof ERROR_ACTIONS)[number];

/** Identifies AppErrors across bundles (tests and the extension may hold different copies of the class). */
const BRAND = Symbol.for('inferenceChat.AppError');

export interface AppErrorOptions {
  /** The fixes to offer, when the code that raised it knows them better than the kind does (host errors). */
  actions?: readonly ErrorAction[];
  cause?: unknown;
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly reason: ErrorReason;
  readonly actions?: readonly ErrorAction[];
  private readonly [BRAND] = true;

  constructor(kind: ErrorKind, reason: ErrorReason, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'AppError';
    this.kind = kind;
    this.reason = reason;
    if (options.actions) this.actions = options.actions;
  }
}

/** The AppError inside `error`, recognised by its brand (so a copy of the class from another bundle counts). */
export function asAppError(error: unknown): AppError | undefined {
  return typeof error === 'object' && error !== null && (error as { [BRAND]?: unknown })[BRAND] === true ? (error as AppError) : undefined;
}

/** The kind of any thrown value: an AppError's own, 'other' for anything else. */
export function errorKind(error: unknown): ErrorKind {
  return asAppError(error)?.kind ?? 'other';
}

/** The text of any thrown value (never "[object Object]"). Callers redact before showing or logging it. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** Kinds worth trying again as they are: the same request may work a moment later. */
export function isTransient(kind: ErrorKind): boolean {
  return kind === 'network' || kind === 'timeout' || kind === 'interrupted' || kind === 'rate' || kind === 'server';
}
