// The check of a typed API key, before anything is sent: a key that cannot be sent in an HTTP header would
// otherwise fail later as a "network error" (fetch refuses the header) and be offered "Save anyway".
// Pure, no `vscode`. The messages never repeat the key.

import { l10n } from '../../common/l10n';

/** Shorter than this is not a key (local servers accept placeholders such as "ollama"; LiteLLM's example is "sk-1234"). */
export const MIN_API_KEY_LENGTH = 4;
/** Longer than this is not a key either (JWTs are ~1–2 KB; servers refuse headers of 8 KB and more). */
export const MAX_API_KEY_LENGTH = 4096;

const INVISIBLE = new Set([0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
const QUOTES = new Set([0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x00ab, 0x00bb]);

function describeCharacter(cp: number): { what: string; hint: string } {
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const copyAgain = l10n.t("Keys are plain ASCII letters, digits and symbols: copy it again from the provider's page.");
  if (cp === 0x2026) return { what: l10n.t('an ellipsis "…" ({0})', code), hint: l10n.t('The key was probably shortened for display: copy the whole key. {0}', copyAgain) };
  if (QUOTES.has(cp)) return { what: l10n.t('a typographic quote "{0}" ({1})', String.fromCodePoint(cp), code), hint: copyAgain };
  if (INVISIBLE.has(cp)) return { what: l10n.t('an invisible character ({0})', code), hint: copyAgain };
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return { what: l10n.t('a control character ({0})', code), hint: copyAgain };
  return { what: `"${String.fromCodePoint(cp)}" (${code})`, hint: copyAgain };
}

/** InputBox validation for an API key: undefined when it can be a key, else what is wrong. */
export function validateApiKeyInput(text: string): string | undefined {
  const key = text.trim();
  if (!key) return l10n.t('Enter the key');
  if (/^Bearer\s/i.test(key)) return l10n.t('Paste only the key, without "Bearer " in front.');
  if (/\s/.test(key)) return l10n.t('A key has no spaces or line breaks: paste it again as one piece.');
  let position = 0;
  for (const ch of key) {
    position++;
    const cp = ch.codePointAt(0)!;
    if (cp < 0x21 || cp > 0x7e) {
      const { what, hint } = describeCharacter(cp);
      return l10n.t('The key contains {0} at position {1}. {2}', what, position, hint);
    }
  }
  if (key.length < MIN_API_KEY_LENGTH) return l10n.t('That is too short for an API key ({0} characters).', key.length);
  if (key.length > MAX_API_KEY_LENGTH) return l10n.t('That is too long for an API key ({0} characters; at most {1}).', key.length, MAX_API_KEY_LENGTH);
  return undefined;
}
