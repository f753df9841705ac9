// The sidebar chat inside a real VS Code: the extension is driven exactly as the webview drives it
// (handleWebviewMessage), observed through onDidPostMessage, against the loopback fixture server
// configured through the real provider settings and SecretStorage.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Posted } from '../helpers/postRecorder';
import { DEFAULT_REPLY } from '../../fixtures/server';
import { fixtureChatSuite } from '../helpers/fixtureChatSuite';

const KEY = 'integration-key-not-secret';

async function reopenChatView(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await vscode.commands.executeCommand('inferenceChat.chatView.focus');
}

suite('chat: the sidebar chat host', () => {
  const fixture = fixtureChatSuite({ key: KEY });

  test('a round trip: user message, deltas, final reply with meta; the server got the key and the conversation', async () => {
    await fixture.api.chat.handleWebviewMessage({ type: 'send', text: 'Hello from the integration test' });

    const user = fixture.recorder.messages.find((m): m is Posted<'messageAdded'> => m.type === 'messageAdded' && m.message.role === 'user');
    assert.equal(user?.message.content, 'Hello from the integration test');
    const [reply] = fixture.recorder.assistantReplies();
    assert.ok(reply);
    const deltas = fixture.recorder.messages
      .filter((m): m is Posted<'delta'> => m.type === 'delta' && m.messageId === reply.id)
      .map((m) => m.text ?? '')
      .join('');
    const final = fixture.recorder.final(reply.id);
    assert.equal(final.status, 'done');
    assert.equal(final.content, DEFAULT_REPLY);
    assert.equal(deltas, DEFAULT_REPLY);
    assert.ok(final.meta?.model, 'meta names the model');
    assert.equal(typeof final.meta?.completionTokens, 'number');
    assert.equal(typeof final.meta?.ttftMs, 'number');

    const chat = fixture.server.requests.filter((r) => r.path.endsWith('/chat/completions'));
    assert.equal(chat.length, 1);
    assert.equal(chat[0]!.headers.authorization, `Bearer ${KEY}`);
    const body = chat[0]!.body as { stream: boolean; model: string; messages: Array<{ role: string; content: string }> };
    assert.equal(body.stream, true);
    assert.equal(body.model, final.meta?.model);
    assert.deepEqual(body.messages.at(-1), { role: 'user', content: 'Hello from the integration test' });
  });

  test('stop mid-stream keeps the text and marks the reply stopped', async () => {
    fixture.server.setScenario('slow', { count: 2000, intervalMs: 20 });
    const firstDelta = fixture.recorder.next('delta');
    const sending = fixture.api.chat.handleWebviewMessage({ type: 'send', text: 'A long answer, please' });
    const delta = await firstDelta;
    await fixture.api.chat.handleWebviewMessage({ type: 'stop' });
    await sending;
    const final = fixture.recorder.final(delta.messageId);
    assert.equal(final.status, 'stopped');
    assert.ok(final.content.length > 0, 'the text so far is kept');
    const busy = fixture.recorder.messages.filter((m): m is Posted<'busy'> => m.type === 'busy').map((m) => m.busy);
    assert.deepEqual(busy, [true, false]);
  });

  test('an error shows in place with the action that fixes it (401 → set API key)', async () => {
    fixture.server.setScenario('unauthorized');
    await fixture.api.chat.handleWebviewMessage({ type: 'send', text: 'hi' });
    const final = fixture.recorder.final(fixture.recorder.assistantReplies()[0]!.id);
    assert.equal(final.status, 'error');
    assert.equal(final.error?.kind, 'auth');
    assert.ok(final.error?.actions.includes('setApiKey'));
    assert.doesNotMatch(JSON.stringify(fixture.recorder.messages), new RegExp(KEY));
  });

  test('the conversation survives closing and reopening the view: a new ready gets the full state', async () => {
    await fixture.api.chat.handleWebviewMessage({ type: 'send', text: 'Remember me' });
    await fixture.api.chat.handleWebviewMessage({ type: 'draftChanged', text: 'typed, not sent' });
    const conversationId = fixture.recorder.messages.find((m): m is Posted<'messageAdded'> => m.type === 'messageAdded')!.conversationId;

    fixture.recorder.mark();
    const state = fixture.recorder.next('state', (s) => s.conversation.id === conversationId);
    await reopenChatView();
    const received = await state;
    assert.deepEqual(received.conversation.messages.map((m) => [m.role, m.status]), [['user', 'done'], ['assistant', 'done']]);
    assert.equal(received.conversation.messages[0]!.content, 'Remember me');
    assert.equal(received.conversation.messages[1]!.content, DEFAULT_REPLY);
    assert.equal(received.draft, 'typed, not sent');
    assert.equal(received.busy, false);
  });

  test('closing and reopening the view mid-stream: the new view gets what streamed so far, and the stream goes on', async () => {
    fixture.server.setScenario('slow', { count: 2000, intervalMs: 20 });
    const firstDelta = fixture.recorder.next('delta');
    const sending = fixture.api.chat.handleWebviewMessage({ type: 'send', text: 'Stream while I close the view' });
    const delta = await firstDelta;

    fixture.recorder.mark();
    const state = fixture.recorder.next('state', (s) => s.busy && s.conversation.messages.some((m) => m.id === delta.messageId));
    await reopenChatView();
    const received = await state;
    const partial = received.conversation.messages.find((m) => m.id === delta.messageId)!;
    assert.equal(partial.status, 'streaming');
    assert.ok(partial.content.length > 0);

    const later = await fixture.recorder.next('delta', (d) => d.messageId === delta.messageId);
    assert.ok((later.text ?? '').length > 0, 'deltas continue after the new state');
    await fixture.api.chat.handleWebviewMessage({ type: 'stop' });
    await sending;
    const final = fixture.recorder.final(delta.messageId);
    assert.equal(final.status, 'stopped');
    assert.ok(final.content.startsWith(partial.content), 'nothing streamed before the reopen was lost');
  });

  test('ask() shows the display text, sends the full prompt and resolves when the reply is done', async () => {
    fixture.server.setScenario('echo');
    await fixture.api.chat.ask({
      content: 'Explain:\n```ts\nconst answer = 42;\n```',
      display: 'Explain selection',
      context: { fileName: 'answer.ts', languageId: 'typescript', startLine: 1, endLine: 1 },
      systemPrompt: 'You explain code.',
    });
    const user = fixture.recorder.messages.find((m): m is Posted<'messageAdded'> => m.type === 'messageAdded' && m.message.role === 'user')!;
    assert.equal(user.message.content, 'Explain selection');
    assert.equal(user.message.context?.fileName, 'answer.ts');
    const final = fixture.recorder.final(fixture.recorder.assistantReplies()[0]!.id);
    assert.equal(final.status, 'done');
    assert.match(final.content, /const answer = 42;/);
    const body = fixture.server.requests.find((r) => r.path.endsWith('/chat/completions'))!.body as { messages: Array<{ role: string; content: string }> };
    assert.deepEqual(body.messages[0], { role: 'system', content: 'You explain code.' });
  });

  test('insertCode edits the active editor; export opens the conversation as Markdown', async () => {
    const doc = await vscode.workspace.openTextDocument({ content: 'before\n', language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await fixture.api.chat.handleWebviewMessage({ type: 'insertCode', code: 'inserted();' });
    assert.equal(doc.getText(), 'before\ninserted();');

    await fixture.api.chat.handleWebviewMessage({ type: 'send', text: 'Export me' });
    await vscode.commands.executeCommand('inferenceChat.exportConversation');
    const exported = vscode.window.activeTextEditor?.document;
    assert.equal(exported?.languageId, 'markdown');
    assert.equal(exported.uri.scheme, 'untitled');
    assert.equal(exported.uri.path.split('/').pop(), 'Export-me.md', 'Save proposes the conversation title as the name');
    assert.match(exported.getText(), /^# Export me\n/);
    assert.match(exported.getText(), /## You\n\nExport me/);
    // Revert the two untitled documents so closing them asks nothing.
    for (let i = 0; i < 2 && vscode.window.activeTextEditor; i++) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('malformed messages from the view are ignored', async () => {
    await fixture.api.chat.handleWebviewMessage({ type: 'send', text: 12 });
    await fixture.api.chat.handleWebviewMessage({ type: 'no-such-message' });
    await fixture.api.chat.handleWebviewMessage(undefined);
    assert.deepEqual(fixture.recorder.messages, []);
    assert.equal(fixture.server.requests.length, 0);
  });
});
