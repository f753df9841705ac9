// Apply inside a real VS Code: a reply's code block becomes a diff against its target; Accept is one undoable
// edit, Reject writes nothing; a file changed since the question is flagged and asked about; a new file is
// created only after its confirmation; a path outside the workspace is refused.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extensionApi';
import { type FixtureServer, startFixtureServer } from '../../fixtures/server';
import { waitFor } from '../../helpers/waitFor';
import { FakeUi, applyDiffs, diffTabLabel } from '../helpers/applyUi';
import { configureFixtureProvider, extensionApi, resetProviders } from '../helpers/fixtureProvider';
import { PostRecorder } from '../helpers/postRecorder';

const KEY = 'integration-key-not-secret';
const ORIGINAL = [
  'export function add(a: number, b: number): number {',
  '  return a - b;',
  '}',
  '',
  'export function twice(x: number): number {',
  '  return x * 2;',
  '}',
  '',
].join('\n');
const FIXED = ORIGINAL.replace('a - b', 'a + b');

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration workspace has a folder');
  return folder.uri;
}

suite('apply: code blocks as reviewed diffs', () => {
  let api: ExtensionApi;
  let server: FixtureServer;
  let recorder: PostRecorder;
  let ui: FakeUi;
  let restoreUi: () => void;
  let target: vscode.Uri;
  const created: vscode.Uri[] = [];

  suiteSetup(async () => {
    api = await extensionApi();
    server = await startFixtureServer({ apiKey: KEY });
    await configureFixtureProvider(server.url, KEY);
    target = vscode.Uri.joinPath(root(), 'src', 'applyTarget.ts');
  });

  suiteTeardown(async () => {
    await resetProviders();
    await server?.close();
    for (const uri of [target, ...created]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  setup(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(ORIGINAL));
    await waitFor('the target to read as written', () => {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
      return !open || open.getText() === ORIGINAL;
    });
    ui = new FakeUi();
    restoreUi = api.apply.useUi(ui);
    server.setScenario('normal');
    await api.chat.newChat();
    recorder = new PostRecorder(api);
  });

  teardown(async () => {
    restoreUi();
    recorder.dispose();
    // Revert what a test left unsaved, so closing asks nothing.
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file')) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Asks (the reply is `reply`), clicks Apply on block `index` and waits for its diff. */
  async function askAndApply(reply: string, index = 0): Promise<vscode.TabInputTextDiff> {
    server.setReply(reply);
    await api.chat.handleWebviewMessage({ type: 'send', text: 'Please fix it' });
    return applyLast(index);
  }

  async function applyLast(index = 0): Promise<vscode.TabInputTextDiff> {
    const reply = recorder.assistantReplies().at(-1);
    assert.ok(reply, 'no reply');
    await api.chat.handleWebviewMessage({ type: 'applyCode', messageId: reply.id, blockIndex: index });
    return waitFor('the Apply diff', () => applyDiffs()[0]);
  }

  const proposedText = async (diff: vscode.TabInputTextDiff) => (await vscode.workspace.openTextDocument(diff.modified)).getText();
  const diskText = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

  test('Apply shows the diff (nothing written); Accept is one edit that one undo takes back', async () => {
    const diff = await askAndApply(`Fixed:\n\n\`\`\`ts src/applyTarget.ts\n${FIXED}\`\`\`\n`);
    assert.equal(diff.original.toString(), target.toString(), 'the left side is the file itself');
    assert.equal(await proposedText(diff), FIXED);
    assert.equal(diffTabLabel(), 'src/applyTarget.ts ↔ proposed');
    const document = await vscode.workspace.openTextDocument(target);
    assert.equal(document.getText(), ORIGINAL, 'nothing is written before Accept');
    assert.equal(document.isDirty, false);

    assert.equal(await vscode.commands.executeCommand('inferenceChat.acceptApply', diff.modified), true);
    assert.equal(document.getText(), FIXED);
    assert.equal(applyDiffs().length, 0, 'the diff closed');
    assert.equal(api.apply.proposals.pending().length, 0);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), target.toString(), 'the file is shown');

    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), ORIGINAL, 'one undo restores the file');
    assert.deepEqual(ui.asked, []);
  });

  test('Reject closes the diff and writes nothing', async () => {
    const diff = await askAndApply(`\`\`\`ts\n// src/applyTarget.ts\n${FIXED}\`\`\`\n`);
    assert.equal(await proposedText(diff), FIXED, 'the path comment named the file and is not part of the code');
    await vscode.commands.executeCommand('inferenceChat.rejectApply', diff.modified);
    assert.equal(applyDiffs().length, 0);
    assert.equal(api.apply.proposals.pending().length, 0);
    assert.equal((await vscode.workspace.openTextDocument(target)).getText(), ORIGINAL);
    assert.equal(await diskText(target), ORIGINAL);
  });

  test('a fragment replaces the selection the question was about; a file changed since is flagged and asked about', async () => {
    const editor = await vscode.window.showTextDocument(target);
    editor.selection = new vscode.Selection(1, 0, 2, 0); // line 2: "  return a - b;" (to the start of line 3)
    server.setReply('Use addition:\n\n```ts\nreturn a + b;\n```\n');
    await vscode.commands.executeCommand('inferenceChat.fixSelection');
    let diff = await applyLast();
    assert.equal(await proposedText(diff), FIXED, 'the fragment went in place of the selection, indented like it');
    assert.equal(diffTabLabel(), 'src/applyTarget.ts ↔ proposed');
    await vscode.commands.executeCommand('inferenceChat.rejectApply', diff.modified);

    // The user edits the selected line after asking: Apply flags it.
    const again = await vscode.window.showTextDocument(editor.document);
    assert.ok(await again.edit((e) => e.replace(new vscode.Range(1, 2, 1, 8), 'return   ')));
    diff = await applyLast();
    assert.equal(diffTabLabel(), 'src/applyTarget.ts ↔ proposed (changed since you asked)');
    assert.deepEqual(api.apply.proposals.pending().map((p) => p.stale), [true]);
    ui.stale = false;
    assert.equal(await vscode.commands.executeCommand('inferenceChat.acceptApply', diff.modified), false);
    assert.deepEqual(ui.asked, ['stale:src/applyTarget.ts']);
    assert.equal(editor.document.getText(), ORIGINAL.replace('return a - b', 'return    a - b'), 'declined: nothing written');
    ui.stale = true;
    assert.equal(await vscode.commands.executeCommand('inferenceChat.acceptApply', diff.modified), true);
    assert.equal(editor.document.getText(), FIXED);
  });

  test('a new file is proposed against an empty side and created only after its confirmation', async () => {
    const uri = vscode.Uri.joinPath(root(), 'src', 'createdByApply.ts');
    created.push(uri);
    const code = 'export const created = true;\n';
    let diff = await askAndApply(`\`\`\`ts src/createdByApply.ts\n${code}\`\`\`\n`);
    assert.equal(diff.original.scheme, 'infchat-apply', 'the left side is empty, not a file');
    assert.equal(await proposedText(diff), code);
    assert.equal(diffTabLabel(), 'src/createdByApply.ts (new file) ↔ proposed');
    ui.create = false;
    assert.equal(await vscode.commands.executeCommand('inferenceChat.acceptApply', diff.modified), false);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(uri)), 'declined: no file');
    await vscode.commands.executeCommand('inferenceChat.rejectApply', diff.modified);

    ui.create = true;
    diff = await applyLast();
    assert.equal(await vscode.commands.executeCommand('inferenceChat.acceptApply', diff.modified), true);
    assert.deepEqual(ui.asked, ['create:src/createdByApply.ts', 'create:src/createdByApply.ts']);
    assert.equal(await diskText(uri), code);
  });

  test('without a path or a question\'s selection, the active editor\'s selection is the target; a bare file name is searched for', async () => {
    const editor = await vscode.window.showTextDocument(target);
    editor.selection = new vscode.Selection(1, 2, 1, 15); // "return a - b;"
    let diff = await askAndApply('```ts\nreturn a + b;\n```\n');
    assert.equal(diff.original.toString(), target.toString());
    assert.equal(await proposedText(diff), FIXED);
    await vscode.commands.executeCommand('inferenceChat.rejectApply', diff.modified);

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    diff = await askAndApply(`\`\`\`ts applyTarget.ts\n${FIXED}\`\`\`\n`);
    assert.equal(diff.original.toString(), target.toString(), 'found src/applyTarget.ts by its name');
    await vscode.commands.executeCommand('inferenceChat.rejectApply', diff.modified);
    assert.equal(await diskText(target), ORIGINAL);
  });

  test('a path outside the workspace is refused with a notice, and no diff opens', async () => {
    server.setReply('```ts ../outside.ts\nexport {};\n```\n');
    await api.chat.handleWebviewMessage({ type: 'send', text: 'Write a file outside' });
    const reply = recorder.assistantReplies().at(-1)!;
    await api.chat.handleWebviewMessage({ type: 'applyCode', messageId: reply.id, blockIndex: 0 });
    assert.ok(recorder.messages.some((m) => m.type === 'notice' && m.message === 'Not applied: ../outside.ts is outside the workspace.'));
    server.setReply('```sh .git/hooks/pre-commit\necho hi\n```\n');
    await api.chat.handleWebviewMessage({ type: 'send', text: 'Add a hook' });
    await api.chat.handleWebviewMessage({ type: 'applyCode', messageId: recorder.assistantReplies().at(-1)!.id, blockIndex: 0 });
    assert.ok(recorder.messages.some((m) => m.type === 'notice' && m.message === 'Not applied: .git/hooks/pre-commit is inside a .git folder.'));
    assert.equal(applyDiffs().length, 0);
    assert.equal(api.apply.proposals.pending().length, 0);
  });

  test('a path that leads out of the workspace through a symbolic link is refused', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'infchat-outside-'));
    const link = path.join(root().fsPath, 'src', 'linkOut');
    fs.symlinkSync(outside, link, 'dir');
    try {
      server.setReply('```ts src/linkOut/escaped.ts\nexport {};\n```\n');
      await api.chat.handleWebviewMessage({ type: 'send', text: 'Write through the link' });
      await api.chat.handleWebviewMessage({ type: 'applyCode', messageId: recorder.assistantReplies().at(-1)!.id, blockIndex: 0 });
      assert.ok(recorder.messages.some((m) => m.type === 'notice' && m.message === 'Not applied: src/linkOut/escaped.ts is outside the workspace.'));
      assert.equal(applyDiffs().length, 0);
      assert.deepEqual(fs.readdirSync(outside), []);
    } finally {
      fs.unlinkSync(link);
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
