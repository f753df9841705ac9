// Suggestions by the text around the cursor, so going back to a place or typing what is shown costs no request
// (llama.vscode keeps 250 entries keyed by a hash of prefix and suffix). Keys are hashes of the text next to the
// cursor only — the prefix's last KEY_CHARS, the suffix's first KEY_CHARS — so a context window whose far end moved
// by a line (the token budget cut it one line later) still finds its entry, and 250 keys keep no megabytes alive.
// Typing through a suggestion is answered from the last few suggestions, compared as text.
import type * as Crypto from 'node:crypto';

/** How far back typing-through looks: the characters typed since the suggestion was cached. */
const MAX_TYPED = 128;
/** The text next to the cursor that identifies a place (far less than any window the token budget cuts). */
const KEY_CHARS = 2_000;
/** How many of the latest suggestions typing-through compares against. */
const RECENT = 16;

interface Recent {
  /** The prefix's last KEY_CHARS when it was cached. */
  tail: string;
  suffixKey: string;
  suggestion: string;
}

export class SuggestionCache {
  private readonly capacity: number;
  /** key → suggestion, least recently used first (a Map keeps insertion order). */
  private readonly entries = new Map<string, string>();
  /** The latest suggestions with the text before them, newest last: what the user may be typing through. */
  private readonly recent: Recent[] = [];
  private crypto: typeof Crypto | undefined;

  constructor(capacity = 250) {
    this.capacity = Math.max(1, Math.floor(capacity));
  }

  set(prefix: string, suffix: string, suggestion: string): void {
    const suffixKey = this.digest(suffix.slice(0, KEY_CHARS));
    const key = `${this.digest(prefix.slice(-KEY_CHARS))}:${suffixKey}`;
    this.entries.delete(key);
    this.entries.set(key, suggestion);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    if (suggestion) {
      this.recent.push({ tail: prefix.slice(-KEY_CHARS), suffixKey, suggestion });
      if (this.recent.length > RECENT) this.recent.shift();
    }
  }

  /** The suggestion for this place; or, when the user typed the start of a recent one, the rest of it. */
  get(prefix: string, suffix: string): string | undefined {
    const suffixKey = this.digest(suffix.slice(0, KEY_CHARS));
    const exact = this.hit(`${this.digest(prefix.slice(-KEY_CHARS))}:${suffixKey}`);
    if (exact !== undefined) return exact;
    for (let i = this.recent.length - 1; i >= 0; i--) {
      const entry = this.recent[i]!;
      if (entry.suffixKey !== suffixKey) continue;
      const rest = typedThrough(prefix, entry);
      if (rest !== undefined) return rest;
    }
    return undefined;
  }

  private sha(): Crypto.Hash {
    // Loaded on first use: node:crypto costs a few ms, and this module is bundled where activation would pay it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.crypto ??= require('node:crypto') as typeof Crypto;
    return this.crypto.createHash('sha256');
  }

  private digest(text: string): string {
    return this.sha().update(text).digest('base64');
  }

  private hit(key: string): string | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }
}

/**
 * The rest of `entry`'s suggestion when `prefix` is the text it was cached after plus a start of it (1 to MAX_TYPED
 * characters), else undefined. Compared as text next to the cursor: blind to where the window's far end was cut.
 */
function typedThrough(prefix: string, entry: Recent): string | undefined {
  for (let typed = 1; typed <= MAX_TYPED && typed < entry.suggestion.length && typed <= prefix.length; typed++) {
    const end = prefix.length - typed;
    if (!entry.suggestion.startsWith(prefix.slice(end))) continue;
    if (prefix.slice(Math.max(0, end - KEY_CHARS), end) === entry.tail) return entry.suggestion.slice(typed);
  }
  return undefined;
}
