// A trusted workspace's system prompt and templates (its .vscode/settings.json) inside a real VS Code: the chat
// shows them where they act — a chip on the composer, on each message sent with them — and opens their text
// read-only; the model got exactly that text.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extensionApi';
import type { FixtureServer } from '../../fixtures/server';
import { waitFor } from '../../helpers/waitFor';
import { fixtureChatSuite } from '../helpers/fixtureChatSuite';
import type { PostRecorder, Posted } from '../helpers/postRecorder';

const KEY = 'workspace-prompt-key-123';
const SYSTEM = 'inferenceChat.systemPrompt';
const EXPLAIN = 'inferenceChat.prompts.explain';
const PIRATE = 'Answer as a pirate. (set by the workspace)';

function chatBodies(server: FixtureServer): Array<{ messages: Array<{ role: string; content: string }> }> {
  return server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/chat/completions')).map((r) => r.body as never);
}

function userMessages(recorder: PostRecorder): Array<Posted<'messageAdded'>['message']> {
  return recorder.messages.filter((m): m is Posted<'messageAdded'> => m.type === 'messageAdded' && m.message.role === 'user').map((m) => m.message);
}

function composerChips(recorder: PostRecorder): string[] | undefined {
  return recorder.messages.filter((m): m is Posted<'workspacePrompts'> => m.type === 'workspacePrompts').at(-1)?.settings;
}

suite('workspace prompts: where a trusted workspace steers the model, the chat shows it', () => {
  let api: ExtensionApi;
  let server: FixtureServer;
  let recorder: PostRecorder;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('inferenceChat');

  const fixture = fixtureChatSuite({ key: KEY });
  setup(() => {
    ({ api, server, recorder } = fixture);
  });

  teardown(async () => {
    await config().update('systemPrompt', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('prompts.explain', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test("the workspace's system prompt: a chip on the composer and on the message, the text the model got, opened read-only", async () => {
    assert.equal(vscode.workspace.isTrusted, true, 'the integration workspace is trusted');
    await config().update('systemPrompt', PIRATE, vscode.ConfigurationTarget.Workspace);
    await waitFor('the composer chip for the workspace system prompt', () => composerChips(recorder)?.includes(SYSTEM), 10_000);

    await api.chat.handleWebviewMessage({ type: 'send', text: 'Where is the treasure?' });
    const [user] = userMessages(recorder);
    assert.deepEqual(user?.workspaceSettings, [SYSTEM], 'the message shows what steered it');
    const body = chatBodies(server).at(-1)!;
    assert.equal(body.messages[0]?.role, 'system');
    assert.equal(body.messages[0]?.content, PIRATE, 'the model got the workspace text');

    await api.chat.handleWebviewMessage({ type: 'openWorkspaceSetting', setting: SYSTEM, messageId: user.id });
    const editor = await waitFor('the read-only editor with the prompt', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.scheme === 'inference-chat-text' ? active : undefined;
    }, 10_000);
    assert.equal(editor.document.getText(), PIRATE);
    assert.match(editor.document.uri.path, new RegExp(`/${SYSTEM.replace('.', '\\.')}$`), 'titled by the setting');
    // Read-only: its file system takes no writes, so VS Code shows the editor locked.
    assert.equal(vscode.workspace.fs.isWritableFileSystem('inference-chat-text'), false, 'a read-only file system');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(editor.document.uri, new TextEncoder().encode('changed'))), 'nothing can write over it');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(editor.document.uri)), PIRATE, 'the text stays as sent');

    await config().update('systemPrompt', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor('the composer chip gone', () => composerChips(recorder)?.length === 0, 10_000);
  });

  test("Explain selection with the workspace's /explain template: the message shows the template, and the text sent is the workspace's", async () => {
    await config().update('prompts.explain', 'WORKSPACE EXPLAIN of ${fileName}:\n\n${code}', vscode.ConfigurationTarget.Workspace);
    await waitFor('the composer chip for the template', () => composerChips(recorder)?.includes(EXPLAIN), 10_000);
    const folder = vscode.workspace.workspaceFolders![0]!;
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'src', 'sample.ts')));
    editor.selection = new vscode.Selection(1, 0, 4, 1);
    await vscode.commands.executeCommand('inferenceChat.explainSelection');

    const user = userMessages(recorder).at(-1);
    assert.deepEqual(user?.workspaceSettings, [EXPLAIN], 'the template, not the (default) system prompt');
    const sent = chatBodies(server).at(-1)!.messages.filter((m) => m.role === 'user').at(-1)!;
    assert.match(sent.content, /^WORKSPACE EXPLAIN of src\/sample\.ts:/);
  });
});
