// One API key per provider, kept only in VS Code's SecretStorage, bound to the origin (scheme, host and
// port) it was checked against: when a provider's base URL moves to another origin, its key is not sent
// there — the user is asked for the key again. Failures of the secret store (no Linux keyring, a broken
// code-server profile) are reported, never swallowed: the caller shows the message.
import type * as vscode from 'vscode';
import { AppError, errorMessage } from '../common/appError';
import { l10n } from '../common/l10n';

export const SECRET_PREFIX = 'inferenceChat.apiKey.';

/** A stored key and the origin it belongs to (undefined for a key saved before keys were bound). */
export interface StoredKey {
  key: string;
  origin?: string;
}

/** The secret store itself failed: the message says what to do; its fix is setting the key again. */
function storeFailure(message: string, cause: unknown): AppError {
  return new AppError('auth', 'secret_storage', message, { actions: ['setApiKey'], cause });
}

/** The secret's value: JSON {key, origin}; a plain string is a key saved before keys were bound to an origin. */
function decode(value: string | undefined): StoredKey | undefined {
  if (!value) return undefined;
  if (value.startsWith('{')) {
    try {
      const parsed = JSON.parse(value) as { key?: unknown; origin?: unknown };
      if (typeof parsed.key === 'string' && parsed.key) {
        return typeof parsed.origin === 'string' ? { key: parsed.key, origin: parsed.origin } : { key: parsed.key };
      }
    } catch {
      // not ours: a key that happens to start with "{" (read as it is)
    }
  }
  return { key: value };
}

export class KeyStore {
  /** Keys read so far, by provider id; used for redaction and to avoid re-reading on every request. */
  private readonly cache = new Map<string, StoredKey | undefined>();
  /** Every key read or set this session, also after it changed or was cleared: a log line may still quote it. */
  private readonly seen = new Set<string>();

  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(providerId: string): Promise<StoredKey | undefined> {
    if (this.cache.has(providerId)) return this.cache.get(providerId);
    let value: string | undefined;
    try {
      value = await this.secrets.get(SECRET_PREFIX + providerId);
    } catch (error) {
      throw storeFailure(
        l10n.t("Could not read the API key from VS Code's secret storage ({0}). On Linux, make sure a keyring (e.g. gnome-keyring) is running, then try again.", errorMessage(error)),
        error,
      );
    }
    const stored = decode(value);
    this.cache.set(providerId, stored);
    if (stored) this.seen.add(stored.key);
    return stored;
  }

  /** Stores the key for the origin it was checked against. */
  async set(providerId: string, key: string, origin: string): Promise<void> {
    try {
      await this.secrets.store(SECRET_PREFIX + providerId, JSON.stringify({ key, origin }));
    } catch (error) {
      throw storeFailure(
        l10n.t("The API key was NOT saved: VS Code's secret storage failed ({0}). On Linux, make sure a keyring (e.g. gnome-keyring) is running, then set the key again.", errorMessage(error)),
        error,
      );
    }
    this.cache.set(providerId, { key, origin });
    this.seen.add(key);
  }

  async delete(providerId: string): Promise<void> {
    try {
      await this.secrets.delete(SECRET_PREFIX + providerId);
    } catch (error) {
      throw storeFailure(l10n.t("The API key could not be removed from VS Code's secret storage ({0}).", errorMessage(error)), error);
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
