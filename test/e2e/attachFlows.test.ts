// End-to-end: attaching context as a user does it, in the packaged extension in code-server — the paperclip's
// file picker, a file dropped on the composer, the problems of the current file, a pasted image sent to a vision
// model. Each flow leaves a screenshot in test-results/e2e/attach-NN-name.png and checks what the server got.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { e2eEnvironment, startSession, type E2ESession } from './helpers/session';
import { waitFor } from './helpers/workbench';

const env = e2eEnvironment();
const shotsDir = join(process.cwd(), 'test-results', 'e2e');
const FLOW_TIMEOUT = 120_000;
/** A real 1×1 PNG. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('e2e attach: context in, from the composer', { skip: !env }, () => {
  let s: E2ESession;
  let shot = 0;
  const screenshot = async (name: string): Promise<void> => {
    shot += 1;
    await s.wb.screenshot(join(shotsDir, `attach-${String(shot).padStart(2, '0')}-${name}.png`));
  };
  const lastUserContent = (): string => {
    const body = s.server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/chat/completions')).at(-1)?.body as { messages: Array<{ role: string; content: unknown }> } | undefined;
    const content = body?.messages.at(-1)?.content;
    return typeof content === 'string' ? content : JSON.stringify(content ?? '');
  };
  const chip = (name: string) => s.wb.byTestId('attachments').locator('[data-testid="attachment"]', { hasText: name });
  const pickRow = async (text: string): Promise<void> => {
    const row = s.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click();
  };
  const send = async (text: string): Promise<void> => {
    await s.wb.ask(text);
    await s.wb.waitForAssistantStatus(['done']);
  };

  before(async () => {
    mkdirSync(shotsDir, { recursive: true });
    // A loopback server without a key; the vision model answers (it takes images).
    s = await startSession(env!, { requireKey: false, settings: { 'inferenceChat.models': { fixture: 'fixture/vision-model' } } });
    await s.wb.openChat();
  }, { timeout: 180_000 });

  after(async () => {
    await s?.close();
  });

  test('the paperclip attaches a workspace file picked by fuzzy search; its chip shows the size; the server gets the file', { timeout: FLOW_TIMEOUT }, async () => {
    await s.wb.byTestId('attach').click();
    await pickRow('Files…');
    await s.wb.quickInput().fill('sampts');
    await pickRow('sample.ts');
    await chip('src/sample.ts').waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await chip('src/sample.ts').innerText(), /src\/sample\.ts\s*\d+/);
    await screenshot('file-chip');
    await send('What does this file do?');
    assert.ok(lastUserContent().includes('export function fibonacci'), lastUserContent().slice(0, 200));
    await s.wb.byTestId('sent-attachment').filter({ hasText: 'src/sample.ts' }).first().waitFor({ state: 'visible' });
    assert.equal(await s.wb.byTestId('attachment').count(), 0, 'the composer starts empty again');
    await screenshot('file-sent');
  });

  test('a file dropped on the composer (a uri-list, as the explorer drops it) becomes a chip', { timeout: FLOW_TIMEOUT }, async () => {
    const uri = `file://${join(s.workspace, 'src', 'util.py')}`;
    await s.wb.byTestId('chat-input').evaluate((input, list) => {
      const composer = input.closest('.composer')!;
      const data = new DataTransfer();
      data.setData('text/uri-list', list);
      composer.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      composer.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, uri);
    await chip('src/util.py').waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot('dropped');
    await send('Is mean() safe for an empty list?');
    assert.ok(lastUserContent().includes('def mean(values):'));
  });

  test("Problems in the current file: the editor's diagnostics go with the question", { timeout: FLOW_TIMEOUT }, async () => {
    writeFileSync(join(s.workspace, 'broken.json'), '{\n  "name": "demo",\n  "version" 1\n}\n');
    await s.wb.openFile('broken.json');
    await waitFor('the problems chip', async () => {
      if (await chip('Problems: broken.json').isVisible()) return true;
      await s.wb.byTestId('attach').click();
      await pickRow('Problems in the current file');
      return chip('Problems: broken.json').waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false);
    }, 60_000);
    await screenshot('problems-chip');
    await send('Fix these problems');
    assert.match(lastUserContent(), /broken\.json:3:\d+ error: /);
  });

  test('a pasted image is a chip and goes to the vision model as an image_url part', { timeout: FLOW_TIMEOUT }, async () => {
    await s.wb.byTestId('chat-input').evaluate((input, b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'pixel.png', { type: 'image/png' }));
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, PNG_BASE64);
    await chip('pixel.png').waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot('image-chip');
    await send('What colour is this pixel?');
    assert.ok(lastUserContent().includes(`"image_url":{"url":"data:image/png;base64,${PNG_BASE64}"}`), lastUserContent().slice(0, 300));
    await screenshot('image-sent');
  });
});
