// Part 3 of the completion benchmark: does ending a request early cost the next one a new connection, where the
// server keeps connections alive? Counted at the server (which connection each request came on), over plain HTTP and
// over TLS on loopback. The certificate is made here (selfSignedCert.ts) and written to a temporary file that the
// child process (completionConnChild.ts) trusts through NODE_EXTRA_CA_CERTS.
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CaseName, CaseResult, ConnResult } from './completionConnChild';
import { median, within } from './completionStats';

const tenths = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');
import { selfSignedCert } from './selfSignedCert';

export async function runConnectionBench(): Promise<Record<'http' | 'tls', Record<CaseName, CaseResult>>> {
  const tls = selfSignedCert();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inference-chat-bench-tls-'));
  const caFile = path.join(dir, 'loopback-cert.pem');
  fs.writeFileSync(caFile, tls.certPem);
  const child = fork(path.join(__dirname, 'completionConnChild.js'), [], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let message: ConnResult;
  try {
    message = await within(
      new Promise<ConnResult>((resolve, reject) => {
        child.once('message', (m: ConnResult) => resolve(m));
        child.once('error', reject);
        child.once('exit', (code) => reject(new Error(`connection bench child exited (${String(code)})`)));
        child.send(tls);
      }),
      30_000,
      'the connection part',
    );
  } finally {
    if (child.connected) child.disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (message.type === 'error') throw new Error(`connection bench: ${message.message}`);
  const { results } = message;

  const names = Object.keys(results.http) as CaseName[];
  const w = Math.max(...names.map((n) => n.length));
  const cell = (r: CaseResult): string => `${r.opened} new connections for ${r.requests} requests`.padEnd(36);
  console.log('3. connections after a request is ended early (server: keep-alive 30 s; per case, after one warm-up request: 5 rounds of [the case, then a normal request])');
  console.log(`   ${'case'.padEnd(w)}  ${'plain HTTP'.padEnd(36)}  TLS (self-signed, trusted via NODE_EXTRA_CA_CERTS)`);
  for (const name of names) console.log(`   ${name.padEnd(w)}  ${cell(results.http[name])}  ${cell(results.tls[name])}`);
  for (const protocol of ['http', 'tls'] as const) {
    const all = Object.values(results[protocol]);
    const reused = all.flatMap((r) => r.reusedMs);
    const fresh = all.flatMap((r) => r.newMs);
    console.log(
      `   ${protocol === 'http' ? 'HTTP' : 'TLS '}: the normal request's first token (20 ms service time), median: ${tenths(median(reused))} on a kept connection (${reused.length}×), ` +
        `${tenths(median(fresh))} on a new one (${fresh.length}×)`,
    );
  }
  return results;
}
