// The one read gate inside a real VS Code: every path into a message passes it. "Add to Chat" on an open .env
// asks (the modal dialog, answered here through useConfirm) and attaches nothing when declined; the suggested chip
// is never offered for .env; an AGENTS.md linked out of the workspace (or to /dev/zero) is refused with its real
// reason and not sent; the page cannot attach /etc/passwd; nested .gitignore and .inferencechatignore files hold.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { type FixtureServer, startFixtureServer } from '../../fixtures/server';
import { waitFor } from '../../helpers/waitFor';
import { configureFixtureProvider, extensionApi, resetProviders } from '../helpers/fixtureProvider';
import { type Posted, PostRecorder } from '../helpers/postRecorder';
import type { AttachmentChip } from '../../../src/protocol';
import type { ExtensionApi } from '../../../src/extensionApi';

const KEY = 'integration-key-not-secret';

suite('read gate: one gate for every read into a message', () => {
  let api: ExtensionApi;
  let server: FixtureServer;
  let recorder: PostRecorder;
  let restoreConfirm: () => void;
  let outsideDir: string;
  let asked: Array<{ message: string; detail: string }> = [];
  let answer = false;
  const root = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
  const file = (rel: string): vscode.Uri => vscode.Uri.joinPath(root(), rel);
  const write = (rel: string, content: string): Thenable<void> => vscode.workspace.fs.writeFile(file(rel), new TextEncoder().encode(content));
  const chipsOf = (m: Posted<'attachments'>): AttachmentChip[] => m.chips;
  const allChips = (): AttachmentChip[][] => recorder.messages.filter((m): m is Posted<'attachments'> => m.type === 'attachments').map(chipsOf);
  const lastChips = (): AttachmentChip[] => allChips().at(-1) ?? [];
  const chipsMatch = (what: string, test: (chips: AttachmentChip[]) => boolean): Promise<AttachmentChip[]> =>
    waitFor(what, () => (test(lastChips()) ? lastChips() : undefined), 10_000).catch((err: Error) => {
      throw new Error(`${err.message}; the last chips: ${JSON.stringify(lastChips())}`);
    });
  const notices = (): string[] => recorder.messages.filter((m): m is Posted<'notice'> => m.type === 'notice').map((m) => m.message);
  const notice = (what: string, pattern: RegExp): Promise<string> => waitFor(what, () => notices().find((m) => pattern.test(m)));
  const removeLink = (rel: string): void => {
    try {
      unlinkSync(file(rel).fsPath);
    } catch {
      // not there
    }
  };

  suiteSetup(async () => {
    api = await extensionApi();
    server = await startFixtureServer({ apiKey: KEY });
    await configureFixtureProvider(server.url, KEY);
    await write('.env', 'API_KEY=sk-live-fixture-not-a-real-key\n');
    await write('notes/plain.md', '# Plain notes\n');
    await write('notes/other.md', '# Other notes\n');
    await write('server/.gitignore', '*.local.json\n');
    await write('server/config.local.json', '{ "token": "nested-ignored" }\n');
    await write('private/.inferencechatignore', 'notes.md\n');
    await write('private/notes.md', 'never to be sent\n');
    outsideDir = mkdtempSync(join(tmpdir(), 'gate-outside-'));
    writeFileSync(join(outsideDir, 'notes.md'), 'OUTSIDE-THE-WORKSPACE\n');
    restoreConfirm = api.readGate.useConfirm(async (question) => {
      asked.push(question);
      return answer;
    });
  });

  suiteTeardown(async () => {
    restoreConfirm?.();
    for (const rel of ['AGENTS.md', 'zero.txt']) removeLink(rel);
    for (const rel of ['.env', 'notes', 'server', 'private']) await vscode.workspace.fs.delete(file(rel), { recursive: true }).then(undefined, () => undefined);
    rmSync(outsideDir, { recursive: true, force: true });
    await resetProviders();
    await server?.close();
  });

  setup(async () => {
    asked = [];
    answer = false;
    server.requests.length = 0;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.chat.newChat();
    recorder = new PostRecorder(api);
    await api.chat.handleWebviewMessage({ type: 'ready' });
  });

  teardown(() => recorder.dispose());

  test('"Add to Chat" on an open .env asks in the modal dialog; declined, nothing is attached and the chat says why; accepted, it is attached', async () => {
    await vscode.window.showTextDocument(file('.env'));
    await vscode.commands.executeCommand('inferenceChat.addToChat');
    const declined = await notice('the declined notice', /^\.env was not attached: you chose not to send it/);
    assert.match(declined, /its name matches "\.env"/);
    assert.equal(asked.length, 1, 'asked once');
    assert.equal(asked[0]!.message, '.env looks like a file with secrets. Send it to the model anyway?');
    assert.ok(!lastChips().some((c) => c.name === '.env' && !c.suggested), 'nothing attached');

    answer = true;
    await vscode.commands.executeCommand('inferenceChat.addToChat');
    const chips = await chipsMatch('the .env chip after the yes', (c) => c.some((x) => x.kind === 'file' && x.name === '.env' && !x.suggested));
    assert.equal(asked.length, 2);
    await api.chat.handleWebviewMessage({ type: 'attach.remove', id: chips.find((c) => c.name === '.env')!.id });
    await chipsMatch('the .env chip removed', (c) => !c.some((x) => x.name === '.env'));
  });

  test('"Explain selection" in .env asks too; declined, nothing is sent', async () => {
    const editor = await vscode.window.showTextDocument(file('.env'));
    editor.selection = new vscode.Selection(0, 0, 0, 7);
    await vscode.commands.executeCommand('inferenceChat.explainSelection');
    assert.equal(asked.length, 1);
    assert.equal(asked[0]!.message, '.env looks like a file with secrets. Send it to the model anyway?');
    assert.equal(server.requests.filter((r) => r.path.endsWith('/chat/completions')).length, 0, 'nothing sent');
  });

  test('the suggested chip: offered for a workspace file, never for .env, nor for a document that is not a workspace file (an Apply proposal)', async () => {
    // Files of this suite's own: a suggestion dismissed by an earlier suite stays dismissed while it is the same.
    await vscode.window.showTextDocument(file('notes/plain.md'));
    await chipsMatch('notes/plain.md suggested', (c) => c.some((x) => x.suggested && x.name === 'notes/plain.md'));
    await vscode.window.showTextDocument(file('.env'));
    await chipsMatch('no suggestion while .env is active', (c) => !c.some((x) => x.suggested));
    const env = await api.readGate.mayRead(file('.env'), 'suggestion');
    assert.deepEqual(env.decision, { verdict: 'refused', reason: { kind: 'secret', pattern: '.env' } });
    const proposal = vscode.Uri.from({ scheme: 'infchat-apply', path: join(tmpdir(), 'src', 'sample.ts'), query: 'proposal=1' });
    assert.deepEqual((await api.readGate.mayRead(proposal, 'suggestion')).decision, { verdict: 'refused', reason: { kind: 'not-a-file' } });
    await vscode.window.showTextDocument(file('notes/other.md'));
    await chipsMatch('notes/other.md suggested', (c) => c.some((x) => x.suggested && x.name === 'notes/other.md'));
    assert.ok(!allChips().flat().some((c) => c.suggested && c.name === '.env'), 'no suggested chip for .env was ever posted');
    assert.equal(asked.length, 0, 'a suggestion never asks');
  });

  test('AGENTS.md linked out of the workspace, or to /dev/zero, is refused with its real reason and never reaches the system prompt', async () => {
    assert.equal(vscode.workspace.isTrusted, true, 'instructions are read in a trusted workspace only');
    symlinkSync(join(outsideDir, 'notes.md'), file('AGENTS.md').fsPath);
    await api.chat.handleWebviewMessage({ type: 'ready' });
    const outside = await notice('the link-outside notice', /^AGENTS\.md is a link to .*notes\.md, outside the workspace folders, so it is not read\.$/);
    assert.ok(outside.includes(outsideDir), outside);
    assert.ok(!lastChips().some((c) => c.kind === 'instructions'), 'no instructions chip');
    await api.chat.handleWebviewMessage({ type: 'send', text: 'Hello' });
    const body = JSON.stringify(server.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!.body);
    assert.ok(!body.includes('OUTSIDE-THE-WORKSPACE'), 'the linked file was not sent');

    removeLink('AGENTS.md');
    symlinkSync('/dev/zero', file('AGENTS.md').fsPath);
    await api.chat.handleWebviewMessage({ type: 'ready' });
    await notice('the /dev/zero notice', /^AGENTS\.md is a file of the operating system \(\/proc, \/sys or \/dev\), not a regular file, so it is not read\.$/);
    assert.ok(!lastChips().some((c) => c.kind === 'instructions'));
    removeLink('AGENTS.md');
  });

  test('the page cannot attach /etc/passwd; a dropped link to /dev/zero is refused as not a regular file (not as excluded)', async () => {
    await api.chat.handleWebviewMessage({ type: 'attach.uris', uris: ['file:///etc/passwd'] });
    await notice('the outside-workspace refusal', /^\/etc\/passwd is outside the workspace folders, so it is not read\./);
    symlinkSync('/dev/zero', file('zero.txt').fsPath);
    await api.chat.handleWebviewMessage({ type: 'attach.uris', uris: [file('zero.txt').toString()] });
    await notice('the not-regular refusal', /^zero\.txt is a file of the operating system \(\/proc, \/sys or \/dev\), not a regular file/);
    removeLink('zero.txt');
    assert.equal(asked.length, 0, 'nothing to confirm: refused outright');
    assert.ok(!lastChips().some((c) => c.kind === 'file'), 'nothing attached');
    assert.ok(!notices().some((m) => /files\.exclude/.test(m)), notices().join(' | '));
  });

  test('a nested .gitignore holds (the dialog names it); an .inferencechatignore file is never sent, not even asked', async () => {
    await api.chat.handleWebviewMessage({ type: 'attach.uris', uris: [file('server/config.local.json').toString()] });
    await notice('the declined nested-ignored file', /^server\/config\.local\.json was not attached/);
    assert.equal(asked.length, 1);
    assert.equal(asked[0]!.message, 'server/config.local.json is excluded in this workspace. Send it to the model anyway?');
    assert.match(asked[0]!.detail, /server\/\.gitignore excludes it \(the pattern "\*\.local\.json"\)/);
    const check = await api.readGate.mayRead(file('server/config.local.json'), 'suggestion');
    assert.deepEqual(check.decision, { verdict: 'refused', reason: { kind: 'ignored', source: 'server/.gitignore', pattern: '*.local.json' } });

    await api.chat.handleWebviewMessage({ type: 'attach.uris', uris: [file('private/notes.md').toString()] });
    await notice('the never-sent refusal', /^private\/notes\.md is listed in private\/\.inferencechatignore \(the pattern "notes\.md"\), so it is never sent to the model\.$/);
    assert.equal(asked.length, 1, 'not asked');
    assert.ok(!lastChips().some((c) => c.kind === 'file'));
  });

  test("problems pass the gate too: the workspace's leave out .env's (counted), the current file's ask for .env", async () => {
    const diagnostics = vscode.languages.createDiagnosticCollection('gate-test');
    try {
      const at = new vscode.Range(0, 0, 0, 7);
      diagnostics.set(file('.env'), [new vscode.Diagnostic(at, 'Unknown word "SECRET-IN-DIAGNOSTIC"', vscode.DiagnosticSeverity.Warning)]);
      diagnostics.set(file('notes/plain.md'), [new vscode.Diagnostic(at, 'PLAIN-PROBLEM here', vscode.DiagnosticSeverity.Warning)]);
      await api.chat.handleWebviewMessage({ type: 'attach.pick', source: 'workspaceProblems' });
      await chipsMatch('the workspace problems chip', (c) => c.some((x) => x.kind === 'problems'));
      assert.equal(asked.length, 0, 'the workspace problems never ask');
      await api.chat.handleWebviewMessage({ type: 'send', text: 'What are these problems?' });
      const request = await waitFor('the request', () => server.requests.find((r) => r.path.endsWith('/chat/completions')));
      const sent = JSON.stringify(request.body);
      assert.match(sent, /PLAIN-PROBLEM here/);
      assert.doesNotMatch(sent, /SECRET-IN-DIAGNOSTIC/);
      assert.match(sent, /the problems of \d+ excluded, secret-looking or outside files are not attached/);

      await vscode.window.showTextDocument(file('.env'));
      await api.chat.handleWebviewMessage({ type: 'attach.pick', source: 'problems' });
      await notice('the declined problems of .env', /^\.env was not attached: you chose not to send it/);
      assert.equal(asked.length, 1, 'the current file is an explicit attach: asked');
      assert.ok(!lastChips().some((c) => c.kind === 'problems'), 'nothing attached');
    } finally {
      diagnostics.dispose();
    }
  });
});
