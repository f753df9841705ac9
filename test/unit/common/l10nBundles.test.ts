// The shipped translations are complete and current: the manifest's (package.nls.json and one
// package.nls.<language>.json per language) and the code's (l10n/bundle.l10n.json, extracted from src/ by
// `npm run l10n`, and one l10n/bundle.l10n.<language>.json per language). A key missing or left over in any
// language fails, a translation that drops a {0}, a `code span`, a link target or a $(codicon) fails, and so does a
// committed bundle that differs from what the extractor makes of src/ now.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNls } from '../helpers/manifest';

/** The display languages shipped besides English (VS Code's locale ids). README "Languages" says how to add one. */
export const SHIPPED_LANGUAGES = ['de', 'es', 'fr', 'ja', 'zh-cn'];

type BundleEntry = string | { message: string; comment?: string[] };
type Bundle = Record<string, BundleEntry>;

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const text = (e: BundleEntry): string => (typeof e === 'string' ? e : e.message);

/** What a translation must carry over unchanged: placeholders, code spans, link targets, codicons, setting links. */
export function invariants(s: string): string[] {
  const found = [
    ...s.match(/\{\d+\}/g) ?? [],
    ...s.match(/`[^`]+`/g) ?? [],
    ...[...s.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => `link:${m[1]}`),
    ...s.match(/\$\([\w~-]+\)/g) ?? [],
    ...s.match(/\$\{\w+\}/g) ?? [],
  ];
  return found.sort();
}

/** Problems of one language's file against the English one (empty: fine). */
export function compareTranslation(english: Record<string, string>, translated: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(english)) {
    if (!(key in translated)) problems.push(`missing: ${JSON.stringify(key)}`);
    else if (!translated[key]!.trim()) problems.push(`empty: ${JSON.stringify(key)}`);
    else {
      const want = invariants(english[key]!);
      const got = invariants(translated[key]!);
      if (JSON.stringify(want) !== JSON.stringify(got)) {
        problems.push(`${JSON.stringify(key)}: keeps ${JSON.stringify(want)}, has ${JSON.stringify(got)}`);
      }
    }
  }
  for (const key of Object.keys(translated)) if (!(key in english)) problems.push(`stale: ${JSON.stringify(key)}`);
  // A copied English file would pass the checks above: most strings must actually be translated.
  const same = Object.keys(english).filter((k) => translated[k] === english[k]).length;
  if (same > Object.keys(english).length * 0.25) problems.push(`${same} of ${Object.keys(english).length} strings are still English`);
  return problems;
}

const languagesOf = (dir: string, pattern: RegExp): string[] =>
  readdirSync(dir).map((f) => pattern.exec(f)?.[1]).filter((l): l is string => !!l).sort();

test('every %key% of package.json is in package.nls.json, and every key there is used', () => {
  const manifest = readFileSync('package.json', 'utf8');
  const used = new Set([...manifest.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]!));
  const nls = readNls();
  for (const key of used) assert.ok(key in nls, `package.json uses %${key}% but package.nls.json has no such key`);
  for (const key of Object.keys(nls)) assert.ok(used.has(key), `package.nls.json: ${key} is not used in package.json`);
  assert.ok(used.size > 50, `${used.size} manifest strings`);
});

test('the manifest texts are all placeholders: command titles, settings, walkthrough, views', () => {
  const pkg = readJson<{ contributes: { commands: Array<{ title: string; category?: string }>; configuration: Array<{ title: string; properties: Record<string, { description?: string; markdownDescription?: string }> }> } }>('package.json');
  const isKey = (s: string | undefined) => s === undefined || /^%[^%]+%$/.test(s);
  for (const c of pkg.contributes.commands) assert.ok(isKey(c.title) && isKey(c.category), `command ${c.title} / ${c.category}`);
  for (const section of pkg.contributes.configuration) {
    assert.ok(isKey(section.title), section.title);
    for (const [id, p] of Object.entries(section.properties)) assert.ok(isKey(p.description) && isKey(p.markdownDescription), id);
  }
});

test('the shipped languages: one package.nls.<language>.json and one l10n/bundle.l10n.<language>.json each', () => {
  assert.deepEqual(languagesOf('.', /^package\.nls\.(.+)\.json$/), SHIPPED_LANGUAGES);
  assert.deepEqual(languagesOf('l10n', /^bundle\.l10n\.(.+)\.json$/), SHIPPED_LANGUAGES);
  assert.equal(readJson<{ l10n?: string }>('package.json').l10n, './l10n');
});

for (const language of SHIPPED_LANGUAGES) {
  test(`package.nls.${language}.json has every key of package.nls.json, with its placeholders, and no other`, () => {
    assert.deepEqual(compareTranslation(readNls(), readNls(language)), []);
  });

  test(`l10n/bundle.l10n.${language}.json has every string of the bundle, with its placeholders, and no other`, () => {
    const english = readJson<Bundle>('l10n/bundle.l10n.json');
    const translated = readJson<Record<string, string>>(`l10n/bundle.l10n.${language}.json`);
    const englishTexts = Object.fromEntries(Object.entries(english).map(([k, v]) => [k, text(v)]));
    assert.deepEqual(compareTranslation(englishTexts, translated), []);
  });
}

test('l10n/bundle.l10n.json is what `npm run l10n` extracts from src/ now (re-run it after changing a string)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'l10n-export-'));
  try {
    execFileSync(process.execPath, ['test/harness/l10n-export.mjs', `--outDir=${dir}`], { stdio: 'pipe' });
    const fresh = readFileSync(join(dir, 'bundle.l10n.json'), 'utf8');
    const committed = readFileSync('l10n/bundle.l10n.json', 'utf8');
    const added = Object.keys(JSON.parse(fresh) as Bundle).filter((k) => !(k in (JSON.parse(committed) as Bundle)));
    const removed = Object.keys(JSON.parse(committed) as Bundle).filter((k) => !(k in (JSON.parse(fresh) as Bundle)));
    assert.equal(committed, fresh, `stale l10n/bundle.l10n.json: run npm run l10n. New: ${JSON.stringify(added)}; gone: ${JSON.stringify(removed)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the checks can fail: a missing key, a dropped placeholder, a stale key, an untranslated file', () => {
  const english = { a: 'Hello {0}', b: 'Run `npm test`', c: 'See [the docs](https://example.com)', d: 'Plain', e: 'More' };
  const good = { a: 'Hallo {0}', b: '`npm test` ausführen', c: 'Siehe [die Doku](https://example.com)', d: 'Schlicht', e: 'Mehr' };
  assert.deepEqual(compareTranslation(english, good), []);
  const bad = { a: 'Hallo', c: 'Siehe [die Doku](https://example.org)', d: 'Schlicht', e: 'Mehr', z: 'alt' };
  const problems = compareTranslation(english, bad).join('\n');
  assert.match(problems, /"a": keeps \["\{0\}"\]/);
  assert.match(problems, /missing: "b"/);
  assert.match(problems, /"c": keeps/);
  assert.match(problems, /stale: "z"/);
  assert.match(compareTranslation(english, english).join('\n'), /5 of 5 strings are still English/);
});
