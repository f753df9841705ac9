// Files whose name says they hold secrets (keys, tokens, passwords). Reading one for the model needs the user's
// explicit yes even when no ignore file lists it; an implicit read (the suggested chip, instructions, completions)
// never takes one. One list, in gitignore syntax (matched with the `ignore` package, case-insensitively), used by
// every path into a message and by the agent of the next issues. Pure.
import ignore, { type Ignore } from 'ignore';

/**
 * Template files (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`) are committed on purpose and hold
 * placeholders, so they are not secret-shaped; every other `.env*` is. Public keys (`*.pub`) are not secrets.
 */
export const SECRET_FILE_PATTERNS: readonly string[] = [
  '*.env',
  '.env',
  '.env.*',
  '!.env.example',
  '!.env.sample',
  '!.env.template',
  '!.env.dist',
  '.envrc',
  '*.pem',
  '*.key',
  '*.p8',
  '*.p12',
  '*.pfx',
  '*.ppk',
  '*.keystore',
  '*.jks',
  'id_rsa*',
  'id_ed25519*',
  'id_ecdsa*',
  'id_dsa*',
  '**/.ssh/*',
  '!*.pub',
  '!**/.ssh/known_hosts*',
  '!**/.ssh/config',
  '.npmrc',
  '.yarnrc.yml',
  '.pypirc',
  '.netrc',
  '_netrc',
  '.git-credentials',
  '.pgpass',
  '.my.cnf',
  '.htpasswd',
  '.dockercfg',
  '**/.docker/config.json',
  '**/.kube/config',
  'kubeconfig',
  'credentials',
  'credentials.json',
  'credentials.y*ml',
  'credentials.toml',
  'credentials.xml',
  '*credentials*.json',
  '*service-account*.json',
  '*service_account*.json',
  'client_secret*.json',
  'secrets.*',
  '*.secrets',
  '*.tfvars',
  '*.tfstate',
  '*.tfstate.backup',
];

let matcher: Ignore | undefined;

/** A path as the matcher takes it: forward slashes, no drive letter or leading slash (an absolute path too). */
export function matchablePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^[a-zA-Z]:/, '').replace(/^\/+/, '').replace(/\/+$/, '');
}

/** The pattern that makes `path` (workspace-relative or absolute) look like a secret, or undefined. */
export function secretShape(path: string): string | undefined {
  const rel = matchablePath(path);
  if (!rel || rel.split('/').includes('..')) return undefined;
  // Built on first use: activation stays free of work.
  matcher ??= ignore({ ignorecase: true }).add(SECRET_FILE_PATTERNS.map((pattern) => ({ pattern, mark: pattern })));
  const result = matcher.test(rel);
  return result.ignored ? (result.rule?.mark ?? result.rule?.pattern) : undefined;
}
