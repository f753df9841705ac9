import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { redact } from '../../../src/common/redact';
import { assertNoKeyFragment } from '../../helpers/keyFragments';
import { KEY_SHAPES } from '../../helpers/keyShapes';

test('known keys are removed verbatim wherever they appear', () => {
  const key = 'pk-live-0123456789abcdef';
  const out = redact(`request failed: key=${key}; again ${key}`, [key]);
  assert.ok(!out.includes(key));
  assert.equal(out.split('[redacted]').length - 1, 2);
});

test('Bearer tokens, sk- keys and api_key fields are removed even when unknown', () => {
  const out = redact('Authorization: Bearer abc.def-123 and sk-proj-ABCDEFGH12345678 and {"api_key":"zzzzzzzz"} x-api-key=qqqq');
  assert.ok(!/abc\.def-123|sk-proj-ABCDEFGH12345678|zzzzzzzz|qqqq/.test(out), out);
  assert.match(out, /Bearer \[redacted\]/);
});

test('ordinary text is left alone', () => {
  const text = 'GET /v1/models → 200 in 12 ms (attempt 1)';
  assert.equal(redact(text, ['short-but-not-in-text']), text);
});

test('a longer key containing a shorter one is fully removed', () => {
  const out = redact('token abcd1234efgh', ['abcd', 'abcd1234efgh']);
  assert.equal(out, 'token [redacted]');
});

// ---- key shapes recognised without being told the key ----

test('every common key shape is removed even when the key is not known', () => {
  for (const { name, key, recognisable } of KEY_SHAPES) {
    if (!recognisable) continue;
    for (const text of [
      `Invalid API Key: ${key}`,
      `{"error":{"message":"Incorrect API key provided: ${key}."}}`,
      `key "${key}" was revoked`,
      `(${key})`,
      `GET /v1/models?x=1 failed for ${key}, try again`,
    ]) {
      assertNoKeyFragment(redact(text), key, 8, `${name} in ${JSON.stringify(text.slice(0, 30))}`);
    }
  }
});

test('Basic auth, Bearer and Token header values are removed', () => {
  const basic = btoa('user@example.com:hunter2-pass');
  for (const text of [`Authorization: Basic ${basic}`, `authorization=Basic ${basic}`, `sent "Basic ${basic}"`, `Basic ${basic}`]) {
    assertNoKeyFragment(redact(text), basic, 8, text.slice(0, 24));
  }
  assert.equal(redact('Authorization: Token abcd1234efgh5678'), 'Authorization: Token [redacted]');
  assert.equal(redact('header: Bearer t0k3n.v4lue'), 'header: Bearer [redacted]');
});

test('token=, key=, api_key= (and friends) in URLs and forms are removed', () => {
  const cases = [
    'GET https://api.example.com/v1/models?key=AbCdEf123456&alt=json',
    'redirected to /login?token=zzYY9988xx&next=/',
    'wss://x.example/socket?api_key=q1w2e3r4t5',
    'POST body: grant_type=x&access_token=tok-5566-7788',
    'signed url ...&sig=AbC%2Fdef123%3D&se=2030',
    '{"api_key": "plainsecret", "token": "t-0001-0002", "password": "hunter2"}',
    "x-api-key: abcdefgh12345678",
    'x-goog-api-key=secretvalue99',
  ];
  const secrets = ['AbCdEf123456', 'zzYY9988xx', 'q1w2e3r4t5', 'tok-5566-7788', 'AbC%2Fdef123%3D', 'plainsecret', 't-0001-0002', 'hunter2', 'abcdefgh12345678', 'secretvalue99'];
  const out = cases.map((c) => redact(c)).join('\n');
  for (const s of secrets) assert.ok(!out.includes(s), `${s} survived:\n${out}`);
  assert.match(out, /alt=json/);
  assert.match(out, /next=\//);
});

test('a known key is removed in every echoed form: as sent, URL-encoded (either hex case), JSON-escaped, HTML-escaped', () => {
  const key = 'k3y"AbC+def/ghi=\\jkl<m>&n';
  const forms = [
    key,
    encodeURIComponent(key),
    encodeURIComponent(key).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    JSON.stringify(key).slice(1, -1),
    JSON.stringify(key).slice(1, -1).replace(/\//g, '\\/'),
    key.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
  ];
  for (const form of forms) {
    const out = redact(`echo: ${form} end`, [key]);
    assert.equal(out, 'echo: [redacted] end', form);
  }
});

test('a known key encoded twice (JSON inside JSON, JSON inside HTML, URL inside JSON) is removed too', () => {
  const key = 'k3y"AbC+def/ghi=\\jkl';
  const json = (t: string) => JSON.stringify(t).slice(1, -1);
  const html = (t: string) => t.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  for (const form of [json(json(key)), html(json(key)), json(encodeURIComponent(key)), encodeURIComponent(json(key))]) {
    assert.equal(redact(`echo: ${form} end`, [key]), 'echo: [redacted] end', form);
  }
});

test('redaction is idempotent: redacting twice changes nothing more', () => {
  for (const { key } of KEY_SHAPES) {
    const once = redact(`Authorization: Bearer ${key} and ${key}`, [key]);
    assert.equal(redact(once, [key]), once);
  }
});

test('ordinary prose and common error texts are left alone', () => {
  const prose = [
    'Unexpected token } in JSON at position 5',
    'Unexpected token: }',
    'max_tokens=4096 is more than the model allows',
    'Missing bearer token',
    'Bearer token is missing or malformed',
    'Basic authentication failed for this endpoint',
    'The API key is invalid. Check the key and try again.',
    'Incorrect API key provided. You can find your API key at https://platform.example.com/account/api-keys.',
    'This model supports a context window of 131072 tokens; you requested 140000.',
    'sk-learn compatible estimators are not supported',
    'disk-full: no space left on device',
    'Ask-me-anything models are deprecated',
    'fw_version_string_is_too_old_for_this_call',
    'request id 4f6a2c1e-9b3d-4e8f-a7c5-0d1e2f3a4b5c',
    'git commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904 is not in the tree',
    'The model `meta-llama/llama-3.1-70b-instruct` does not exist or you do not have access to it.',
    'GET /v1/models → 200 in 12 ms (attempt 1)',
    'Rate limit reached for requests: limit 500, used 500, requested 1.',
    'Could not reach api.example.com: connection refused (is the server running?)',
    'body.messages.0.content: field required',
    'Hugging Face hf_transfer is enabled',
    'xai-grok-beta is not a valid model id',
  ];
  for (const text of prose) assert.equal(redact(text), text);
});
