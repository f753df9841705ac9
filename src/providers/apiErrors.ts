// Reads the fields of the client's ApiError without depending on its class identity
// (bundles and tests may hold different copies of the class).

interface ApiErrorLike {
  kind?: string;
  status?: number;
  message: string;
}

function asApiError(error: unknown): ApiErrorLike | undefined {
  return error instanceof Error ? error : undefined;
}

/** 401 / 403: the server rejected the key. */
export function isKeyRejected(error: unknown): boolean {
  const e = asApiError(error);
  return e?.status === 401 || e?.status === 403;
}

/** The server could not be reached or did not answer in time. */
export function isUnreachable(error: unknown): boolean {
  const kind = asApiError(error)?.kind;
  return kind === 'network' || kind === 'timeout';
}

export function isAborted(error: unknown): boolean {
  return asApiError(error)?.kind === 'aborted';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
