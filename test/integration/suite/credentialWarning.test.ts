// The credential warning inside a real VS Code: Explain selection on code that holds the user's own stored key
// asks first (the test answers the host's dialog through the test API); cancelled, nothing reaches the server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CredentialQuestion } from '../../../src/chat/credentialCheck';
import type { ExtensionApi } from '../../../src/extensionApi';
import { type FixtureServer, startFixtureServer } from '../../fixtures/server';
import { configureFixtureProvider, extensionApi, resetProviders } from '../helpers/fixtureProvider';

const KEY = 'Zq8+Lm/Np2Kx9Wv4Ty6Rs0Uh-itest';

suite('credential warning: asked before a key is sent', () => {
  let api: ExtensionApi;
  let server: FixtureServer;
  let restore: (() => void) | undefined;

  suiteSetup(async () => {
    api = await extensionApi();
    server = await startFixtureServer({ apiKey: KEY });
    await configureFixtureProvider(server.url, KEY);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetProviders();
    await server?.close();
  });

  teardown(() => restore?.());

  test("Explain selection on code holding the user's stored key: asked (no Remove: it is the command's own code); cancel sends nothing, Send Anyway sends it", async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: `export const client = new Client({\n  apiKey: '${KEY}',\n});\n` });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 0, 2, 3);
    const questions: CredentialQuestion[] = [];
    let answer: 'cancel' | 'send' = 'cancel';
    restore = api.chat.useDialogs({ confirmCredentials: async (q) => (questions.push(q), answer) });
    const chats = (): number => server.requests.filter((r) => r.path.endsWith('/chat/completions')).length;

    const before = chats();
    await vscode.commands.executeCommand('inferenceChat.explainSelection');
    assert.equal(questions.length, 1, 'asked once');
    assert.deepEqual(questions[0]!.warnings.map((w) => w.kind), ['stored'], 'the stored key, found through the key store');
    assert.equal(questions[0]!.canRemove, false);
    assert.ok(!JSON.stringify(questions[0]).includes(KEY.slice(0, 12)), 'the question does not carry the key');
    assert.equal(chats(), before, 'cancelled: nothing sent');

    answer = 'send';
    await vscode.commands.executeCommand('inferenceChat.explainSelection');
    assert.equal(chats(), before + 1, 'Send Anyway: sent');
  });
});
