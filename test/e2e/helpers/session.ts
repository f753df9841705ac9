// One end-to-end session: the loopback fixture server, the packaged .vsix installed into a fresh
// code-server profile, headless Chromium with a fresh browser profile, and a page on the workbench.
// test/harness/run-e2e.mjs passes the tools and the .vsix through E2E_TOOLS and E2E_VSIX.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import {
  CHROMIUM_ARGS, installVsix, makeTempDir, makeWorkspace, removeDir, startCodeServer, writeUserSettings,
  type RunningCodeServer, type Tools,
} from '../../harness/lib/code-server.mjs';
import { trustFoldersScript } from '../../harness/lib/workspace-trust.mjs';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server';
import { Workbench } from './workbench';

export interface E2ESession {
  server: FixtureServer;
  codeServer: RunningCodeServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  wb: Workbench;
  apiKey: string;
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
  /** Dialogs (alert/confirm/prompt) any frame opened; a hostile reply must never open one. */
  dialogs: string[];
  close(): Promise<void>;
}

export function e2eEnvironment(): { tools: Tools; vsix: string } | undefined {
  const toolsJson = process.env.E2E_TOOLS;
  const vsix = process.env.E2E_VSIX;
  if (!toolsJson || !vsix) return undefined;
  return { tools: JSON.parse(toolsJson) as Tools, vsix };
}

/** Every file under `dir` whose content contains `needle` (for "the key is nowhere else"). */
export function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (d: string): void => {
    let entries: string[];
    try { entries = readdirSync(d); } catch { return; }
    for (const name of entries) {
      const p = join(d, name);
      let st;
      try { st = statSync(p); } catch { continue; }
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && st.size < 50_000_000 && readFileSync(p).includes(needle)) hits.push(p);
    }
  };
  walk(dir);
  return hits;
}

/** Packages a manifest-only extension folder with vsce into `outDir`; returns the .vsix path. */
function packageFolder(dir: string, outDir: string): string {
  const vsix = join(outDir, `${basename(dir)}.vsix`);
  execFileSync(process.execPath, [join(process.cwd(), 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return vsix;
}

/**
 * Writes `<user-data-dir>/languagepacks.json` for the installed extensions that contribute `localizations`: the
 * server resolves `--locale` through that file, and `code-server --install-extension` does not write it (a
 * language pack installed from the running workbench would). Without it, `--locale de` falls back to English.
 */
function registerLanguagePacks(userDataDir: string, extensionsDir: string): void {
  const packs: Record<string, unknown> = {};
  for (const folder of readdirSync(extensionsDir)) {
    const manifestFile = join(extensionsDir, folder, 'package.json');
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      name: string; publisher: string; version: string;
      contributes?: { localizations?: Array<{ languageId: string; localizedLanguageName?: string; translations: Array<{ id: string; path: string }> }> };
    };
    for (const loc of manifest.contributes?.localizations ?? []) {
      packs[loc.languageId] = {
        hash: `${manifest.version.replace(/\W/g, '')}${loc.languageId}`,
        extensions: [{ extensionIdentifier: { id: `${manifest.publisher}.${manifest.name}` }, version: manifest.version }],
        translations: Object.fromEntries(loc.translations.map((t) => [t.id, join(extensionsDir, folder, t.path)])),
        label: loc.localizedLanguageName ?? loc.languageId,
      };
    }
  }
  if (Object.keys(packs).length > 0) writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
}

/** Sessions not yet closed: when node's file deadline stops this file (SIGTERM), they are closed first, as code-server
 * runs in a process group of its own and would outlive the file. */
const openSessions = new Set<() => Promise<void>>();
let terminateHandler = false;
function closeOnTerminate(close: () => Promise<void>): void {
  if (!terminateHandler) {
    terminateHandler = true;
    process.once('SIGTERM', () => {
      void Promise.allSettled([...openSessions].map((c) => c())).finally(() => process.exit(1));
    });
  }
  openSessions.add(close);
}

/**
 * `options.extensions`: folders of manifest-only extensions installed too (test/e2e/language-pack-de).
 * `options.locale`: code-server's display language (`--locale`), e.g. 'de'.
 * `options.settings` go over the default user settings (the fixture provider, selected); a value `undefined`
 * leaves that setting unset; a function gets the fixture server's URL. `options.requireKey: false`: the fixture
 * server takes requests without a key.
 */
export async function startSession(
  env: { tools: Tools; vsix: string },
  options: {
    settings?: Record<string, unknown> | ((serverUrl: string) => Record<string, unknown>);
    requireKey?: boolean;
    locale?: string;
    /** Manifest-only extensions (folders) to package and install beside the .vsix, e.g. a language pack. */
    extensions?: string[];
  } = {},
): Promise<E2ESession> {
  const cleanups: (() => unknown)[] = []; // each may return a promise; close() awaits it
  const close = async (): Promise<void> => {
    openSessions.delete(close);
    for (const fn of cleanups.reverse()) {
      try { await fn(); } catch (err) { console.error(`[e2e cleanup] ${String(err)}`); }
    }
    cleanups.length = 0;
  };
  closeOnTerminate(close);
  try {
    const apiKey = `sk-e2e-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
    const server = await startFixtureServer(options.requireKey === false ? {} : { apiKey });
    cleanups.push(() => server.close());

    const userDataDir = makeTempDir('infchat-e2e-user-');
    const extensionsDir = makeTempDir('infchat-e2e-ext-');
    const workspace = makeWorkspace();
    cleanups.push(() => { removeDir(userDataDir); removeDir(extensionsDir); removeDir(workspace); });

    installVsix(env.tools, { vsix: env.vsix, userDataDir, extensionsDir });
    for (const dir of options.extensions ?? []) {
      installVsix(env.tools, { vsix: packageFolder(dir, userDataDir), userDataDir, extensionsDir });
    }
    registerLanguagePacks(userDataDir, extensionsDir);
    writeUserSettings(userDataDir, {
      'inferenceChat.customProviders': [{ id: 'fixture', name: 'Fixture', baseUrl: server.url, defaultModel: 'fixture-model' }],
      'inferenceChat.provider': 'fixture',
      ...(typeof options.settings === 'function' ? options.settings(server.url) : options.settings),
    });

    const codeServer = await startCodeServer(env.tools, { userDataDir, extensionsDir, workspace, ...(options.locale ? { locale: options.locale } : {}) });
    cleanups.push(() => codeServer.stop());

    const browser = await chromium.launch({ executablePath: env.tools.chromium, headless: true, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: codeServer.url });
    // Workspace trust is on; the test workspace is trusted in this browser, as a user who clicked Trust would have.
    await context.addInitScript({ content: trustFoldersScript([workspace]) });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss(); });

    await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(workspace)}`);
    const wb = new Workbench(page);
    await wb.waitForWorkbench();
    return { server, codeServer, browser, context, page, wb, apiKey, userDataDir, extensionsDir, workspace, dialogs, close };
  } catch (err) {
    await close();
    throw err;
  }
}
