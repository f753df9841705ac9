// Selection commands: Explain selection sends the selected code with its file name and line range.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server';
import { configureFixtureProvider, resetProviders } from '../helpers/fixtureProvider';

interface ChatBody {
  messages: Array<{ role: string; content: string }>;
}

function chatBodies(server: FixtureServer): ChatBody[] {
  return server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/chat/completions')).map((r) => r.body as ChatBody);
}

async function openSample(): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration run opens a workspace folder');
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'src', 'sample.ts'));
  return vscode.window.showTextDocument(doc);
}

suite('commands: selection commands and contributions', () => {
  let server: FixtureServer;

  suiteSetup(async () => {
    server = await startFixtureServer({ apiKey: 'cmd-test-key-123456' });
    await configureFixtureProvider(server.url, 'cmd-test-key-123456');
  });
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('inferenceChat').update('selection.maxChars', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetProviders();
    await server.close();
  });

  test('every contributed command is registered', async () => {
    const pkg = vscode.extensions.getExtension('infchat.inference-chat')!.packageJSON as { contributes: { commands: { command: string }[] } };
    await vscode.extensions.getExtension('infchat.inference-chat')!.activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = pkg.contributes.commands.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
  });

  test('Explain selection sends the selected code with file name, language and line range', async () => {
    const editor = await openSample();
    // Lines 2–5 (1-based): the fibonacci function.
    editor.selection = new vscode.Selection(1, 0, 4, 1);
    const before = chatBodies(server).length;
    await vscode.commands.executeCommand('inferenceChat.explainSelection');
    const body = chatBodies(server)[before];
    assert.ok(body, 'no chat request reached the server');
    const user = body.messages.filter((m) => m.role === 'user').pop();
    assert.ok(user, 'no user message');
    assert.match(user.content, /typescript code from `src\/sample\.ts` \(lines 2–5\)/);
    assert.ok(user.content.includes('export function fibonacci(n: number): number {'), 'the selected code is missing');
    assert.ok(user.content.includes('return fibonacci(n - 1) + fibonacci(n - 2);'));
    assert.ok(!user.content.includes('greeting'), 'text outside the selection was sent');
    const system = body.messages.find((m) => m.role === 'system');
    assert.match(system?.content ?? '', /The user shares code from their editor/);
  });

  test('no selection on an empty line sends nothing', async () => {
    const editor = await openSample();
    editor.selection = new vscode.Selection(5, 0, 5, 0); // line 6 is empty
    const before = server.requests.length;
    await vscode.commands.executeCommand('inferenceChat.explainSelection');
    assert.equal(server.requests.length, before);
  });

  test('no selection uses the current line', async () => {
    const editor = await openSample();
    editor.selection = new vscode.Selection(6, 3, 6, 3); // line 7: greeting
    const before = chatBodies(server).length;
    await vscode.commands.executeCommand('inferenceChat.fixSelection');
    const user = chatBodies(server)[before]?.messages.filter((m) => m.role === 'user').pop();
    assert.ok(user, 'no request sent');
    assert.match(user.content, /\(lines 7–7\)/);
    assert.ok(user.content.includes('export const greeting'));
  });

  test('a selection over selection.maxChars is cut with a visible marker', async () => {
    await vscode.workspace.getConfiguration('inferenceChat').update('selection.maxChars', 100, vscode.ConfigurationTarget.Global);
    const editor = await openSample();
    const doc = editor.document;
    editor.selection = new vscode.Selection(0, 0, doc.lineCount - 1, 0);
    const before = chatBodies(server).length;
    await vscode.commands.executeCommand('inferenceChat.documentSelection');
    const user = chatBodies(server)[before]?.messages.filter((m) => m.role === 'user').pop();
    assert.ok(user, 'no request sent');
    const cut = doc.getText(editor.selection).length - 100;
    assert.ok(user.content.includes(`[… truncated ${cut} characters]`), user.content);
  });
});
