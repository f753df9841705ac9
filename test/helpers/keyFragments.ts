// "Nothing of the key leaked": no run of `minRun` or more consecutive characters of the key, in any of the
// forms a server may echo it in (as sent, URL-encoded, JSON-escaped), appears in the text.
import * as assert from 'node:assert/strict';

/** The forms of a key whose fragments count as a leak. */
function forms(key: string): string[] {
  return [...new Set([key, encodeURIComponent(key), JSON.stringify(key).slice(1, -1)])];
}

/** The first fragment of `key` (≥ minRun characters) found in `text`, or undefined. */
export function keyFragmentIn(text: string, key: string, minRun = 8): string | undefined {
  for (const form of forms(key)) {
    if (form.length < minRun) {
      if (text.includes(form)) return form;
      continue;
    }
    for (let i = 0; i + minRun <= form.length; i++) {
      const piece = form.slice(i, i + minRun);
      if (text.includes(piece)) {
        // Report the longest run that leaked, for a readable failure.
        let end = i + minRun;
        while (end < form.length && text.includes(form.slice(i, end + 1))) end++;
        return form.slice(i, end);
      }
    }
  }
  return undefined;
}

/** Fails when `text` holds `minRun` or more consecutive characters of `key` (in any echoed form). */
export function assertNoKeyFragment(text: string, key: string, minRun = 8, where = 'text'): void {
  const leaked = keyFragmentIn(text, key, minRun);
  if (leaked !== undefined) {
    const at = text.indexOf(leaked);
    // The fragment itself is not printed (a helper for keys should not put them in test logs).
    const context = `${text.slice(Math.max(0, at - 60), at)}«${leaked.length} key characters»${text.slice(at + leaked.length, at + leaked.length + 20)}`;
    assert.fail(`${where} holds ${leaked.length} consecutive characters of the key (of ${key.length}) at ${at}: …${context}…`);
  }
}
