// The text of the error VS Code's native chat shows for a failed request. Pure (no `vscode`), so it is
// unit-tested: it must never carry a key.
import { errorMessage } from '../../common/appError';

/**
 * The failure's message, redacted by `redact` (the extension's logger: every key it has seen this session).
 * The client already removed its own key before cutting the server's text; this is the second wall.
 */
export function languageModelErrorMessage(error: unknown, redact: (text: string) => string): string {
  return redact(errorMessage(error));
}
