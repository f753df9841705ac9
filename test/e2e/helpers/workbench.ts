// Drives the real VS Code workbench (code-server in headless Chromium) the way a user does: activity
// bar, command palette, quick input, editors, context menus, the status bar and the chat webview.
// Every wait is on a condition; nothing sleeps for a fixed time.
import type { FrameLocator, Locator, Page } from 'playwright-core';

export const EXTENSION_ID = 'infchat.inference-chat';
const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

import { waitFor } from '../../helpers/waitFor';

export { waitFor };

export class Workbench {
  constructor(readonly page: Page) {}

  /** The chat webview's inner document (two nested iframes). */
  get chat(): FrameLocator {
    return this.page
      .frameLocator(`iframe.webview[src*="extensionId=${EXTENSION_ID}"]`)
      .frameLocator('iframe#active-frame');
  }

  byTestId(id: string): Locator {
    return this.chat.locator(`[data-testid="${id}"]`);
  }

  async waitForWorkbench(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // The extension's activity-bar icon appears once the extension is registered: only then does F1 know its commands.
    await this.activityBarIcon().waitFor({ state: 'visible', timeout: 60_000 });
  }

  activityBarIcon(): Locator {
    return this.page.locator('.activitybar .action-item a[aria-label^="Inference Chat"], .activitybar .action-item[aria-label^="Inference Chat"]').first();
  }

  /**
   * Opens the sidebar chat and waits for its webview document to render and for the host's first state: the heading
   * is empty until then, and that state closes the history panel and sets the draft, so acting earlier races it.
   */
  async openChat(): Promise<void> {
    await waitFor('the chat webview', async () => {
      if ((await this.chat.locator('[data-testid="chat-input"]').count()) > 0
        && (await this.chat.locator('[data-testid="chat-input"]').isVisible())) return true;
      // The activity-bar item is "checked" while its container is showing; clicking a checked one would hide it.
      const checked = await this.page.locator('.activitybar li.action-item.checked', { has: this.activityBarIcon() }).count()
        + await this.page.locator('.activitybar li.action-item.checked[aria-label^="Inference Chat"]').count();
      if (!checked) await this.activityBarIcon().click({ timeout: 5000 }).catch(() => undefined);
      return false;
    }, 60_000);
    await waitFor("the chat's first state from the host", async () => ((await this.chat.locator('.conversation-heading').textContent()) ?? '').trim() !== '');
  }

  /**
   * Starts a new chat with the view's New chat button and waits until the view shows it (empty): until the host's
   * state for it arrives the old conversation is on screen, and `ask` would count its replies as the ones before.
   */
  async newChat(): Promise<void> {
    await this.byTestId('new-chat').click();
    await waitFor('the new, empty chat', async () => (await this.messages().count()) === 0);
  }

