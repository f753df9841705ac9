// Checks that the extension as VS Code sees it is whole: present, activates, contributes its view and
// commands, and returns the API the other integration suites drive.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extensionApi';

const EXTENSION_ID = 'infchat.inference-chat';

suite('harness: the extension inside VS Code', () => {
  test('is installed under its fixed id', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    const pkg = ext.packageJSON as { name?: unknown; publisher?: unknown };
    assert.equal(pkg.name, 'inference-chat');
    assert.equal(pkg.publisher, 'infchat');
  });

  test('activates and returns the API (chat, targets)', async () => {
    const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!;
    const api = await ext.activate();
    assert.equal(ext.isActive, true);
    assert.ok(api, 'activate() returned nothing');
    assert.equal(typeof api.chat.ask, 'function');
    assert.equal(typeof api.chat.handleWebviewMessage, 'function');
    assert.equal(typeof api.chat.onDidPostMessage, 'function');
    assert.equal(typeof api.providers.resolve, 'function');
    assert.equal(typeof api.providers.describe, 'function');
    assert.equal(typeof api.log.recentLines, 'function');
  });

  test('contributes the chat view in its own activity-bar container', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { viewsContainers: { activitybar: { id: string }[] }; views: Record<string, { id: string; type?: string }[]> };
    };
    assert.ok(pkg.contributes.viewsContainers.activitybar.some((c) => c.id === 'inferenceChat'));
    const view = pkg.contributes.views.inferenceChat?.find((v) => v.id === 'inferenceChat.chatView');
    assert.ok(view, 'inferenceChat.chatView is not contributed');
    assert.equal(view.type, 'webview');
  });

  test('registers every contributed command', async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } };
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = pkg.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length > 5);
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  test('the chat view opens through its focus command', async () => {
    await vscode.commands.executeCommand('inferenceChat.chatView.focus');
    // The view's own focus command exists once VS Code knows the webview view.
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(registered.has('inferenceChat.chatView.focus'));
  });
});
