// What the extension host posted to the chat webview, in order, and a way to wait for the next message that matches.
// Shared by the unit harnesses (a recording `post`) and the integration suites (the host's onDidPostMessage).
import type { HostToWebview } from '../../src/protocol';

export type Posted<T extends HostToWebview['type']> = Extract<HostToWebview, { type: T }>;

export class PostLog {
  readonly messages: HostToWebview[] = [];
  private readonly waiters: Array<{ test: (m: HostToWebview) => boolean; resolve: (m: HostToWebview) => void }> = [];

  /** Records one post and resolves the waiters it matches. */
  readonly record = (m: HostToWebview): void => {
    this.messages.push(m);
    for (const w of [...this.waiters]) {
      if (w.test(m)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };

  /** The first message from now on of this type that matches. */
  next<T extends HostToWebview['type']>(type: T, match: (m: Posted<T>) => boolean = () => true): Promise<Posted<T>> {
    return new Promise((resolve) => {
      this.waiters.push({ test: (m) => m.type === type && match(m as Posted<T>), resolve: resolve as (m: HostToWebview) => void });
    });
  }
}
