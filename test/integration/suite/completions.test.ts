// Inline completions in a real VS Code: ghost text from the fixture server written by accepting it, a keystroke
// that cancels a slow request at the socket, an error shown on the status item with its fix, and the cases where
// nothing may be sent (a billed provider not turned on, a language turned off, an excluded file).
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server';
import { waitFor } from '../../helpers/waitFor';
import { configureFixtureProvider, extensionApi, resetProviders } from '../helpers/fixtureProvider';

const MODEL = 'qwen2.5-coder:1.5b-base';
const completionRequests = (server: FixtureServer) => server.requests.filter((r) => r.path.endsWith('/completions') && !r.path.endsWith('/chat/completions'));

suite('completions: ghost text from your own server', () => {
  let server: FixtureServer;
  const root = (): string => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  const config = () => vscode.workspace.getConfiguration('inferenceChat');
  const created: string[] = [];

  async function editorWith(name: string, text: string, line: number, character: number): Promise<vscode.TextEditor> {
    const path = join(root(), name);
    writeFileSync(path, text);
    created.push(path);
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(path));
    editor.selection = new vscode.Selection(line, character, line, character);
    return editor;
  }

  suiteSetup(async () => {
    server = await startFixtureServer();
    await configureFixtureProvider(server.url);
    await config().update('completions.model', MODEL, vscode.ConfigurationTarget.Global);
    await config().update('completions.debounceMs', 20, vscode.ConfigurationTarget.Global);
  });
  setup(() => {
    server.setScenario('normal');
    server.requests.length = 0;
  });
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const path of created.splice(0)) rmSync(path, { force: true });
  });
  suiteTeardown(async () => {
    await resetProviders();
    await server.close();
  });

  test('a suggestion is asked with the family template around the cursor, shown, and written by accepting it', async () => {
    server.setCompletion('return a + b;');
    const editor = await editorWith('add.ts', 'export function add(a: number, b: number) {\n  \n}\n', 1, 2);
    const api = await extensionApi();
    const target = await api.completions.target();
    assert.equal(target.endpoint, 'completions');
    assert.equal(target.model, MODEL);
    await vscode.commands.executeCommand('inferenceChat.completions.trigger');
    await waitFor('a /completions request', () => completionRequests(server).length > 0, 10_000);
    const request = completionRequests(server)[0];
    const prompt = (request!.body as { prompt: string }).prompt;
    assert.match(prompt, /<\|fim_prefix\|>[\s\S]*export function add\(a: number, b: number\) \{\n {2}<\|fim_suffix\|>\n\}\n<\|fim_middle\|>$/);
    await waitFor('the suggestion written by accepting it', async () => {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      return editor.document.getText().includes('  return a + b;\n}');
    }, 10_000);
    const health = api.completions.health();
    assert.equal(health.state, 'ready');
    assert.ok(health.lastLatencyMs !== undefined && health.requests >= 1);
    assert.ok(api.log.recentLines().some((line) => line.includes(`through completions`) && line.includes(MODEL)), 'the log says which endpoint');
  });

  test('a keystroke during a slow request cancels it: the server sees the connection close', async () => {
    server.setScenario('completion-delay', { ms: 5000 });
    const editor = await editorWith('slow.ts', 'const total = \n', 0, 14);
    // Not awaited: VS Code's trigger command resolves only when its suggestion has come (here: 5 s later).
    const first = vscode.commands.executeCommand('inferenceChat.completions.trigger');
    await waitFor('the slow request on the wire', () => completionRequests(server).length > 0, 10_000);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 14), 'x'));
    const second = vscode.commands.executeCommand('inferenceChat.completions.trigger');
    await waitFor('the first request closed early', () => completionRequests(server)[0]!.closedEarly === true, 10_000);
    server.setScenario('normal');
    await Promise.all([first, second]);
  });

  test('a refused key turns the status item to an error with Set API Key, once; a settings change clears it', async () => {
    server.setScenario('unauthorized');
    await editorWith('auth.ts', 'let value = \n', 0, 12);
    await vscode.commands.executeCommand('inferenceChat.completions.trigger');
    const api = await extensionApi();
    const error = await waitFor('the auth error on the status item', () => api.completions.health().error, 10_000);
    assert.equal(error.kind, 'auth');
    assert.ok(error.actions.includes('setApiKey'));
    const sent = completionRequests(server).length;
    await vscode.commands.executeCommand('inferenceChat.completions.trigger');
    await vscode.commands.executeCommand('inferenceChat.completions.trigger');
    assert.equal(completionRequests(server).length, sent, 'no request while the key is refused');
    server.setScenario('normal');
    await config().update('completions.maxTokens', 64, vscode.ConfigurationTarget.Global);
    await waitFor('the error cleared by the change', () => api.completions.health().state === 'ready', 10_000);
  });

  test('a provider that may bill every request stays off until the user turns completions on; nothing is sent', async () => {
    const api = await extensionApi();
    await config().update('completions.provider', 'primeIntellect', vscode.ConfigurationTarget.Global);
    try {
      await waitFor('completions off for the billed provider', () => api.completions.health().state === 'off', 10_000).catch((error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify(api.completions.health())}`);
      });
      assert.match(api.completions.health().offReason ?? '', /Prime Intellect/);
      await config().update('completions.enabled', true, vscode.ConfigurationTarget.Global);
      await waitFor('completions on once the user turned them on', () => api.completions.health().state !== 'off', 10_000);
      // No key for Prime Intellect here: the target fails before any request leaves the machine.
      await assert.rejects(api.completions.target(), (err: { kind?: string }) => err.kind === 'auth');
    } finally {
      await config().update('completions.provider', undefined, vscode.ConfigurationTarget.Global);
      await config().update('completions.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('nothing is asked in a language turned off, nor for a file the workspace excludes', async () => {
    await config().update('completions.languages', { '*': true, python: false }, vscode.ConfigurationTarget.Global);
    await editorWith('script.py', 'def main():\n    \n', 1, 4);
    await vscode.commands.executeCommand('inferenceChat.completions.trigger');
    writeFileSync(join(root(), '.inferencechatignore'), 'private.ts\n');
    created.push(join(root(), '.inferencechatignore'));
    const api = await extensionApi();
    const privateUri = vscode.Uri.file(join(root(), 'private.ts'));
    writeFileSync(privateUri.fsPath, '');
    // The gate rereads ignore files when its watcher sees one change: wait until it refuses the file.
    await waitFor('the read gate refusing private.ts', async () => (await api.readGate.mayRead(privateUri, 'completion')).decision.verdict === 'refused', 10_000);
    await editorWith('private.ts', 'const secret = \n', 0, 15);
    await vscode.commands.executeCommand('inferenceChat.completions.trigger');
    // A control request that is allowed, after both: once it arrived, the two before would have too.
    await editorWith('allowed.ts', 'const open = \n', 0, 13);
    await vscode.commands.executeCommand('inferenceChat.completions.trigger');
    await waitFor('the allowed file\'s request', () => completionRequests(server).length > 0, 10_000);
    const prompts = completionRequests(server).map((r) => (r.body as { prompt: string }).prompt);
    assert.equal(prompts.length, 1, JSON.stringify(prompts));
    assert.match(prompts[0]!, /const open = /);
    await config().update('completions.languages', undefined, vscode.ConfigurationTarget.Global);
  });
});
