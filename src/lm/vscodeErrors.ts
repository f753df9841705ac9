// VS Code's error class for a native-chat failure, chosen by its kind (and reason), never by its text.
import * as vscode from 'vscode';
import { asAppError, errorKind } from '../common/appError';

export function toLanguageModelError(error: unknown, message: string): Error {
  const kind = errorKind(error);
  const LanguageModelError = vscode.LanguageModelError;
  if (kind === 'auth') return LanguageModelError.NoPermissions(message);
  if (kind === 'model' || asAppError(error)?.reason === 'unknown_provider') return LanguageModelError.NotFound(message);
  // Blocked is missing from some hosts and forks: a plain Error there.
  if (kind === 'rate' && typeof LanguageModelError.Blocked === 'function') return LanguageModelError.Blocked(message);
  return new Error(message);
}
