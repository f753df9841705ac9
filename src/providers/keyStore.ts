// One API key per provider, kept only in VS Code's SecretStorage. Failures of the secret store (no Linux
// keyring, a broken code-server profile) are reported, never swallowed: the caller shows the message.
import type * as vscode from 'vscode';
import { describeError } from './logger';

export const SECRET_PREFIX = 'inferenceChat.apiKey.';

export class KeyStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyStoreError';
  }
}

export class KeyStore {
  /** Keys read so far, by provider id; used for redaction and to avoid re-reading on every request. */
  private readonly cache = new Map<string, string | undefined>();

  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(providerId: string): Promise<string | undefined> {
    if (this.cache.has(providerId)) return this.cache.get(providerId);
    let key: string | undefined;
    try {
      key = await this.secrets.get(SECRET_PREFIX + providerId);
    } catch (error) {
      throw new KeyStoreError(
        `Could not read the API key from VS Code's secret storage (${describeError(error)}). On Linux, make sure a keyring (e.g. gnome-keyring) is running, then try again.`,
      );
    }
    this.cache.set(providerId, key || undefined);
    return key || undefined;
  }

  async set(providerId: string, key: string): Promise<void> {
    try {
      await this.secrets.store(SECRET_PREFIX + providerId, key);
    } catch (error) {
      throw new KeyStoreError(
        `The API key was NOT saved: VS Code's secret storage failed (${describeError(error)}). On Linux, make sure a keyring (e.g. gnome-keyring) is running, then set the key again.`,
      );
    }
    this.cache.set(providerId, key);
  }

  async delete(providerId: string): Promise<void> {
    try {
      await this.secrets.delete(SECRET_PREFIX + providerId);
    } catch (error) {
      throw new KeyStoreError(`The API key could not be removed from VS Code's secret storage (${describeError(error)}).`);
    }
    this.cache.set(providerId, undefined);
  }

  /** Forget cached values (another window changed a secret). */
  invalidate(providerId?: string): void {
    if (providerId === undefined) this.cache.clear();
    else this.cache.delete(providerId);
  }

  /** Keys known in memory, for redaction. */
  knownKeys(): string[] {
    return [...this.cache.values()].filter((k): k is string => typeof k === 'string' && k.length > 0);
  }
}
