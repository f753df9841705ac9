// Records what the extension host posts to the chat webview and lets a test wait for a message that matches.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { HostToWebview, MessageView } from '../../../src/protocol';
import type { ExtensionApi } from '../../../src/services';

export type Posted<T extends HostToWebview['type']> = Extract<HostToWebview, { type: T }>;

/** Records what the host posts and lets a test wait for a message that matches. */
export class PostRecorder implements vscode.Disposable {
  readonly messages: HostToWebview[] = [];
  private readonly waiters: Array<{ test: (m: HostToWebview) => boolean; resolve: (m: HostToWebview) => void }> = [];
  private readonly subscription: vscode.Disposable;

  constructor(api: ExtensionApi) {
    this.subscription = api.chat.onDidPostMessage((m) => {
      this.messages.push(m);
      for (const w of [...this.waiters]) {
        if (w.test(m)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    });
  }

  /** The first message from now on of this type that matches. */
  next<T extends HostToWebview['type']>(type: T, match: (m: Posted<T>) => boolean = () => true): Promise<Posted<T>> {
    return new Promise((resolve) => {
      this.waiters.push({ test: (m) => m.type === type && match(m as Posted<T>), resolve: resolve as (m: HostToWebview) => void });
    });
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

  dispose(): void {
    this.subscription.dispose();
  }
}

