// Fake API keys in the shapes real providers use (made-up values, deterministic so failures reproduce).
// Used by the redaction tests: the shape rules must recognise them unknown, the client must remove them
// when it was given them, whole or echoed URL-encoded / JSON-escaped, wherever a cut falls.
import { seededRandom } from './seededRandom';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = `${ALNUM}-_`;
const B64 = `${ALNUM}+/`;
const HEX = '0123456789abcdef';

const random = seededRandom(20250601);
function chars(alphabet: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

export interface KeyShape {
  name: string;
  key: string;
  /** The shape rules of src/common/redact.ts recognise it without being told the key. */
  recognisable: boolean;
}

export const KEY_SHAPES: readonly KeyShape[] = [
  { name: 'OpenAI project key', key: `sk-proj-${chars(B64URL, 64)}`, recognisable: true },
  { name: 'Anthropic', key: `sk-ant-api03-${chars(B64URL, 93)}AA`, recognisable: true },
  { name: 'OpenRouter', key: `sk-or-v1-${chars(HEX, 64)}`, recognisable: true },
  { name: 'Groq', key: `gsk_${chars(ALNUM, 52)}`, recognisable: true },
  { name: 'Hugging Face', key: `hf_${chars(ALNUM, 34)}`, recognisable: true },
  { name: 'xAI', key: `xai-${chars(ALNUM, 80)}`, recognisable: true },
  { name: 'Perplexity', key: `pplx-${chars(ALNUM, 48)}`, recognisable: true },
  { name: 'NVIDIA', key: `nvapi-${chars(B64URL, 64)}`, recognisable: true },
  { name: 'Google AI Studio', key: `AIza${chars(B64URL, 35)}`, recognisable: true },
  { name: '64 hex characters', key: chars(HEX, 64), recognisable: true },
  { name: 'Stripe-style live key', key: `sk_live_${chars(ALNUM, 32)}`, recognisable: true },
  { name: 'GitHub fine-grained PAT (GitHub Models)', key: `github_pat_${chars(ALNUM, 22)}_${chars(ALNUM, 59)}`, recognisable: true },
  { name: 'GitHub classic PAT', key: `ghp_${chars(ALNUM, 36)}`, recognisable: true },
  { name: 'JWT', key: `eyJhbGciOiJIUzI1NiJ9.eyJ${chars(B64URL, 40)}.${chars(B64URL, 43)}`, recognisable: true },
  { name: 'Prime Intellect', key: `pit_${chars(ALNUM, 40)}`, recognisable: true },
  { name: 'opaque base64 (URL-encoding changes it)', key: `${chars(B64, 38)}+/${chars(B64, 4)}==`, recognisable: false },
  { name: 'opaque with JSON-special characters', key: `k3y"${chars(ALNUM, 12)}\\${chars(ALNUM, 12)}/${chars(ALNUM, 8)}`, recognisable: false },
];

/** The longest key of the set (for sizing paddings). */
export const LONGEST_KEY = Math.max(...KEY_SHAPES.map((s) => s.key.length));
