// Size and activation report of the production build: the size of every bundle in dist/, then the extension host
// bundle's load + activate() time against loading the classic `zod` package alone. Each sample is a fresh Node
// process (activationChild.ts; `vscode` is the stub in vscodeStub.ts, injected in that child only), the two kinds
// alternating; medians are reported, and the last line is the ratio of the two measured medians:
// zod's load ÷ (bundle load + activate()). BENCH_ACTIVATION_SAMPLES sets the number of samples of each (25).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { vscodeApiNames } from './vscodeStub';

const ROOT = path.resolve(__dirname, '../../..');
const DIST = path.join(ROOT, 'dist');
const SAMPLES = Math.max(1, Math.floor(Number(process.env.BENCH_ACTIVATION_SAMPLES ?? 25)) || 25);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;

/** The shipped bundles: the host, the webview script and styles, and the webview's lazy chunks. */
function reportSizes(): number {
  const files = ['extension.js', 'webview.js', 'webview.css'].map((f) => path.join(DIST, f));
  const chunks = path.join(DIST, 'chunks');
  if (fs.existsSync(chunks)) for (const f of fs.readdirSync(chunks).sort()) files.push(path.join(chunks, f));
  const rows = files.map((file) => {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run node esbuild.mjs --production`);
    const data = fs.readFileSync(file);
    return { name: path.relative(ROOT, file), bytes: data.length, gzip: gzipSync(data).length };
  });
  const host = rows[0]!;
  const text = fs.readFileSync(path.join(DIST, 'extension.js'), 'utf8');
  if (text.includes('//# sourceMappingURL=')) throw new Error('dist/extension.js is a development build (it has a source map): run node esbuild.mjs --production');
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log('bundle sizes (production build; gzip for reference):');
  for (const r of rows) console.log(`  ${r.name.padEnd(width)}  ${kb(r.bytes).padStart(9)}  (gzip ${kb(r.gzip)})`);
  const total = rows.reduce((a, r) => a + r.bytes, 0);
  const totalGzip = rows.reduce((a, r) => a + r.gzip, 0);
  console.log(`  ${'total'.padEnd(width)}  ${kb(total).padStart(9)}  (gzip ${kb(totalGzip)})`);
  return host.bytes;
}

interface BundleSample {
  kind: 'bundle';
  loadMs: number;
  activateMs: number;
  registered: { commands: string[]; webviewViewProviders: string[]; languageModelProviders: string[]; statusBarItems: number; outputChannels: string[] };
  noops: string[];
}
interface ZodSample {
  kind: 'zod';
  loadMs: number;
}

let childEnv: NodeJS.ProcessEnv | undefined;

function sample(mode: 'zod' | 'bundle'): BundleSample | ZodSample {
  const child = path.join(__dirname, 'activationChild.js');
  childEnv ??= { ...process.env, BENCH_VSCODE_API_NAMES: JSON.stringify(vscodeApiNames(ROOT)) };
  let out: string;
  try {
    out = execFileSync(process.execPath, [child, mode], { encoding: 'utf8', env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  } catch (err) {
    const e = err as { status?: number; stderr?: string; stdout?: string };
    throw new Error(`activation sample (${mode}) failed with exit code ${String(e.status)}:\n${e.stderr ?? ''}${e.stdout ?? ''}`);
  }
  const line = out.split('\n').find((l) => l.startsWith('ACTIVATION-SAMPLE '));
  if (!line) throw new Error(`activation sample (${mode}) printed no result:\n${out}`);
  return JSON.parse(line.slice('ACTIVATION-SAMPLE '.length)) as BundleSample | ZodSample;
}

export function runActivationBench(): number {
  reportSizes();
  console.log(`activation bench: ${SAMPLES} samples of each, alternating, each in a fresh node process; vscode is a stub`);
  sample('bundle'); // warm the file system cache for both before measuring
  sample('zod');
  const zod: number[] = [];
  const load: number[] = [];
  const activate: number[] = [];
  const both: number[] = [];
  let last: BundleSample | undefined;
  for (let i = 0; i < SAMPLES; i++) {
    const order: Array<'zod' | 'bundle'> = i % 2 ? ['bundle', 'zod'] : ['zod', 'bundle'];
    for (const mode of order) {
      const s = sample(mode);
      if (s.kind === 'zod') zod.push(s.loadMs);
      else {
        load.push(s.loadMs);
        activate.push(s.activateMs);
        both.push(s.loadMs + s.activateMs);
        last = s;
      }
    }
  }
  const r = last!.registered;
  console.log(
    `  activate() registered ${r.commands.length} commands, ${r.webviewViewProviders.length} webview view provider(s), ` +
      `${r.languageModelProviders.length} language model provider(s), ${r.statusBarItems} status bar item(s), ${r.outputChannels.length} output channel(s)`,
  );
  if (last!.noops.length) console.log(`  answered by no-op stubs: ${last!.noops.join(', ')}`);
  const rows: Array<[string, number[]]> = [
    ['load: require(dist/extension.js)', load],
    ['activate(context)', activate],
    ['load + activate()', both],
    ["require('zod'): the classic zod package alone", zod],
  ];
  for (const [label, xs] of rows) console.log(`  median ${label.padEnd(46)} ${median(xs).toFixed(2).padStart(7)} ms   (min ${Math.min(...xs).toFixed(2)})`);
  const ratio = median(zod) / median(both);
  console.log(`activation vs loading zod: ${ratio.toFixed(1)}× faster`);
  return ratio;
}
