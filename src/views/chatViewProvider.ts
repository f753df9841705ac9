// The sidebar webview view. It renders the HTML shell and shuttles messages; all state lives in the
// host (ChatController). A view may be hidden (its page destroyed), disposed and re-created at any
// time: messages are forwarded only after the page said `ready` and got its `state`.
import * as vscode from 'vscode';
import { DisposableStore } from '../common/disposables';
import type { Logger } from '../common/logger';
import type { HostToWebview } from '../protocol';
import { renderChatHtml } from './webviewHtml';


export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  /** What belongs to the current view; cleared when it goes away, the provider lives on. */
  private readonly viewDisposables = new DisposableStore();
  /** The page said `ready`; it gets nothing until its `state` is posted. */
  private awaitingState = false;
  /** The page has its state: deltas and updates may flow. */
  private live = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onMessage: (raw: unknown) => Promise<void>,
    private readonly log: Logger,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    view.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [dist, vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    view.webview.html = renderChatHtml({
      cspSource: view.webview.cspSource,
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
    });
    this.viewDisposables.add(
      view.webview.onDidReceiveMessage((raw: unknown) => {
        if (isReady(raw)) {
          // A (re)loaded page: hold everything back until its full state goes out.
          this.live = false;
          this.awaitingState = true;
        }
        this.onMessage(raw).catch((err: unknown) => this.log.error('Chat view message failed', err));
      }),
    );
    this.viewDisposables.add(
      view.onDidChangeVisibility(() => {
        // Hidden without retainContextWhenHidden: the page is gone; it says `ready` again when shown.
        if (!view.visible) this.live = this.awaitingState = false;
      }),
    );
    this.viewDisposables.add(
      view.onDidDispose(() => {
        if (this.view === view) this.disposeView();
      }),
    );
  }

  /** Forwards a host message to the page if it is live (the `state` for a freshly ready page makes it live). */
  postToView(message: HostToWebview): void {
    const view = this.view;
    if (!view) return;
    if (message.type === 'state' && this.awaitingState) {
      this.awaitingState = false;
      this.live = true;
    }
    if (!this.live) return;
    view.webview.postMessage(message).then(
      (delivered) => {
        if (!delivered && message.type !== 'delta') this.log.debug(`Chat view did not take a "${message.type}" message.`);
      },
      () => undefined,
    );
  }

  private disposeView(): void {
    this.viewDisposables.clear();
    this.view = undefined;
    this.live = this.awaitingState = false;
  }

  dispose(): void {
    this.disposeView();
  }
}

function isReady(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'ready';
}
