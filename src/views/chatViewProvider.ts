// The sidebar webview view. It renders the HTML shell and shuttles messages; all state lives in the
// host (ChatController). A view may be hidden (its page destroyed), disposed and re-created at any
// time: messages are forwarded only after the page said `ready` and got its `state`. Notices posted
// meanwhile are held for the next ready page, or become VS Code notifications (noticeQueue.ts).
import * as vscode from 'vscode';
import { DisposableStore } from '../common/disposables';
import type { Logger } from '../common/logger';
import type { HostToWebview } from '../protocol';
import { type HeldNotice, NOTICE_GRACE_MS, NoticeQueue } from '../chat/noticeQueue';
import { renderChatHtml } from './core/webviewHtml';

export interface ChatViewProviderOptions {
  /** A notice no view took in time (default: a VS Code notification). */
  notify?: (notice: HeldNotice) => void;
  /** Every message a live page took (the integration tests watch the held notices arrive). */
  delivered?: (message: HostToWebview) => void;
  /** How long a notice waits for a view before it becomes a notification (ms; default NOTICE_GRACE_MS). */
  noticeGraceMs?: () => number;
}

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  /** What belongs to the current view; cleared when it goes away, the provider lives on. */
  private readonly viewDisposables = new DisposableStore();
  /** The page said `ready`; it gets nothing until its `state` is posted. */
  private awaitingState = false;
  /** The page has its state: deltas and updates may flow. */
  private live = false;
  private readonly notices: NoticeQueue;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onMessage: (raw: unknown) => Promise<void>,
    private readonly log: Logger,
    private readonly options: ChatViewProviderOptions = {},
  ) {
    this.notices = new NoticeQueue({ graceMs: () => this.options.noticeGraceMs?.() ?? NOTICE_GRACE_MS, notify: (notice) => (this.options.notify ?? showNoticeNotification)(notice) });
  }

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
      language: vscode.env.language,
      l10nBundle: JSON.stringify(vscode.l10n.bundle ?? {}),
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

  /** Whether the chat view is on screen (an approval waiting while it is not is announced by a notification). */
  get visible(): boolean {
    return this.view?.visible === true;
  }

  /** Forwards a host message to the page if it is live (the `state` for a freshly ready page makes it live). */
  postToView(message: HostToWebview): void {
    const view = this.view;
    if (!this.live && message.type === 'notice') {
      this.notices.hold({ level: message.level, message: message.message });
      return;
    }
    if (!view) return;
    const becameLive = message.type === 'state' && this.awaitingState;
    if (becameLive) {
      this.awaitingState = false;
      this.live = true;
    }
    if (!this.live) return;
    this.deliver(view, message);
    // The page has its state: now the notices that waited for it.
    if (becameLive) for (const notice of this.notices.release()) this.deliver(view, { type: 'notice', ...notice });
  }

  private deliver(view: vscode.WebviewView, message: HostToWebview): void {
    view.webview.postMessage(message).then(
      (delivered) => {
        if (delivered) this.options.delivered?.(message);
        // The page went away before VS Code told us (hidden a moment ago): the next ready page gets the notice.
        else if (message.type === 'notice') this.notices.hold({ level: message.level, message: message.message });
        else if (message.type !== 'delta') this.log.debug(`Chat view did not take a "${message.type}" message.`);
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
    this.notices.dispose();
  }
}

/** A notice as a VS Code notification (no chat view took it in time). */
export function showNoticeNotification({ level, message }: HeldNotice): void {
  const text = vscode.l10n.t('Inference Chat: {0}', message);
  if (level === 'error') void vscode.window.showErrorMessage(text);
  else if (level === 'warning') void vscode.window.showWarningMessage(text);
  else void vscode.window.showInformationMessage(text);
}

function isReady(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'ready';
}
