// Apply where writing makes code run, inside a real VS Code: `.vscode/tasks.json` (named, or reached through a
// symbolic link) is marked in the diff's title and Accept asks first, naming why; a bare `settings.json` is not
// taken as `.vscode/settings.json` without the user picking it; a path into `.git` is refused however it is spelled
// and wherever a symbolic link leads (issue 16 §1, Apply).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extensionApi';
import type { FixtureServer } from '../../fixtures/server';
import { waitFor } from '../../helpers/waitFor';
import { FakeUi, applyDiffs, diffTabLabel } from '../helpers/applyUi';
import { fixtureChatSuite } from '../helpers/fixtureChatSuite';
import type { PostRecorder } from '../helpers/postRecorder';

const KEY = 'integration-key-not-secret';
const TASKS = '{\n  "version": "2.0.0",\n  "tasks": [{ "label": "hi", "type": "shell", "command": "echo hi" }]\n}\n';

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration workspace has a folder');
  return folder.uri;
}

suite('apply: files that run code, and .git however it is reached', () => {
  let api: ExtensionApi;
  let server: FixtureServer;
  let recorder: PostRecorder;
  let ui: FakeUi;
  let restoreUi: () => void;
  /** Paths this suite created (removed at the end, deepest first). */
  const created: string[] = [];
  const rootPath = () => root().fsPath;

  /**
   * Creates a folder unless it exists (what existed is left as it was; the first folder created is removed at the end,
   * except `.vscode`, which keeps the settings.json the workspace-settings suites write to).
   */
  function ensureDir(relative: string): void {
    const full = path.join(rootPath(), relative);
    const first = fs.mkdirSync(full, { recursive: true });
    if (first && first !== path.join(rootPath(), '.vscode')) created.push(first);
  }

  const fixture = fixtureChatSuite({ key: KEY });

  suiteTeardown(() => {
    for (const full of created.reverse()) fs.rmSync(full, { recursive: true, force: true });
  });

  setup(async () => {
    ({ api, server, recorder } = fixture);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    ui = new FakeUi();
    restoreUi = api.apply.useUi(ui);
  });

  teardown(async () => {
    restoreUi();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Asks (the reply is `reply`) and clicks Apply on its first block; what the chat was told, if anything. */
  async function askAndApply(reply: string): Promise<void> {
    server.setReply(reply);
    await api.chat.handleWebviewMessage({ type: 'send', text: 'Please write it' });
    const message = recorder.assistantReplies().at(-1);
    assert.ok(message, 'no reply');
    await api.chat.handleWebviewMessage({ type: 'applyCode', messageId: message.id, blockIndex: 0 });
  }

  const notices = () => recorder.messages.filter((m) => m.type === 'notice').map((m) => (m as { message: string }).message);

  test('Apply to .vscode/tasks.json: the title says it runs code, Accept asks why first, declining writes nothing', async () => {
    ensureDir('.vscode');
    const tasks = path.join(rootPath(), '.vscode', 'tasks.json');
    assert.equal(fs.existsSync(tasks), false, 'the workspace starts without a tasks.json');
    created.push(tasks);
    await askAndApply(`\`\`\`json .vscode/tasks.json\n${TASKS}\`\`\`\n`);
    let diff = await waitFor('the Apply diff', () => applyDiffs()[0]);
    assert.equal(diffTabLabel(), '⚠ .vscode/tasks.json (new file) ↔ proposed · runs code');
    assert.deepEqual(api.apply.proposals.pending().map((p) => p.runsCode?.kind), ['vscodeTasks']);

    ui.runsCode = false;
    assert.equal(await vscode.commands.executeCommand('inferenceChat.acceptApply', diff.modified), false);
    assert.deepEqual(ui.asked, ['runsCode:.vscode/tasks.json:vscodeTasks'], 'asked about running code before anything else');
    assert.equal(fs.existsSync(tasks), false, 'declined: nothing written');
    await vscode.commands.executeCommand('inferenceChat.rejectApply', diff.modified);

    ui.runsCode = true;
    await api.chat.handleWebviewMessage({ type: 'applyCode', messageId: recorder.assistantReplies().at(-1)!.id, blockIndex: 0 });
    diff = await waitFor('the Apply diff again', () => applyDiffs()[0]);
    assert.equal(await vscode.commands.executeCommand('inferenceChat.acceptApply', diff.modified), true);
    assert.deepEqual(ui.asked.slice(1), ['runsCode:.vscode/tasks.json:vscodeTasks', 'create:.vscode/tasks.json']);
    assert.equal(fs.readFileSync(tasks, 'utf8'), TASKS);
  });

  test('a folder that is a symbolic link to .vscode gets the same warning (its real path runs code)', async () => {
    ensureDir('.vscode');
    const link = path.join(rootPath(), 'src', 'editorConfig');
    fs.symlinkSync(path.join(rootPath(), '.vscode'), link, 'dir');
    try {
      await askAndApply(`\`\`\`json src/editorConfig/launch.json\n{}\n\`\`\`\n`);
      await waitFor('the Apply diff', () => applyDiffs()[0]);
      assert.equal(diffTabLabel(), '⚠ src/editorConfig/launch.json (new file) ↔ proposed · runs code');
      assert.deepEqual(api.apply.proposals.pending().map((p) => p.runsCode?.kind), ['vscodeLaunch']);
    } finally {
      fs.unlinkSync(link); // the next test searches by name, and the search may follow links
    }
  });

  test('a bare settings.json is not taken as .vscode/settings.json: the user picks it, or nothing happens', async () => {
    ensureDir('.vscode');
    const settings = path.join(rootPath(), '.vscode', 'settings.json');
    const before = fs.existsSync(settings) ? fs.readFileSync(settings, 'utf8') : undefined;
    // Written through VS Code and left in place (an empty object): the diff below loads it as a document, and a file
    // deleted under that document makes the next workspace-settings write fail ("the content of the file is newer").
    if (before === undefined) await vscode.workspace.fs.writeFile(vscode.Uri.file(settings), new TextEncoder().encode('{}\n'));
    assert.equal(fs.existsSync(path.join(rootPath(), 'settings.json')), false, 'no settings.json at the root');
    ui.pick = () => undefined;
    await askAndApply('```json settings.json\n{ "terminal.integrated.defaultProfile.linux": "evil" }\n```\n');
    assert.deepEqual(ui.offered, [['.vscode/settings.json']], 'offered to pick, not taken');
    assert.equal(applyDiffs().length, 0, 'cancelled: no diff');
    assert.equal(api.apply.proposals.pending().length, 0);
    assert.equal(fs.readFileSync(settings, 'utf8'), before ?? '{}\n', 'nothing written');

    ui.pick = (uris) => uris[0];
    await api.chat.handleWebviewMessage({ type: 'applyCode', messageId: recorder.assistantReplies().at(-1)!.id, blockIndex: 0 });
    await waitFor('the Apply diff', () => applyDiffs()[0]);
    assert.match(diffTabLabel() ?? '', /^⚠ \.vscode\/settings\.json ↔ proposed · runs code$/, 'picked: still marked');
  });

  test('a path into .git is refused as spelled on Windows (GIT~1, .git.) and through a symbolic link', async () => {
    ensureDir(path.join('.git', 'hooks'));
    const hooks = path.join(rootPath(), '.git', 'hooks');
    const dirLink = path.join(rootPath(), 'src', 'hookLink');
    fs.symlinkSync(hooks, dirLink, 'dir');
    created.push(dirLink);
    const fileLink = path.join(rootPath(), 'src', 'hookFile.sh');
    fs.writeFileSync(path.join(hooks, 'post-checkout'), '#!/bin/sh\n');
    fs.symlinkSync(path.join(hooks, 'post-checkout'), fileLink);
    created.push(fileLink);
    const cases: [string, string][] = [
      ['src/hookLink/pre-commit', 'Not applied: src/hookLink/pre-commit is inside a .git folder.'],
      ['src/hookFile.sh', 'Not applied: src/hookFile.sh is inside a .git folder.'],
      ['GIT~1/hooks/pre-commit', 'Not applied: GIT~1/hooks/pre-commit is inside a .git folder.'],
      ['.git./hooks/pre-commit', 'Not applied: .git./hooks/pre-commit is inside a .git folder.'],
    ];
    for (const [target, notice] of cases) {
      await askAndApply(`\`\`\`sh ${target}\necho pwned\n\`\`\`\n`);
      assert.ok(notices().includes(notice), `${target}: ${JSON.stringify(notices())}`);
    }
    assert.equal(applyDiffs().length, 0);
    assert.equal(api.apply.proposals.pending().length, 0);
    assert.deepEqual(fs.readdirSync(hooks), ['post-checkout'], 'nothing written into .git/hooks');
    assert.equal(fs.readFileSync(path.join(hooks, 'post-checkout'), 'utf8'), '#!/bin/sh\n');
  });

  test('Accept checks the path again: a folder swapped for a link into .git while the diff was open writes nothing', async () => {
    ensureDir(path.join('.git', 'hooks'));
    const hooks = path.join(rootPath(), '.git', 'hooks');
    const before = fs.readdirSync(hooks).sort();
    const folder = path.join(rootPath(), 'src', 'later');
    fs.mkdirSync(folder, { recursive: true });
    created.push(folder);
    await askAndApply('```sh src/later/pre-push\necho pwned\n```\n');
    const diff = await waitFor('the Apply diff', () => applyDiffs()[0]);
    assert.equal(diffTabLabel(), 'src/later/pre-push (new file) ↔ proposed', 'an ordinary new file when the diff opened');
    fs.rmSync(folder, { recursive: true });
    fs.symlinkSync(hooks, folder, 'dir');
    ui.create = true;
    assert.equal(await vscode.commands.executeCommand('inferenceChat.acceptApply', diff.modified), false);
    assert.deepEqual(fs.readdirSync(hooks).sort(), before, 'nothing written into .git/hooks');
    assert.equal(api.apply.proposals.pending().length, 0, 'the refused proposal is closed');
  });
});
