// Takes the walkthrough's step images (media/walkthrough/*.png) from the real UI: the packaged extension in
// code-server, driven in headless Chromium like the e2e flows, talking to the fixture server's Local demo.
// Run it with `node test/harness/walkthrough-media.mjs` (it packages, builds and passes E2E_TOOLS / E2E_VSIX);
// then look at every image before committing it. Nothing leaves 127.0.0.1: the Prime Intellect key prompt is
// only opened and cancelled, never submitted.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { DEMO_MODELS } from '../../fixtures/demoReplies';
import { e2eEnvironment, startSession } from '../helpers/session';
import { waitFor } from '../helpers/workbench';

const outDir = join(process.cwd(), 'media', 'walkthrough');

/** A screenshot of the region around `target` (at least `minWidth` × `minHeight`), kept inside the page. */
async function shotAround(page: Page, target: Locator, file: string, minWidth: number, minHeight: number, pad = 24): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error(`no box for ${file}`);
  const view = page.viewportSize()!;
  const width = Math.min(view.width, Math.max(minWidth, box.width + 2 * pad));
  const height = Math.min(view.height, Math.max(minHeight, box.height + 2 * pad));
  const x = Math.max(0, Math.min(view.width - width, box.x + box.width / 2 - width / 2));
  const y = Math.max(0, Math.min(view.height - height, box.y - pad));
  await page.mouse.move(view.width - 5, view.height / 2); // no hover, no tooltip
  await page.screenshot({ path: join(outDir, file), clip: { x, y, width, height } });
  console.log(`wrote media/walkthrough/${file} (${Math.round(width)}×${Math.round(height)})`);
}

async function main(): Promise<void> {
  const env = e2eEnvironment();
  if (!env) throw new Error('E2E_TOOLS / E2E_VSIX are not set: run node test/harness/walkthrough-media.mjs');
  mkdirSync(outDir, { recursive: true });
  const s = await startSession(env, {
    requireKey: false,
    settings: (url) => ({
      'inferenceChat.customProviders': [{ id: 'localDemo', name: 'Local demo', baseUrl: url }],
      'inferenceChat.provider': 'localDemo',
      'inferenceChat.models': { localDemo: DEMO_MODELS[0].id },
    }),
  });
  const { page, wb } = s;
  const quickInput = page.locator('.quick-input-widget');
  try {
    s.server.setScenario('demo'); // the pace `npm start` has, so the speed under the reply is the real one
    await page.setViewportSize({ width: 1280, height: 800 });

    // 1. Choose a provider: the Switch Provider list.
    await wb.runCommand('Inference Chat: Switch Provider…');
    await wb.quickPickRow('Prime Intellect').waitFor({ state: 'visible' });
    await shotAround(page, quickInput, 'choose-provider.png', 0, 0, 12);

    // 2. Set your API key: Prime Intellect's key prompt (opened, never submitted).
    await wb.quickPickRow('Prime Intellect').click();
    const offer = page.locator('.notifications-toasts .monaco-button', { hasText: 'Set API Key' }).first();
    await offer.click({ timeout: 15_000 });
    await page.locator('.quick-input-widget', { hasText: 'Prime Intellect' }).waitFor({ state: 'visible', timeout: 15_000 });
    await wb.quickInput().fill('pit_example_not_a_real_key_0123456789');
    await shotAround(page, quickInput, 'set-api-key.png', 0, 0, 12);
    await page.keyboard.press('Escape');
    await quickInput.waitFor({ state: 'hidden' });
    await wb.runCommand('Inference Chat: Switch Provider…');
    await wb.quickPickRow('Local demo').click();
    await waitFor('the status bar to show the Local demo', async () => (await wb.statusBarModelPicker().innerText()).includes('Local demo'));

    // 3. Pick a model: the status-bar picker with context lengths and prices.
    await wb.statusBarModelPicker().click();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: DEMO_MODELS[1].id }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await shotAround(page, quickInput, 'pick-model.png', 0, 0, 12);
    await page.keyboard.press('Escape');

    // 4. Ask in the sidebar: a streamed demo answer, in a sidebar dragged wider so the whole answer shows.
    await wb.openChat();
    const sash = (await page.locator('.part.sidebar').boundingBox())!;
    await page.mouse.move(sash.x + sash.width + 1, 400);
    await page.mouse.down();
    await page.mouse.move(640, 400, { steps: 10 });
    await page.mouse.up();
    await wb.ask('Hello! What can you do?');
    await wb.waitForAssistantStatus(['done'], 60_000);
    await wb.lastAssistant().locator('[data-testid="code-block"] [class*="hljs-"]').first().waitFor({ state: 'visible' });
    const sidebar = page.locator('.part.sidebar');
    const side = (await sidebar.boundingBox())!;
    await page.mouse.move(1275, 400);
    await page.screenshot({ path: join(outDir, 'ask-in-sidebar.png'), clip: { x: 0, y: 0, width: Math.round(side.x + side.width + 8), height: 800 } });
    console.log(`wrote media/walkthrough/ask-in-sidebar.png (sidebar ${Math.round(side.width)} px wide)`);

    // 5. Explain a selection: the editor's context menu on a selected function.
    await wb.openFile('sample.ts');
    await wb.selectLines(2, 5);
    await waitFor('the selection', async () => /selected/.test(await wb.selectionStatus()));
    const selected = await wb.activeEditor().locator('.selected-text').first().boundingBox();
    if (!selected) throw new Error('no selection on screen');
    await page.mouse.click(selected.x + 40, selected.y + selected.height / 2, { button: 'right' });
    const item = page.locator('.monaco-menu .action-label', { hasText: 'Explain Selection' }).first();
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    await item.hover();
    const editorLeft = Math.round(side.x + side.width);
    await page.screenshot({ path: join(outDir, 'explain-selection.png'), clip: { x: editorLeft, y: 0, width: 1280 - editorLeft, height: 800 } });
    console.log('wrote media/walkthrough/explain-selection.png');
    await item.click();
    await wb.waitForAssistantStatus(['done'], 60_000);
  } finally {
    await s.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