  /** Runs a command by its palette title, retrying while the palette does not know it yet. */
  async runCommand(title: string): Promise<void> {
    await waitFor(`command "${title}" in the palette`, async () => {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('F1');
      const input = this.quickInput();
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(`>${title}`);
      // Click the row labelled exactly `title`: Enter would run the focused row, which can be a longer
      // command that merely contains the title ("Browse Color Themes…" before "Color Theme").
      const row = this.quickPickRow(title);
      const found = await row.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false);
      if (!found) return false; // "No matching commands": the palette opened before the extension registered it
      await row.click();
      return true;
    }, 60_000);
  }

  /** The quick-pick row whose label is exactly `label`. */
  quickPickRow(label: string): Locator {
    const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    return this.page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exact }) })
      .first();
  }

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  /**
   * Types into the open input box / quick pick and presses Enter in it. If the box stays open, the error says what
   * it shows and where the keyboard is (the key itself is never printed).
   */
  async answerInputBox(text: string, titleContains?: string): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    if (titleContains) {
      await widget.filter({ hasText: titleContains }).waitFor({ state: 'visible', timeout: 15_000 });
    }
    const input = this.quickInput();
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(text);
    await input.press('Enter');
    try {
      await widget.waitFor({ state: 'hidden', timeout: 15_000 });
    } catch {
      const state = await this.page.evaluate(() => {
        const box = document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input');
        const active = document.activeElement;
        return {
          typed: box?.value.length ?? -1,
          message: document.querySelector('.quick-input-widget .quick-input-message')?.textContent ?? '',
          focus: active === box ? 'the input box' : `<${active?.tagName.toLowerCase()} class="${String(active?.className ?? '')}">`,
        };
      }).catch((err: unknown) => ({ typed: -1, message: '', focus: `unknown (${String(err)})` }));
      throw new Error(`The input box${titleContains ? ` "${titleContains}"` : ''} stayed open after Enter: it holds ${state.typed} of ${text.length} typed characters, says "${state.message}", and the focus is on ${state.focus}`);
    }
  }

  /** Opens a workspace file through Quick Open and waits for its editor. */
  async openFile(name: string): Promise<Locator> {
    await waitFor(`quick open of ${name}`, async () => {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press(`${MOD}+P`);
      await this.quickInput().waitFor({ state: 'visible', timeout: 5000 });
      await this.quickInput().fill(name);
      const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
      if (!(await row.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false))) return false;
      await this.page.keyboard.press('Enter');
      return true;
    });
    const tab = this.page.locator('.tabs-container .tab', { hasText: name });
    await tab.first().waitFor({ state: 'visible', timeout: 15_000 });
    const editor = this.activeEditor();
    await editor.waitFor({ state: 'visible', timeout: 15_000 });
    return editor;
  }

  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** The active editor's visible text, with Monaco's non-breaking spaces made plain. */
  async editorText(): Promise<string> {
    const text = await this.activeEditor().locator('.view-lines').innerText();
    return text.replace(/\u00a0/g, ' ');
  }

  /** Selects whole lines `from`..`to` (1-based) of the active editor with the mouse, as a user does. */
  async selectLines(from: number, to: number): Promise<void> {
    const lineAt = (n: number): Locator => this.activeEditor().locator('.margin-view-overlays .line-numbers', { hasText: new RegExp(`^${n}$`) });
    await lineAt(from).click();
    await lineAt(to).click({ modifiers: ['Shift'] });
  }

  /** The active editor's status-bar selection text, e.g. "Ln 5, Col 2 (85 selected)". */
  async selectionStatus(): Promise<string> {
    return this.page.locator('.statusbar-item[id="status.editor.selection"]').innerText();
  }

  /**
   * Right-clicks the editor and chooses a context-menu entry (also inside an "Inference Chat" submenu). `lines`: the
   * selection the entry acts on, selected again if a round lost it (a click that landed off it moves the cursor).
   */
  async editorContextMenu(label: string, lines?: readonly [number, number]): Promise<void> {
    /** What each round saw, for the error: CI keeps only the output. */
    const rounds: string[] = [];
    const round = async (): Promise<boolean> => {
      const menus = this.page.locator('.monaco-menu');
      // Escape only closes a menu left open: in the editor it would drop the selection.
      if (await menus.first().isVisible()) await this.page.keyboard.press('Escape');
      // Right-click on text inside the selection: a click outside it would move the cursor and drop the selection.
      // (The highlight sits under the text layer, so click its coordinates rather than the element.)
      const box = await this.activeEditor().locator('.selected-text').first().boundingBox();
      if (!box) {
        rounds.push('no selection: selected the lines again');
        if (lines) await this.selectLines(lines[0], lines[1]);
        return false;
      }
      await this.page.mouse.click(box.x + Math.min(40, box.width / 2), box.y + box.height / 2, { button: 'right' });
      // Only the menu that shows: one closed a moment ago may still be in the page.
      const menu = menus.filter({ visible: true }).last();
      await menu.waitFor({ state: 'visible', timeout: 5000 });
      const item = menu.locator('.action-label', { hasText: label }).first();
      if (!(await item.isVisible())) {
        const submenu = menu.locator('.action-label', { hasText: 'Inference Chat' }).first();
        if (await submenu.isVisible()) await submenu.hover();
        const inSubmenu = menus.filter({ visible: true }).locator('.action-label', { hasText: label }).first();
        if (!(await inSubmenu.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false))) {
          rounds.push(`no visible "${label}" in the menu`);
          return false;
        }
        return this.runMenuItem(inSubmenu, rounds);
      }
      return this.runMenuItem(item, rounds);
    };
    try {
      await waitFor(`context-menu item "${label}"`, round);
    } catch (err) {
      const menuItems = await this.page.locator('.monaco-menu .action-label').allInnerTexts().catch(() => []);
      const selection = await this.selectionStatus().catch(String);
      const selected = await this.activeEditor().locator('.selected-text').count().catch(() => -1);
      const menusInPage = await this.page.locator('.monaco-menu').count().catch(() => -1);
      await this.page.screenshot({ path: 'test-results/e2e/context-menu-failure.png' }).catch(() => undefined);
      throw new Error(`${(err as Error).message}\n${JSON.stringify({ rounds: rounds.slice(-8), selection, selectedTextElements: selected, menusInPage, menuItems: menuItems.slice(0, 40) })}`);
    }
  }

  /**
   * Runs a menu item as a user can: hovered (which focuses it), then Enter. Not a click: VS Code's menu items take a
   * mouse-up only from 100 ms after they appear (so the right-click's own mouse-up runs nothing), and a quick click
   * lands before that and runs nothing (the item highlighted, the menu open: seen in CI and here). A run action closes
   * the menu; if it stayed open nothing ran, and the next round opens it again. An action that ran is never run twice.
   */
  private async runMenuItem(item: Locator, rounds: string[]): Promise<boolean> {
    try {
      await item.hover({ timeout: 5000 });
      const entry = item.locator('xpath=ancestor::li[contains(@class, "action-item")][1]');
      await waitFor('the menu item focused', async () => /\bfocused\b/.test((await entry.getAttribute('class', { timeout: 2000 })) ?? ''), 3000);
      await this.page.keyboard.press('Enter');
    } catch (err) {
      rounds.push(`could not run it: ${String(err).split('\n')[0]}`);
      return false;
    }
    const closed = await item.waitFor({ state: 'hidden', timeout: 3000 }).then(() => true, () => false);
    if (!closed) rounds.push('Enter on the focused item; the menu stayed open');
    return closed;
  }

  statusBarModelPicker(): Locator {
    return this.page.locator('.statusbar-item[id*="modelPicker"], .statusbar-item:has([aria-label*="Inference Chat"])').first();
  }

  /** Messages in the chat, optionally of one role. */
  messages(role?: 'user' | 'assistant'): Locator {
    return this.chat.locator(role ? `[data-testid="message"][data-role="${role}"]` : '[data-testid="message"]');
  }

  lastAssistant(): Locator {
    return this.messages('assistant').last();
  }

  async assistantCount(): Promise<number> {
    return this.messages('assistant').count();
  }

  /**
   * Types a question into the chat input, sends it with Enter and waits for its reply's message to appear,
   * so later waits look at the new reply and never at the previous (already finished) one.
   */
  async ask(question: string): Promise<void> {
    const before = await this.assistantCount();
    const input = this.byTestId('chat-input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(question);
    // Enter while the composer is busy (Stop shown instead of Send) is ignored: wait until it takes a send.
    await this.byTestId('send').waitFor({ state: 'visible', timeout: 15_000 });
    await input.press('Enter');
    await waitFor('the reply to appear', async () => (await this.assistantCount()) > before);
  }

  /** Waits for the last assistant message to reach one of the statuses; returns the status. */
  async waitForAssistantStatus(statuses: string[], timeoutMs = 30_000): Promise<string> {
    return waitFor(`an assistant message with status ${statuses.join('|')}`, async () => {
      const status = await this.lastAssistant().getAttribute('data-status', { timeout: 1000 });
      return status && statuses.includes(status) ? status : undefined;
    }, timeoutMs);
  }

  async lastAssistantText(): Promise<string> {
    return this.lastAssistant().locator('[data-testid="message-content"]').innerText({ timeout: 5000 });
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file });
  }
}
