// The extension in another display language: code-server started with `--locale de` (no German language pack, so
// VS Code's own strings stay English). The extension's manifest strings (package.nls.de.json: command titles in
// the palette), its host strings (l10n/bundle.l10n.de.json: a notification, the status bar) and its webview's
// strings (the same bundle, passed in the page: the composer's placeholder and buttons) must be German.
// Screenshot: test-results/e2e/l10n-de.png.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { e2eEnvironment, startSession, type E2ESession } from './helpers/session';
import { waitFor } from './helpers/workbench';

const env = e2eEnvironment();
const shotsDir = join(process.cwd(), 'test-results', 'e2e');
const nls = JSON.parse(readFileSync('package.nls.de.json', 'utf8')) as Record<string, string>;
const bundle = JSON.parse(readFileSync('l10n/bundle.l10n.de.json', 'utf8')) as Record<string, string>;
const de = (english: string): string => {
  const text = bundle[english];
  assert.ok(text, `the German bundle has ${JSON.stringify(english)}`);
  return text;
};

describe('e2e: the extension in German (code-server --locale de)', { skip: !env }, () => {
  let s: E2ESession;

  before(async () => {
    mkdirSync(shotsDir, { recursive: true });
    // The fixture server on this machine takes requests without a key: the chat opens on its composer.
    // Without a language pack code-server resolves --locale de to English: a manifest-only one declares German.
    s = await startSession(env!, { locale: 'de', requireKey: false, extensions: [join(process.cwd(), 'test', 'e2e', 'language-pack-de')] });
  }, { timeout: 180_000 });
  after(async () => {
    if (s) {
      await s.page.screenshot({ path: join(shotsDir, 'l10n-de-final.png') }).catch(() => undefined);
      await s.close();
    }
  });

  test('palette, chat view, a host message and the status bar speak German', { timeout: 240_000 }, async () => {
    const { page, wb } = s;
    // The manifest: the palette lists the commands with their German titles under the (product-name) category.
    const title = `${nls['command.category']}: ${nls['command.newChat.title']}`;
    assert.equal(title, 'Inference Chat: Neuer Chat');
    await wb.runCommand(`${nls['command.category']}: ${nls['command.focusChat.title']}`); // "Inference Chat: Chat öffnen"
    await wb.openChat();

    // The webview: the composer's placeholder and its buttons, from the bundle the host passed in the page.
    const input = wb.byTestId('chat-input');
    await waitFor('the German placeholder', async () => (await input.getAttribute('placeholder')) === de('Ask anything… (Shift+Enter for a new line)'));
    assert.equal(await input.getAttribute('placeholder'), 'Fragen Sie etwas… (Umschalt+Eingabe für eine neue Zeile)');
    assert.equal(await wb.chat.locator('button[aria-label="Senden (Eingabe)"]').count(), 1, 'the send button is German');
    assert.equal(await wb.chat.locator(`[title="${de('New chat')}"], [aria-label="${de('New chat')}"]`).count() > 0, true, 'the header is German');

    // A streamed reply: the meta line under it is German too ("… Token").
    await wb.ask('Hallo!');
    await wb.waitForAssistantStatus(['done']);
    await waitFor('the German meta line', async () => / Token\b/.test(await wb.lastAssistant().innerText()));

    // The host: a notification ("Clear API Key" on the fixture provider, which needs no key anyway).
    await page.keyboard.press('Escape');
    await wb.runCommand(`${nls['command.category']}: ${nls['command.clearApiKey.title']}`); // "… API-Schlüssel löschen"
    const removed = de('Inference Chat: API key for {0} removed.').replace('{0}', 'Fixture');
    assert.equal(removed, 'Inference Chat: API-Schlüssel für Fixture entfernt.');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: removed });
    await toast.first().waitFor({ state: 'visible', timeout: 15_000 });

    // The host's status bar item (the fixture's model was picked by default, or it asks for one).
    const status = await wb.statusBarModelPicker().getAttribute('aria-label') ?? '';
    assert.ok(!/Pick a model|Set API key|Click to change the model/.test(status), `status bar not English: ${status}`);

    // The palette once more, open on the German titles, for the screenshot next to the chat and the toast.
    await page.keyboard.press('F1');
    // Filtered to "Inference Chat: Neu…": the whole category is longer than the list shows (rows below are not drawn).
    await wb.quickInput().fill(`>${title.slice(0, title.indexOf(':') + 5)}`);
    await wb.quickPickRow(title).waitFor({ state: 'visible', timeout: 15_000 });
    await page.screenshot({ path: join(shotsDir, 'l10n-de.png') });
    await page.keyboard.press('Escape');
  });
});
