// Suggestions by the text around the cursor, so going back to a place or typing what is shown costs no request
// (llama.vscode keeps 250 entries keyed by a hash of prefix and suffix). Keys are hashes: a prefix can be a few
// thousand lines, and 250 of them would keep megabytes alive for nothing.
import type * as Crypto from 'node:crypto';

/** How far back typing-through looks: the characters typed since the suggestion was cached. */
const MAX_TYPED = 128;

export class SuggestionCache {
  private readonly capacity: number;
  /** key → suggestion, least recently used first (a Map keeps insertion order). */
  private readonly entries = new Map<string, string>();
  private crypto: typeof Crypto | undefined;

  constructor(capacity = 250) {
    this.capacity = Math.max(1, Math.floor(capacity));
  }

  set(prefix: string, suffix: string, suggestion: string): void {
    const key = `${this.digest(prefix)}:${this.digest(suffix)}`;
    this.entries.delete(key);
    this.entries.set(key, suggestion);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  /**
   * The suggestion for this prefix/suffix; also when the user typed the start of a cached one (the rest). Typing
   * through: the prefix is a cached prefix plus up to MAX_TYPED characters that begin that prefix's suggestion.
   */
  get(prefix: string, suffix: string): string | undefined {
    const suffixHash = this.digest(suffix);
    const exact = this.hit(`${this.digest(prefix)}:${suffixHash}`);
    if (exact !== undefined) return exact;
    const reach = Math.min(MAX_TYPED, prefix.length);
    // The common start is hashed once; each shorter prefix only adds its own few characters to a copy.
    const base = this.sha().update(prefix.slice(0, prefix.length - reach));
    for (let typed = 1; typed <= reach; typed++) {
      const shorter = base.copy().update(prefix.slice(prefix.length - reach, prefix.length - typed)).digest('base64');
      const cached = this.entries.get(`${shorter}:${suffixHash}`);
      if (cached === undefined) continue;
      const typedText = prefix.slice(prefix.length - typed);
      if (cached.length > typedText.length && cached.startsWith(typedText)) {
        this.hit(`${shorter}:${suffixHash}`);
        return cached.slice(typedText.length);
      }
    }
    return undefined;
  }

  private sha(): Crypto.Hash {
    // Loaded on first use, like common/textHash.ts: node:crypto costs ≈ 5 ms, and activation needs none of it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.crypto ??= require('node:crypto') as typeof Crypto;
    return this.crypto.createHash('sha256');
  }

  private digest(text: string): string {
    return this.sha().update(text).digest('base64');
  }

  /** The entry, marked most recently used. */
  private hit(key: string): string | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }
}
