// The agent's built-in tools inside a real VS Code, through the extension's own toolbox (api.agent.toolbox()) and its
// one read gate (the modal answered through useConfirm): each tool on a real workspace, edits of open and dirty
// documents, precise errors, commands with their output, exit code, environment, timeout and redaction, the safety
// refusals, checkpoints and their undo, and a VS Code tool invoked through vscode.lm.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ApprovalDecision, ApprovalRequest, ToolCallInput, ToolOutcome, TurnCheckpoint } from '../../../src/chat/agentTools';
import type { AgentToolboxHandle } from '../../../src/agent/agentToolbox';
import { waitFor } from '../../helpers/waitFor';
import { KEY_SHAPES } from '../../helpers/keyShapes';
import { extensionApi } from '../helpers/fixtureProvider';

const ECHO_TOOL = 'inferenceChatTest_echo';

suite('agent tools: the built-in tools in a real workspace', () => {
  let toolbox: AgentToolboxHandle;
  let restoreConfirm: () => void;
  let confirmAnswer = false;
  let confirmed: Array<{ message: string }> = [];
  const root = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
  const file = (rel: string): vscode.Uri => vscode.Uri.joinPath(root(), rel);
  const write = (rel: string, content: string): Thenable<void> => vscode.workspace.fs.writeFile(file(rel), new TextEncoder().encode(content));
  const disk = (rel: string): string => readFileSync(file(rel).fsPath, 'utf8');
  const node = (script: string): string => `"${process.execPath}" -e ${JSON.stringify(script)}`;
  let nextId = 1;

  interface Run {
    outcome: ToolOutcome;
    asked: ApprovalRequest[];
    progress: string[];
  }

  /** Runs one call; the approvals are answered in order (then 'deny'); `onAsk` looks at the UI while it waits. */
  async function run(name: string, args: Record<string, unknown>, options: { answers?: ApprovalDecision[]; checkpoint?: TurnCheckpoint; signal?: AbortSignal; onAsk?: (r: ApprovalRequest) => void } = {}): Promise<Run> {
    const answers = [...(options.answers ?? [])];
    const asked: ApprovalRequest[] = [];
    const progress: string[] = [];
    const call: ToolCallInput = { id: `call_${nextId++}`, name, arguments: args };
    const outcome = await toolbox.run(call, {
      signal: options.signal ?? new AbortController().signal,
      approve: async (request) => {
        asked.push(request);
        options.onAsk?.(request);
        return answers.shift() ?? 'deny';
      },
      progress: (output) => progress.push(output),
      checkpoint: options.checkpoint ?? toolbox.beginCheckpoint(),
    });
    return { outcome, asked, progress };
  }

  suiteSetup(async () => {
    const api = await extensionApi();
    toolbox = api.agent.toolbox();
    restoreConfirm = api.readGate.useConfirm(async (question) => {
      confirmed.push(question);
      return confirmAnswer;
    });
    await write('agent/math.js', 'function add(a, b) {\n  return a - b;\n}\nmodule.exports = { add };\n');
    await write('agent/notes.md', '# Notes\nalpha\nbeta needle\ngamma\n');
    await write('agent/private/.gitignore', 'data.txt\n');
    await write('agent/private/data.txt', 'EXCLUDED-CONTENT\n');
    await write('agent/.env', 'TOKEN=not-a-real-token\n');
    await write('.git/config', '[core]\n\tbare = false\n');
  });

  suiteTeardown(async () => {
    restoreConfirm?.();
    await toolbox?.allowList.replace([]);
    for (const rel of ['agent', '.git', '.vscode/tasks.json']) await vscode.workspace.fs.delete(file(rel), { recursive: true }).then(undefined, () => undefined);
    await vscode.workspace.getConfiguration('inferenceChat').update('agent.autoApplyEdits', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('inferenceChat').update('agent.readWithoutAsking', undefined, vscode.ConfigurationTarget.Global);
  });

  setup(async () => {
    confirmed = [];
    confirmAnswer = false;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('read_file, list_dir, find_files, search_text and get_problems work on the workspace without asking', async () => {
    const read = await run('read_file', { path: 'agent/math.js', start_line: 2, end_line: 3 });
    assert.equal(read.outcome.status, 'done');
    assert.equal(read.outcome.result, 'agent/math.js (lines 2–3 of 4):\n2|   return a - b;\n3| }');
    assert.deepEqual(read.asked, []);
    const list = await run('list_dir', { path: 'agent' });
    assert.equal(list.outcome.status, 'done');
    assert.match(list.outcome.result, /^math\.js$/m);
    assert.match(list.outcome.result, /^private\/$/m);
    const found = await run('find_files', { glob: 'agent/**/*.js' });
    assert.equal(found.outcome.result, 'agent/math.js');
    const search = await run('search_text', { pattern: 'needle', glob: 'agent/**', context_lines: 1 });
    assert.equal(search.outcome.status, 'done');
    assert.match(search.outcome.result, /^agent\/notes\.md-2- alpha\nagent\/notes\.md:3: beta needle\nagent\/notes\.md-4- gamma/);
    const skipped = await run('search_text', { pattern: 'EXCLUDED-CONTENT|TOKEN', glob: 'agent/**' });
    assert.match(skipped.outcome.result, /^No matches/);
    assert.match(skipped.outcome.result, /\[2 files were skipped/, 'the .gitignored and the secret-shaped file are skipped, counted, never asked');
    assert.equal(confirmed.length, 0);
    const problems = await run('get_problems', { path: 'agent/math.js' });
    assert.equal(problems.outcome.status, 'done');
    assert.match(problems.outcome.result, /agent\/math\.js/);
  });

  test('unknown tools and bad arguments are errors the model can act on', async () => {
    const unknown = await run('delete_everything', {});
    assert.equal(unknown.outcome.status, 'error');
    assert.match(unknown.outcome.result, /^Unknown tool "delete_everything"\. Available: read_file, list_dir, find_files, search_text, get_problems, edit_file, create_file, run_command/);
    const bad = await run('read_file', { start_line: 'x' });
    assert.equal(bad.outcome.status, 'error');
    assert.match(bad.outcome.result, /^Invalid arguments for read_file: "path" is required; "start_line" must be a number \(got "x"\)/);
  });

  test('safety: outside the workspace and .git are refused; an excluded and a secret-shaped file ask in the modal, and "no" is a refusal', async () => {
    const outside = await run('read_file', { path: '/etc/passwd' });
    assert.equal(outside.outcome.status, 'error');
    assert.match(outside.outcome.result, /^Refused: \/etc\/passwd is outside the workspace folder/);
    const git = await run('read_file', { path: '.git/config' });
    assert.match(git.outcome.result, /^Refused: \.git\/config is inside the \.git folder/);
    const gitWrite = await run('create_file', { path: '.git/hooks/pre-commit', content: 'echo hi' });
    assert.match(gitWrite.outcome.result, /^Refused: \.git\/hooks\/pre-commit is inside the \.git folder/);
    const climb = await run('edit_file', { path: '../outside.txt', edits: '<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE' });
    assert.match(climb.outcome.result, /is outside the workspace folder/);

    const excluded = await run('read_file', { path: 'agent/private/data.txt' });
    assert.equal(excluded.outcome.status, 'error');
    assert.match(excluded.outcome.result, /^Refused: the user chose not to let you read agent\/private\/data\.txt \(it is excluded in this workspace\)/);
    const secret = await run('read_file', { path: 'agent/.env' });
    assert.match(secret.outcome.result, /^Refused: the user chose not to let you read agent\/\.env \(it may hold secrets\)/);
    assert.deepEqual(confirmed.map((q) => q.message), [
      'The agent wants to read agent/private/data.txt, which is excluded in this workspace. Let it?',
      'The agent wants to read agent/.env, which looks like a file with secrets. Let it?',
    ]);
    assert.ok(!excluded.outcome.result.includes('EXCLUDED-CONTENT') && !secret.outcome.result.includes('not-a-real-token'));
    confirmAnswer = true;
    const yes = await run('read_file', { path: 'agent/.env' });
    assert.match(yes.outcome.result, /TOKEN=not-a-real-token/, 'an explicit yes reads it');
  });

  test('Restricted Mode refuses edits and commands with a reason the model receives; reads still work', async () => {
    const restore = toolbox.useRestricted(() => 'restricted for this test');
    try {
      assert.equal(toolbox.restricted(), 'restricted for this test');
      const edit = await run('create_file', { path: 'agent/never.txt', content: 'x' }, { answers: ['once'] });
      assert.equal(edit.outcome.status, 'error');
      assert.match(edit.outcome.result, /^Refused: the workspace is in Restricted Mode \(not trusted\), so the agent may not change files/);
      const command = await run('run_command', { command: 'echo hi' }, { answers: ['once'] });
      assert.match(command.outcome.result, /^Refused: the workspace is in Restricted Mode \(not trusted\), so the agent may not run commands/);
      assert.deepEqual([...edit.asked, ...command.asked], [], 'nothing was asked');
      assert.equal(existsSync(file('agent/never.txt').fsPath), false);
      assert.equal((await run('read_file', { path: 'agent/math.js' })).outcome.status, 'done');
    } finally {
      restore();
    }
    assert.equal(toolbox.restricted(), undefined, 'the test workspace is trusted');
  });

  test('edit_file on an open, dirty document: the diff shows while it asks, the user\'s other unsaved text stays, the file is saved', async () => {
    await write('agent/dirty.js', 'const a = 1;\nconst b = 2;\nconst c = 3;\n');
    const editor = await vscode.window.showTextDocument(file('agent/dirty.js'));
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// the user is typing\n'));
    assert.ok(editor.document.isDirty);
    let diffShown = false;
    const edited = await run('edit_file', { path: 'agent/dirty.js', edits: '<<<<<<< SEARCH\nconst c = 3;\n=======\nconst c = 30;\n>>>>>>> REPLACE' }, {
      answers: ['once'],
      onAsk: () => {
        diffShown = vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'infchat-agent');
      },
    });
    assert.equal(edited.outcome.status, 'done', edited.outcome.result);
    assert.deepEqual(edited.asked.map((a) => [a.kind, a.title]), [['edit', 'agent/dirty.js']]);
    assert.ok(diffShown, 'the proposal was shown as a diff while the card asked');
    assert.match(edited.outcome.result, /^Edited agent\/dirty\.js: 1 block\(s\) applied/);
    const expected = '// the user is typing\nconst a = 1;\nconst b = 2;\nconst c = 30;\n';
    assert.equal(editor.document.getText(), expected);
    assert.equal(editor.document.isDirty, false);
    assert.equal(disk('agent/dirty.js'), expected);
    await waitFor('the proposal diff closed', () => !vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'infchat-agent'), 5000);
  });

  test('edit_file: a block that does not match gives the precise error and changes nothing; a denied edit changes nothing', async () => {
    const before = disk('agent/math.js');
    const mismatch = await run('edit_file', { path: 'agent/math.js', edits: '<<<<<<< SEARCH\n  return a * b * c;\n=======\n  return a + b;\n>>>>>>> REPLACE' }, { answers: ['once'] });
    assert.equal(mismatch.outcome.status, 'error');
    assert.match(mismatch.outcome.result, /^The edit was not applied \(no block was\): Block 1 of 1: the SEARCH text was not found in the file\. The most similar region is lines 2-2 \(\d+% similar\):\n2: {3}return a - b;\n/);
    assert.match(mismatch.outcome.result, /Copy the SEARCH lines exactly from the current file/);
    assert.deepEqual(mismatch.asked, [], 'nothing to approve');
    const denied = await run('edit_file', { path: 'agent/math.js', edits: '<<<<<<< SEARCH\n  return a - b;\n=======\n  return a + b;\n>>>>>>> REPLACE' }, { answers: ['deny'] });
    assert.equal(denied.outcome.status, 'denied');
    assert.match(denied.outcome.result, /^The user denied this edit of agent\/math\.js/);
    assert.equal(disk('agent/math.js'), before);
  });

  test('create_file refuses an existing file; a new one is created after approval', async () => {
    const exists = await run('create_file', { path: 'agent/math.js', content: 'x' }, { answers: ['once'] });
    assert.equal(exists.outcome.status, 'error');
    assert.equal(exists.outcome.result, 'agent/math.js already exists: use edit_file with SEARCH/REPLACE blocks to change it.');
    assert.deepEqual(exists.asked, []);
    const created = await run('create_file', { path: 'agent/new/hello.txt', content: 'hello' }, { answers: ['once'] });
    assert.equal(created.outcome.status, 'done', created.outcome.result);
    assert.deepEqual(created.asked.map((a) => a.kind), ['edit']);
    assert.equal(disk('agent/new/hello.txt'), 'hello\n');
  });

  test('auto-applied edits do not ask, except for a file that runs code', async () => {
    await vscode.workspace.getConfiguration('inferenceChat').update('agent.autoApplyEdits', true, vscode.ConfigurationTarget.Global);
    try {
      const auto = await run('create_file', { path: 'agent/auto.txt', content: 'auto' });
      assert.equal(auto.outcome.status, 'done', auto.outcome.result);
      assert.deepEqual(auto.asked, []);
      const tasks = await run('create_file', { path: '.vscode/tasks.json', content: '{}' }, { answers: ['deny'] });
      assert.deepEqual(tasks.asked.map((a) => a.kind), ['write'], 'a file that runs code always asks');
      assert.match(tasks.asked[0]!.detail ?? '', /tasks\.json/);
      assert.equal(tasks.outcome.status, 'denied');
      assert.equal(existsSync(file('.vscode/tasks.json').fsPath), false);
    } finally {
      await vscode.workspace.getConfiguration('inferenceChat').update('agent.autoApplyEdits', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('readWithoutAsking off: each read asks (kind tool), and a denial is a denial', async () => {
    await vscode.workspace.getConfiguration('inferenceChat').update('agent.readWithoutAsking', false, vscode.ConfigurationTarget.Global);
    try {
      const read = await run('read_file', { path: 'agent/math.js' }, { answers: ['deny'] });
      assert.deepEqual(read.asked.map((a) => [a.kind, a.title]), [['tool', 'read_file agent/math.js']]);
      assert.equal(read.outcome.status, 'denied');
    } finally {
      await vscode.workspace.getConfiguration('inferenceChat').update('agent.readWithoutAsking', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('run_command: asks with the exact line, folder and allow-list entry; output, exit code and PAGER=cat; "always" stops the asking', async () => {
    const line = node('console.log("PAGER=" + process.env.PAGER + " CI=" + process.env.CI); console.error("to stderr"); process.exit(2)');
    const ran = await run('run_command', { command: line }, { answers: ['once'] });
    assert.deepEqual(ran.asked.map((a) => [a.kind, a.title, a.detail]), [['command', line, `In ${root().fsPath}`]]);
    assert.equal(ran.outcome.status, 'done');
    assert.match(ran.outcome.result, /PAGER=cat CI=1/);
    assert.match(ran.outcome.result, /to stderr/);
    assert.match(ran.outcome.result, /\[exit code 2 in [\d.]+ s\]$/);
    assert.match(ran.outcome.summary ?? '', /^exit 2 in/);

    await toolbox.allowList.replace([]);
    const first = await run('run_command', { command: 'echo allowed-now' }, { answers: ['always'] });
    assert.equal(first.asked[0]?.allowEntry, 'echo allowed-now');
    assert.deepEqual(toolbox.allowList.entries(), ['echo allowed-now']);
    const again = await run('run_command', { command: 'echo allowed-now' });
    assert.deepEqual(again.asked, [], 'allowed by the workspace allow-list');
    assert.match(again.outcome.result, /^allowed-now$/m);
    const compound = await run('run_command', { command: 'echo allowed-now && echo other' }, { answers: ['deny'] });
    assert.equal(compound.asked.length, 1, 'a compound line with an unlisted command asks');
    assert.equal(compound.outcome.status, 'denied');
    assert.match(compound.outcome.result, /^The user denied running: echo allowed-now && echo other/);
  });

  test('run_command: a timeout ends the command and its grandchild (which would write a file later)', async () => {
    const pidFile = join(file('agent').fsPath, 'grandchild.pid');
    const lateFile = join(file('agent').fsPath, 'late.txt');
    const grandchild = `require("fs").writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setTimeout(() => require("fs").writeFileSync(${JSON.stringify(lateFile)}, "late"), 4000)`;
    const script = `require("child_process").spawn(process.execPath, ["-e", ${JSON.stringify(grandchild)}], { stdio: "inherit" }); console.log("parent up"); setInterval(() => {}, 1000)`;
    const ran = await run('run_command', { command: node(script), timeout_seconds: 2 }, { answers: ['once'] });
    assert.equal(ran.outcome.status, 'error');
    assert.match(ran.outcome.result, /\[Timed out after 2 s: the command and every process it started were ended/);
    assert.match(ran.outcome.result, /parent up/);
    const pid = Number(await waitFor('the grandchild wrote its pid', () => (existsSync(pidFile) ? readFileSync(pidFile, 'utf8') : undefined), 5000));
    await waitFor('the grandchild is gone', () => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    }, 5000);
    assert.equal(existsSync(lateFile), false, 'the grandchild never wrote its late file');
  });

  test('run_command: a key-shaped string the command prints is redacted before the model sees it', async () => {
    const key = KEY_SHAPES[0]!.key;
    const reversed = [...key].reverse().join('');
    const ran = await run('run_command', { command: node(`console.log("key=" + ${JSON.stringify(reversed)}.split("").reverse().join(""))`) }, { answers: ['once'] });
    assert.equal(ran.outcome.status, 'done');
    assert.ok(!ran.outcome.result.includes(key), 'the key is not in the result');
    assert.ok(!(ran.outcome.output ?? '').includes(key), 'nor in the card');
    assert.match(ran.outcome.result, /key=\[redacted\]/);
  });

  test('checkpoints: undo restores an edited file and removes a created one; a file changed after the turn is a conflict', async () => {
    await write('agent/undo.txt', 'one\ntwo\n');
    const checkpoint = toolbox.beginCheckpoint();
    assert.equal(checkpoint.record(), undefined, 'nothing changed yet');
    const edited = await run('edit_file', { path: 'agent/undo.txt', edits: '<<<<<<< SEARCH\ntwo\n=======\nTWO\n>>>>>>> REPLACE' }, { answers: ['once'], checkpoint });
    assert.equal(edited.outcome.status, 'done', edited.outcome.result);
    await run('create_file', { path: 'agent/undo-created.txt', content: 'new' }, { answers: ['once'], checkpoint });
    await run('run_command', { command: 'echo ran' }, { answers: ['once'], checkpoint });
    const record = checkpoint.record()!;
    assert.deepEqual(record.files.map((f) => [vscode.workspace.asRelativePath(f.path), f.created, typeof f.afterHash]), [['agent/undo.txt', false, 'string'], ['agent/undo-created.txt', true, 'string']]);
    assert.equal(record.commandsRan, true);
    assert.equal(disk('agent/undo.txt'), 'one\nTWO\n');
    assert.deepEqual(await toolbox.undo(record), { ok: true, restored: 1, removed: 1 });
    assert.equal(disk('agent/undo.txt'), 'one\ntwo\n');
    assert.equal(existsSync(file('agent/undo-created.txt').fsPath), false);

    const second = toolbox.beginCheckpoint();
    await run('edit_file', { path: 'agent/undo.txt', edits: '<<<<<<< SEARCH\none\n=======\nONE\n>>>>>>> REPLACE' }, { answers: ['once'], checkpoint: second });
    await write('agent/undo.txt', 'ONE\ntwo\nthe user added this later\n');
    let asked: readonly string[] = [];
    const restore = toolbox.checkpoints.useConflictAnswer(async (names) => {
      asked = names;
      return 'skip';
    });
    try {
      assert.deepEqual(await toolbox.undo(second.record()!), { ok: true, restored: 0, removed: 0 });
      assert.deepEqual(asked, ['agent/undo.txt']);
      assert.equal(disk('agent/undo.txt'), 'ONE\ntwo\nthe user added this later\n', 'skipped: the user\'s text stays');
      toolbox.checkpoints.useConflictAnswer(async () => 'overwrite');
      assert.deepEqual(await toolbox.undo(second.record()!), { ok: true, restored: 1, removed: 0 });
      assert.equal(disk('agent/undo.txt'), 'one\ntwo\n', 'overwrite: restored as before the turn');
    } finally {
      restore();
    }
  });

  test('checkpoints: a second attempt at a turn continues its checkpoint; undo goes back to before the first', async () => {
    await write('agent/again-a.txt', 'a1\n');
    await write('agent/again-b.txt', 'b1\n');
    const first = toolbox.beginCheckpoint();
    await run('edit_file', { path: 'agent/again-a.txt', edits: '<<<<<<< SEARCH\na1\n=======\na2\n>>>>>>> REPLACE' }, { answers: ['once'], checkpoint: first });
    const firstRecord = first.record()!;
    const again = toolbox.beginCheckpoint(firstRecord);
    assert.deepEqual(again.record(), firstRecord, 'nothing changed yet in this attempt: the first attempt\'s record');
    await run('edit_file', { path: 'agent/again-a.txt', edits: '<<<<<<< SEARCH\na2\n=======\na3\n>>>>>>> REPLACE' }, { answers: ['once'], checkpoint: again });
    await run('edit_file', { path: 'agent/again-b.txt', edits: '<<<<<<< SEARCH\nb1\n=======\nb2\n>>>>>>> REPLACE' }, { answers: ['once'], checkpoint: again });
    const record = again.record()!;
    assert.equal(record.id, firstRecord.id);
    assert.deepEqual(record.files.map((f) => vscode.workspace.asRelativePath(f.path)), ['agent/again-a.txt', 'agent/again-b.txt']);
    assert.deepEqual(await toolbox.undo(record), { ok: true, restored: 2, removed: 0 });
    assert.equal(disk('agent/again-a.txt'), 'a1\n', 'the original from before the first attempt');
    assert.equal(disk('agent/again-b.txt'), 'b1\n');
  });

  test('a chosen VS Code tool is offered and invoked through vscode.lm after the user allows it', async () => {
    await vscode.workspace.getConfiguration('chat').update('disableAIFeatures', false, vscode.ConfigurationTarget.Global);
    const registration = vscode.lm.registerTool<{ text: string }>(ECHO_TOOL, {
      invoke: (options) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(`echo: ${options.input.text}`)]),
    });
    try {
      await waitFor('the test tool in vscode.lm.tools', () => vscode.lm.tools.some((t) => t.name === ECHO_TOOL), 10_000);
      assert.ok(!toolbox.definitions([]).some((d) => d.function.name === ECHO_TOOL), 'not offered unless chosen');
      const offered = toolbox.definitions([ECHO_TOOL]);
      assert.ok(offered.some((d) => d.function.name === ECHO_TOOL));
      const ran = await run(ECHO_TOOL, { text: 'hi' }, { answers: ['once'] });
      assert.deepEqual(ran.asked.map((a) => [a.kind, a.title]), [['tool', ECHO_TOOL]]);
      assert.equal(ran.outcome.status, 'done');
      assert.equal(ran.outcome.result, 'echo: hi');
      const denied = await run(ECHO_TOOL, { text: 'no' }, { answers: ['deny'] });
      assert.equal(denied.outcome.status, 'denied');
    } finally {
      registration.dispose();
      await vscode.workspace.getConfiguration('chat').update('disableAIFeatures', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
