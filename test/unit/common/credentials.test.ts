// findCredentials: what looks like a credential in text about to be sent (an attachment, an instructions file, a
// selection). Every shape redact.ts knows, the user's own stored key, no alarm on ordinary code, and a hint that
// never holds the secret.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { credentialKindLabel, findCredentials, maskedHint } from '../../../src/common/credentials';
import { CREDENTIAL_KINDS } from '../../../src/common/credentialShapes';
import { redact } from '../../../src/common/redact';
import { KEY_SHAPES } from '../../helpers/keyShapes';

/** The hint shows less than half of the secret and never 5 consecutive characters of its random part. */
function assertSafeHint(hint: string, secret: string, label: string): void {
  assert.ok(!hint.includes(secret), `${label}: the hint ${hint} holds the secret`);
  const shown = hint.replace('…', '');
  assert.ok(shown.length * 2 < secret.length, `${label}: the hint ${hint} shows too much of a ${secret.length}-character secret`);
}

test('every key shape redact.ts recognises is found, with its place and a masked hint', () => {
  for (const { name, key, recognisable } of KEY_SHAPES) {
    if (!recognisable || name === '64 hex characters') continue;
    const text = `const config = {\n  model: "x",\n  value: "${key}",\n};\n`;
    const found = findCredentials(text);
    assert.equal(found.length, 1, `${name}: ${JSON.stringify(found)}`);
    const [f] = found;
    assert.equal(text.slice(f!.start, f!.end), key, `${name}: the span is the key`);
    assert.ok(f!.hint.endsWith(key.slice(-4)), `${name}: the hint ends with the last 4 characters (${f!.hint})`);
    assertSafeHint(f!.hint, key, name);
  }
});

test('the kinds: an OpenAI-style key reads "sk-…abcd"; AWS, Google, JWT, Bearer, Basic, named fields and headers', () => {
  const openai = 'sk-proj-Abc123Def456Ghi789Jkl0abcd';
  assert.deepEqual(findCredentials(`OPENAI_API_KEY=${openai}`).map((f) => [f.kind, f.hint]), [['openai', 'sk-…abcd']]);
  // Behind a credential's name too, the shape that says whose key it is names it.
  assert.deepEqual(findCredentials(`new Client({ apiKey: '${openai}' })`).map((f) => [f.kind, f.hint]), [['openai', 'sk-…abcd']]);
  const cases: Array<[string, string, string]> = [
    ['aws', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE'],
    ['google', 'maps key AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW', 'AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW'],
    ['jwt', 'cookie: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
    ['bearer', 'curl -H "X: Bearer t0k3nAbCd3fGh1jK"', 't0k3nAbCd3fGh1jK'],
    ['basic', `Basic ${btoa('admin:s3cret-pass')}`, btoa('admin:s3cret-pass')],
    ['header', 'x-api-key: q1w2e3r4t5y6u7i8', 'q1w2e3r4t5y6u7i8'],
    ['field', '{"password": "correct7horse9battery"}', 'correct7horse9battery'],
    ['field', 'https://example.com/hook?token=zzYY9988xxWW', 'zzYY9988xxWW'],
    ['hex', 'secret_token: 3f1a9c7e5b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a', '3f1a9c7e5b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a'],
  ];
  for (const [kind, text, secret] of cases) {
    const found = findCredentials(text);
    assert.equal(found.length, 1, `${kind}: ${JSON.stringify(found)}`);
    assert.equal(found[0]!.kind, kind, text);
    assert.equal(text.slice(found[0]!.start, found[0]!.end), secret, kind);
    assertSafeHint(found[0]!.hint, secret, kind);
  }
});

test("the user's own stored key is found in any shape, also one no rule knows, and wins over a shape", () => {
  const opaque = 'Zq8+Lm/Np2Kx9Wv4Ty6Rs0Uh';
  const text = `store:\n  primary: ${opaque}\n  in a URL: https://example.com/?k=${encodeURIComponent(opaque)}\n`;
  assert.equal(findCredentials(text).length, 0, 'no shape knows this key');
  const found = findCredentials(text, [opaque]);
  assert.deepEqual(found.map((f) => f.kind), ['stored', 'stored'], 'as it is and URL-encoded');
  assert.equal(found[0]!.hint, '…s0Uh');
  for (const f of found) assertSafeHint(f.hint, opaque, 'stored');
  const sk = 'sk-live0123456789abcdefXYZ';
  assert.deepEqual(findCredentials(`key = "${sk}"`, [sk]).map((f) => f.kind), ['stored'], 'one finding, the stored key');
  // A placeholder "key" of a local server (short, an ordinary word) is not looked for.
  assert.deepEqual(findCredentials('ollama run llama3', ['ollama']), []);
});

test('no false alarm on ordinary code, prose, lock files and config that reads a key from the environment', () => {
  const ordinary = [
    'const apiKey = process.env.OPENAI_API_KEY;',
    'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])',
    'headers: { Authorization: `Bearer ${token}` },',
    "headers['Authorization'] = 'Bearer ' + token",
    'items.sort(key=lambda item: item.created_at)',
    'password = getpass.getpass("Password: ")',
    'const tokens = tokenize(source); // Token count',
    '"integrity": "sha512-AbC/dEf+ghIJkl==",',
    'checksum = "3f1a9c7e5b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a"',
    'FROM node:20@sha256:3f1a9c7e5b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a',
    'git commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904',
    'api_key: "your-api-key-here"',
    'API_KEY=xxxxxxxxxxxxxxxx',
    'import { skLearn } from "sk-learn-compatible";',
    'The Bearer token is read from the environment.',
    'export function basicAuth(user: string) {}',
    'auth=None, key=None, token=None',
    'url = f"{base}/v1/models?key={api_key}"',
    'uuid 4f6a2c1e-9b3d-4e8f-a7c5-0d1e2f3a4b5c',
  ];
  for (const text of ordinary) assert.deepEqual(findCredentials(text), [], text);
});

test('several credentials in one text are each found once, in order', () => {
  const a = 'ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
  const b = 'gsk_ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210';
  const text = `GITHUB_TOKEN=${a}\n# and\nGROQ=${b}\n`;
  const found = findCredentials(text);
  assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), [a, b]);
});

test('the hint of a short secret shows little or nothing; every kind has words', () => {
  assert.equal(maskedHint('abcdefg', 'sk-'), '…');
  assert.equal(maskedHint('abcdefgh12', 'sk-'), '…12');
  assert.equal(maskedHint('sk-abcdefgh12345678', 'sk-'), 'sk-…5678');
  for (const kind of CREDENTIAL_KINDS) assert.ok(credentialKindLabel(kind).length > 3, kind);
});

test('redact and findCredentials share the shapes: what is found is what redact removes', () => {
  for (const { key, recognisable, name } of KEY_SHAPES) {
    if (!recognisable || name === '64 hex characters') continue;
    const text = `value: ${key}`;
    assert.equal(findCredentials(text).length, 1, name);
    assert.equal(redact(text), 'value: [redacted]', name);
  }
});
