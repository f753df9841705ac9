// The fingerprint of the text a question was about (SelectionContext.textHash): sha-256, hex. A file whose text
// at that place no longer has it changed since the question was asked.
import type * as Crypto from 'node:crypto';

let crypto: typeof Crypto | undefined;

export function textHash(text: string): string {
  // Loaded on first use: node:crypto costs ≈ 5 ms, and activation (which bundles this module) needs none of it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  crypto ??= require('node:crypto') as typeof Crypto;
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}
