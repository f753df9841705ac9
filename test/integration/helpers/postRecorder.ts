// Records what the extension host posts to the chat webview and lets a test wait for a message that matches.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { MessageView } from '../../../src/protocol';
import { PostLog, type Posted } from '../../helpers/postLog';
import type { ExtensionApi } from '../../../src/extensionApi';

export type { Posted };

/** Records what the host posts and lets a test wait for a message that matches. */
export class PostRecorder extends PostLog implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(api: ExtensionApi) {
    super();
    this.subscription = api.chat.onDidPostMessage(this.record);
  }

  final(messageId: string): MessageView {
    const updates = this.messages.filter((m): m is Posted<'messageUpdated'> => m.type === 'messageUpdated' && m.message.id === messageId);
    const last = updates[updates.length - 1];
    assert.ok(last, `no messageUpdated for ${messageId}`);
    return last.message;
  }

  assistantReplies(): MessageView[] {
    return this.messages
      .filter((m): m is Posted<'messageAdded'> => m.type === 'messageAdded' && m.message.role === 'assistant')
      .map((m) => m.message);
  }

  override dispose(): void {
    this.subscription.dispose();
    super.dispose();
  }
}

