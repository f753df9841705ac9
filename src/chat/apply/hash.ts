// The fingerprint of the text a question was about (SelectionContext.textHash): sha-256, hex. A file whose text
// at that place no longer has it changed since the question was asked.
import { createHash } from 'node:crypto';

export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
