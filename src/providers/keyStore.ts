// One API key per provider, kept only in VS Code's SecretStorage. Failures of the secret store (no Linux
// keyring, a broken code-server profile) are reported, never swallowed: the caller shows the message.
import type * as vscode from 'vscode';
import { AppError, errorMessage } from '../common/errors';

export const SECRET_PREFIX = 'inferenceChat.apiKey.';

/** The secret store itself failed: the message says what to do; its fix is setting the key again. */
function storeFailure(message: string, cause: unknown): AppError {
  return new AppError('auth', 'secret_storage', message, { actions: ['setApiKey'], cause });
}

export class KeyStore {
  /** Keys read so far, by provider id; used for redaction and to avoid re-reading on every request. */
  private readonly cache = new Map<string, string | undefined>();
  /** Every key read or set this session, also after it changed or was cleared: a log line may still quote it. */
  private readonly seen = new Set<string>();

  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(providerId: string): Promise<string | undefined> {
    if (this.cache.has(providerId)) return this.cache.get(providerId);
    let key: string | undefined;
    try {
      key = await this.secrets.get(SECRET_PREFIX + providerId);
    } catch (error) {
      throw storeFailure(
        `Could not read the API key from VS Code's secret storage (${errorMessage(error)}). On Linux, make sure a keyring (e.g. gnome-keyring) is running, then try again.`,
        error,
      );
    }
    this.cache.set(providerId, key || undefined);
    if (key) this.seen.add(key);
    return key || undefined;
  }

  async set(providerId: string, key: string): Promise<void> {
    try {
      await this.secrets.store(SECRET_PREFIX + providerId, key);
    } catch (error) {
      throw storeFailure(
        `The API key was NOT saved: VS Code's secret storage failed (${errorMessage(error)}). On Linux, make sure a keyring (e.g. gnome-keyring) is running, then set the key again.`,
        error,
      );
    }
    this.cache.set(providerId, key);
    if (key) this.seen.add(key);
  }

  async delete(providerId: string): Promise<void> {
    try {
      await this.secrets.delete(SECRET_PREFIX + providerId);
    } catch (error) {
      throw storeFailure(`The API key could not be removed from VS Code's secret storage (${errorMessage(error)}).`, error);
    }
    this.cache.set(providerId, undefined);
  }

  /** Forget cached values (another window changed a secret). */
  invalidate(providerId?: string): void {
    if (providerId === undefined) this.cache.clear();
    else this.cache.delete(providerId);
  }

  /** Every key seen this session (current or not), for redaction. */
  knownKeys(): string[] {
    return [...this.seen];
  }
}
