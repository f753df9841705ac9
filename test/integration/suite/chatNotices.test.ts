// A refusal is never silent, inside a real VS Code: a notice posted while the chat view is closed reaches the view
// when it opens (after its state), or — when no view opens — becomes a VS Code notification.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostToWebview } from '../../../src/protocol';
import type { ExtensionApi } from '../../../src/extensionApi';
import type { HeldNotice } from '../../../src/chat/noticeQueue';
import { waitFor } from '../../helpers/waitFor';
import { extensionApi } from '../helpers/fixtureProvider';

/** `/fix` with no selection anywhere is refused with a notice (and nothing is sent). */
async function refusedSlashCommand(api: ExtensionApi): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await api.chat.handleWebviewMessage({ type: 'send', text: '/fix' });
}

suite('chat notices: none is lost while the view is closed', () => {
  let api: ExtensionApi;
  let restore: (() => void) | undefined;
  let subscription: vscode.Disposable | undefined;

  suiteSetup(async () => {
    api = await extensionApi();
  });

  teardown(async () => {
    restore?.();
    subscription?.dispose();
    await api.chat.newChat();
  });

  test('posted while the view is closed: the view gets it after its state when it opens; no notification', async () => {
    const notified: HeldNotice[] = [];
    // Long enough that the view surely opens first: this test is about the view getting it.
    restore = api.chat.useDialogs({ notify: (n) => notified.push(n), noticeGraceMs: 120_000 });
    await api.chat.reveal();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');

    const delivered: HostToWebview[] = [];
    subscription = api.chat.onDidDeliverToView((m) => delivered.push(m));
    await refusedSlashCommand(api);
    await vscode.commands.executeCommand('inferenceChat.chatView.focus');

    const notice = await waitFor('the notice in the reopened view', () =>
      delivered.find((m): m is Extract<HostToWebview, { type: 'notice' }> => m.type === 'notice' && /\/fix works on a selection/.test(m.message)), 20_000);
    assert.equal(notice.level, 'info');
    const stateAt = delivered.findIndex((m) => m.type === 'state');
    assert.ok(stateAt >= 0 && stateAt < delivered.indexOf(notice), 'after the state of the new page');
    assert.deepEqual(notified, [], 'not shown twice');
  });

  test('posted while no view opens: it becomes a VS Code notification', async () => {
    const notified: HeldNotice[] = [];
    restore = api.chat.useDialogs({ notify: (n) => notified.push(n), noticeGraceMs: 50 });
    await api.chat.reveal();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await refusedSlashCommand(api);
    const shown = await waitFor('the notification', () => notified.find((n) => /\/fix works on a selection/.test(n.message)), 10_000);
    assert.equal(shown.level, 'info');
  });
});
