// Attachments inside a real VS Code: each kind (file, open editor, selection, problems, terminal or its note,
// the instructions file, images), driven as the webview drives them, and what the fixture server received.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type FixtureServer, startFixtureServer } from '../../fixtures/server';
import { waitFor } from '../../helpers/waitFor';
import { configureFixtureProvider, extensionApi, FIXTURE_PROVIDER_ID, resetProviders } from '../helpers/fixtureProvider';
import { type Posted, PostRecorder } from '../helpers/postRecorder';
import type { AttachmentChip } from '../../../src/protocol';
import type { ExtensionApi } from '../../../src/extensionApi';

const KEY = 'integration-key-not-secret';
const PNG = `data:image/png;base64,${Buffer.from('integration png').toString('base64')}`;

suite('attachments: context from the editor into the sidebar chat', () => {
  let api: ExtensionApi;
  let server: FixtureServer;
  let recorder: PostRecorder;
  const root = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
  const file = (rel: string): vscode.Uri => vscode.Uri.joinPath(root(), rel);
  const write = (rel: string, content: string | Uint8Array): Thenable<void> =>
    vscode.workspace.fs.writeFile(file(rel), typeof content === 'string' ? new TextEncoder().encode(content) : content);
  const send = (text: string): Promise<void> => api.chat.handleWebviewMessage({ type: 'send', text });
  const lastChips = (): AttachmentChip[] => recorder.messages.filter((m): m is Posted<'attachments'> => m.type === 'attachments').at(-1)?.chips ?? [];
  const chipsMatch = (what: string, test: (chips: AttachmentChip[]) => boolean): Promise<AttachmentChip[]> =>
    waitFor(what, () => (test(lastChips()) ? lastChips() : undefined));
  const lastBody = (): { messages: Array<{ role: string; content: unknown }> } =>
    server.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!.body as never;
  const userContent = (): string => {
    const content = lastBody().messages.at(-1)!.content;
    return typeof content === 'string' ? content : JSON.stringify(content);
  };

  suiteSetup(async () => {
    api = await extensionApi();
    server = await startFixtureServer({ apiKey: KEY });
    await configureFixtureProvider(server.url, KEY);
    await write('.gitignore', 'secret.env\n');
    await write('secret.env', 'TOKEN=do-not-send\n');
    await write('logo.bin', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
  });

  suiteTeardown(async () => {
    for (const rel of ['.gitignore', 'secret.env', 'logo.bin', 'AGENTS.md']) await vscode.workspace.fs.delete(file(rel)).then(undefined, () => undefined);
    await resetProviders();
    await server?.close();
  });

  setup(async () => {
    server.requests.length = 0;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.chat.newChat();
    recorder = new PostRecorder(api);
    await api.chat.handleWebviewMessage({ type: 'ready' });
  });

  teardown(() => recorder.dispose());

  test('a file: dropped URIs and "Add to Chat" attach it with its size; an ignored or binary file is refused by name', async () => {
    const refusals: string[] = [];
    const sub = api.chat.onDidPostMessage((m) => m.type === 'notice' && refusals.push(m.message));
    // The ignored, secret-shaped file asks in a modal dialog (the read gate): answered "no" here.
    const restoreConfirm = api.readGate.useConfirm(async () => false);
    await api.chat.handleWebviewMessage({ type: 'attach.uris', uris: [file('src/sample.ts').toString(), file('secret.env').toString(), file('logo.bin').toString()] });
    await vscode.commands.executeCommand('inferenceChat.addToChat', file('src/util.py'), [file('src/util.py')]);
    restoreConfirm();
    sub.dispose();
    const chips = await chipsMatch('the two file chips', (c) => c.filter((x) => x.kind === 'file').length === 2);
    assert.deepEqual(chips.filter((c) => c.kind === 'file').map((c) => c.name), ['src/sample.ts', 'src/util.py']);
    assert.ok(chips.every((c) => c.tokens > 0));
    assert.ok(refusals.some((m) => m.startsWith('secret.env was not attached: you chose not to send it')), refusals.join(' | '));
    assert.ok(refusals.some((m) => /logo\.bin is a binary file/.test(m)), refusals.join(' | '));

    await send('What do these files do?');
    const sample = new TextDecoder().decode(await vscode.workspace.fs.readFile(file('src/sample.ts')));
    const sent = userContent();
    assert.ok(sent.includes('File `src/sample.ts`:'), sent.slice(0, 300));
    assert.ok(sent.includes(sample.trimEnd()), 'the file text as it is on disk');
    assert.ok(sent.includes('File `src/util.py`:'));
    assert.ok(!sent.includes('do-not-send'), 'the ignored file was not sent');
    assert.ok(sent.endsWith('What do these files do?'));
  });

  test('the selection: suggested from the active editor, one click includes it; the message context names it (1-based lines)', async () => {
    const editor = await vscode.window.showTextDocument(file('src/sample.ts'));
    editor.selection = new vscode.Selection(0, 0, 2, 0); // lines 1-2 (ends at column 0 of line 3)
    const suggested = await chipsMatch('the suggested selection', (c) => c.some((x) => x.suggested && x.name === 'src/sample.ts:1-2'));
    assert.equal(suggested.find((c) => c.suggested)?.kind, 'selection');
    await api.chat.handleWebviewMessage({ type: 'attach.toggle', id: 'suggested' });
    await chipsMatch('the included selection', (c) => c.some((x) => !x.suggested && x.name === 'src/sample.ts:1-2'));
    const added = recorder.next('messageAdded', (m) => m.message.role === 'user');
    await send('Explain these lines');
    const user = (await added).message;
    assert.deepEqual(user.context, { fileName: 'src/sample.ts', languageId: 'typescript', startLine: 1, endLine: 2 });
    assert.ok(userContent().includes(editor.document.getText(new vscode.Range(0, 0, 2, 0)).trimEnd()));
    assert.ok(userContent().includes('Selection from `src/sample.ts` (lines 1-2):'));
  });

  test('an open editor, from the quick pick (unsaved edits included)', async () => {
    const doc = await vscode.workspace.openTextDocument(file('src/util.py'));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# unsaved edit\n'));
    const picking = api.chat.handleWebviewMessage({ type: 'attach.pick', source: 'editors' });
    let done = false;
    void picking.then(() => (done = true));
    await waitFor('the open-editor pick to be accepted', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return done;
    });
    await chipsMatch('the open editor chip', (c) => c.some((x) => x.kind === 'file' && x.name === 'src/util.py'));
    await send('Review this');
    assert.ok(userContent().includes('# unsaved edit'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test("problems: the current file's and the workspace's diagnostics, one line each; none says so", async () => {
    const diagnostics = vscode.languages.createDiagnosticCollection('attachments-test');
    try {
      await vscode.window.showTextDocument(file('src/sample.ts'));
      diagnostics.set(file('src/sample.ts'), [new vscode.Diagnostic(new vscode.Range(1, 4, 1, 9), 'Fixture problem: x is never read', vscode.DiagnosticSeverity.Warning)]);
      await api.chat.handleWebviewMessage({ type: 'attach.pick', source: 'problems' });
      await chipsMatch('the problems chip', (c) => c.some((x) => x.kind === 'problems' && x.name === 'Problems: src/sample.ts'));
      await send('Fix the problems');
      assert.ok(userContent().includes('src/sample.ts:2:5 warning: Fixture problem: x is never read'), userContent().slice(0, 400));

      await api.chat.handleWebviewMessage({ type: 'attach.pick', source: 'workspaceProblems' });
      await chipsMatch('the workspace problems chip', (c) => c.some((x) => x.name === 'Problems: the workspace'));
    } finally {
      diagnostics.dispose();
    }
    await vscode.window.showTextDocument(file('README.md'));
    const notice = recorder.next('notice', (m) => /no problems in README\.md/.test(m.message));
    await api.chat.handleWebviewMessage({ type: 'attach.pick', source: 'problems' });
    assert.ok(await notice);
  });

  test("the terminal's last command and its output where shell integration runs; otherwise a note that says why", async () => {
    const terminal = vscode.window.createTerminal({ name: 'attach-test', shellPath: '/bin/bash' });
    terminal.show();
    try {
      const integration = await waitFor('shell integration (or its absence)', () => terminal.shellIntegration ?? undefined, 10_000).catch(() => undefined);
      console.log(`[attachments] terminal: shell integration ${integration ? 'available: the command path is tested' : 'not available: the note is tested'}`);
      if (integration) {
        const ended = new Promise<void>((resolve) => {
          const sub = vscode.window.onDidEndTerminalShellExecution((e) => {
            if (e.terminal !== terminal) return;
            sub.dispose();
            resolve();
          });
        });
        // The output comes a moment after the start: VS Code's execution.read() can miss the output of a command
        // that ends within the same moment it starts (seen under load); a user's commands print later too.
        integration.executeCommand('sleep 0.5; echo attach-$((20+22))');
        await ended;
        await waitFor('the command to be recorded', async () => {
          await api.chat.handleWebviewMessage({ type: 'attach.pick', source: 'terminal' });
          return lastChips().some((c) => c.kind === 'terminal');
        });
        await send('What happened?');
        assert.ok(userContent().includes('$ sleep 0.5; echo attach-$((20+22))'), userContent().slice(0, 300));
        assert.ok(userContent().includes('attach-42'), 'the output');
      } else {
        const notice = recorder.next('notice', (m) => /has no shell integration/.test(m.message));
        await api.chat.handleWebviewMessage({ type: 'attach.pick', source: 'terminal' });
        assert.ok(await notice);
      }
    } finally {
      terminal.dispose();
    }
  });

  test('the instructions file: AGENTS.md in a trusted workspace is a chip and joins the system prompt; turned off, it is not sent', async () => {
    assert.equal(vscode.workspace.isTrusted, true, 'the test workspace is trusted (the untrusted case is a unit test)');
    await write('AGENTS.md', 'Always end with the word FIXTURE-RULE.\n');
    const chip = (await chipsMatch('the instructions chip', (c) => c.some((x) => x.kind === 'instructions'))).find((c) => c.kind === 'instructions')!;
    assert.equal(chip.name, 'AGENTS.md');
    await send('Hello');
    const system = lastBody().messages[0]!;
    assert.equal(system.role, 'system');
    assert.ok((system.content as string).includes('Always end with the word FIXTURE-RULE.'));

    await api.chat.handleWebviewMessage({ type: 'attach.toggle', id: chip.id });
    await chipsMatch('the chip turned off', (c) => c.some((x) => x.kind === 'instructions' && x.off === true));
    await send('Hello again');
    assert.ok(!JSON.stringify(lastBody().messages[0]).includes('FIXTURE-RULE'));
    await vscode.workspace.fs.delete(file('AGENTS.md'));
    await chipsMatch('the chip gone with the file', (c) => !c.some((x) => x.kind === 'instructions'));
  });

  test('an image: sent as an image_url part to fixture/vision-model; refused for fixture/text-only-model, nothing sent', async () => {
    await api.providers.setModel(FIXTURE_PROVIDER_ID, 'fixture/vision-model');
    await api.chat.handleWebviewMessage({ type: 'attach.image', name: 'shot.png', dataUrl: PNG });
    await send('What is in the picture?');
    assert.deepEqual(lastBody().messages.at(-1)!.content, [
      { type: 'text', text: 'What is in the picture?' },
      { type: 'image_url', image_url: { url: PNG } },
    ]);

    await api.providers.setModel(FIXTURE_PROVIDER_ID, 'fixture/text-only-model');
    server.requests.length = 0;
    await api.chat.handleWebviewMessage({ type: 'attach.image', name: 'shot.png', dataUrl: PNG });
    recorder.mark();
    const notice = recorder.next('notice', (m) => /does not take images/.test(m.message));
    const draft = recorder.next('draft');
    await send('And this one?');
    assert.match((await notice).message, /fixture\/text-only-model does not take images, so nothing was sent/);
    assert.equal((await draft).text, 'And this one?');
    assert.equal(server.requests.filter((r) => r.path.endsWith('/chat/completions')).length, 0);
    await api.chat.handleWebviewMessage({ type: 'draftChanged', text: '' });
  });
});
