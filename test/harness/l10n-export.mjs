// `npm run l10n`: extracts every l10n.t('…') of src/ into l10n/bundle.l10n.json with @vscode/l10n-dev.
//
//   node test/harness/l10n-export.mjs                  writes l10n/bundle.l10n.json
//   node test/harness/l10n-export.mjs --outDir=DIR     writes DIR/bundle.l10n.json (the stale-bundle test uses a temp dir)
//
// Why not `vscode-l10n-dev export ./src` directly: its extractor only reads `l10n.t` calls in files that import
// `l10n` from 'vscode' or '@vscode/l10n'. The pure layers (src/api, src/chat, …) and the webview must not import
// vscode, so they import `l10n` from src/common/l10n.ts or src/webview/pageL10n.ts, which the extractor skips (it prints
// "No strings found"). Here each file's import of one of those two modules is read as an import from 'vscode'
// (in memory only), then the same extractor (getL10nJson) runs over all files. Keys are sorted so the file is stable.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { globSync } from 'glob';
import { getL10nJson } from '@vscode/l10n-dev';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The two modules whose `l10n` is vscode.l10n's stand-in. */
const L10N_MODULES = [join(root, 'src/common/l10n.ts'), join(root, 'src/webview/pageL10n.ts')];

/** `import { l10n } from '../common/l10n'` → `import { l10n } from 'vscode'`, for the extractor's eyes only. */
export function asVscodeImport(file, contents) {
  return contents.replace(/(import\s*\{[^}]*\bl10n\b[^}]*\}\s*from\s*)(['"])(\.[^'"]*)\2/g, (whole, head, quote, spec) => {
    const target = resolve(dirname(file), spec);
    return L10N_MODULES.some((m) => m === target || m === `${target}.ts`) ? `${head}${quote}vscode${quote}` : whole;
  });
}

/** The bundle of src/: English message → English message (or { message, comment }), keys sorted. */
export async function extractBundle(srcDir = join(root, 'src')) {
  const files = globSync('**/*.ts', { cwd: srcDir, absolute: true, nodir: true }).sort();
  const contents = files.map((f) => ({ extension: extname(f), contents: asVscodeImport(f, readFileSync(f, 'utf8')) }));
  const bundle = await getL10nJson(contents);
  return Object.fromEntries(Object.keys(bundle).sort().map((k) => [k, bundle[k]]));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outArg = process.argv.find((a) => a.startsWith('--outDir='));
  const outDir = outArg ? resolve(outArg.slice('--outDir='.length)) : join(root, 'l10n');
  const bundle = await extractBundle();
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, 'bundle.l10n.json');
  writeFileSync(out, `${JSON.stringify(bundle, null, 2)}\n`);
  console.log(`${Object.keys(bundle).length} strings → ${relative(process.cwd(), out) || out}`);
}
