// The one list of secret-shaped file names: what needs the user's explicit yes even when no ignore file lists it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { secretShape } from '../../../src/context/core/secretFiles';

test('secret-shaped: env files, keys, certificates, credentials and token files, at any depth and as absolute paths', () => {
  const secret = [
    '.env', '.env.local', '.env.production', 'server/.env', 'deploy/prod.env', '.envrc',
    'certs/server.pem', 'tls.key', 'store.p12', 'store.pfx', 'AuthKey_ABC.p8', 'app.keystore', 'release.jks', 'putty.ppk',
    'id_rsa', 'id_ed25519', 'keys/id_ecdsa', 'id_dsa', 'id_rsa.old',
    '.npmrc', '.yarnrc.yml', '.pypirc', '.netrc', '_netrc', '.git-credentials', '.pgpass', '.htpasswd',
    'credentials', 'credentials.json', 'gcp-credentials.json', 'my-service-account.json', 'client_secret_123.apps.json',
    'secrets.yaml', 'config/secrets.json', 'prod.tfvars', 'terraform.tfstate',
    '/home/u/.aws/credentials', '/home/u/.ssh/deploy_key', '/home/u/.docker/config.json', '/home/u/.kube/config',
    'C:\\Users\\u\\.ssh\\id_rsa', 'SECRETS.YML', '.ENV',
  ];
  for (const path of secret) assert.ok(secretShape(path), `${path} is secret-shaped`);
});

test('not secret-shaped: templates of env files, public keys, known_hosts and ordinary files', () => {
  const plain = [
    '.env.example', '.env.sample', '.env.template', '.env.dist', 'id_rsa.pub', '/home/u/.ssh/id_ed25519.pub',
    '/home/u/.ssh/known_hosts', '/home/u/.ssh/config', 'src/environment.ts', 'keyboard.ts', 'src/key.ts', 'monkey.py',
    'README.md', 'package.json', 'docs/credentials.md', 'secret_santa.py', '.envelope',
  ];
  for (const path of plain) assert.equal(secretShape(path), undefined, `${path} is not secret-shaped`);
});

test('the pattern that matched is named (the refusal and the dialog show it)', () => {
  assert.equal(secretShape('.env.local'), '.env.*');
  assert.equal(secretShape('certs/server.pem'), '*.pem');
  assert.equal(secretShape('/home/u/.aws/credentials'), 'credentials');
});
