// The message list's one delegated click handler: links open through the host (never inside the webview), and
// every button inside a message says what it does with data-action.
import type { ErrorAction, WebviewToHost } from '../../protocol';
import { blockIndexOf, codeOf } from './codeBlock';
import type { MessageItem } from './messageItem';

export function onListClick(event: MouseEvent, list: HTMLElement, itemOf: (id: string) => MessageItem | undefined, post: (message: WebviewToHost) => void): void {
  const target = event.target as Element;
  const link = target.closest('a');
  if (link && list.contains(link)) {
    // No navigation inside the webview: the host validates the scheme and opens it externally. VS Code's
    // webview host also listens for clicks on links (on the window, ignoring preventDefault) and opens http,
    // https and mailto links itself — a second open that skips the host's checks (and would open a relative
    // link resolved against the webview's own URL): the click must not bubble up to it.
    event.preventDefault();
    event.stopPropagation();
    const href = link.getAttribute('href');
    if (href && !href.startsWith('#')) post({ type: 'openLink', href });
    return;
  }
  const button = target.closest<HTMLElement>('[data-action]');
  if (!button) return;
  const messageEl = button.closest<HTMLElement>('[data-testid="message"]');
  const item = messageEl?.dataset.id ? itemOf(messageEl.dataset.id) : undefined;
  switch (button.dataset.action) {
    case 'copy-code': {
      const code = codeOf(button);
      if (code) {
        post({ type: 'copyText', text: code.code });
        flashCopied(button);
      }
      break;
    }
    case 'insert-code': {
      const code = codeOf(button);
      if (code) post({ type: 'insertCode', ...code });
      break;
    }
    case 'apply-code': {
      const blockIndex = blockIndexOf(button);
      if (item && blockIndex !== undefined) post({ type: 'applyCode', messageId: item.id, blockIndex });
      break;
    }
    case 'open-code': {
      const code = codeOf(button);
      if (code) post({ type: 'openInEditor', ...code });
      break;
    }
    case 'copy-message':
      if (item) {
        post({ type: 'copyText', text: item.copyText() });
        flashCopied(button);
      }
      break;
    case 'regenerate':
      post({ type: 'regenerate' });
      break;
    case 'edit-last':
      item?.openEditor();
      break;
    case 'open-workspace-setting': {
      const setting = button.dataset.setting;
      if (item && setting) post({ type: 'openWorkspaceSetting', setting, messageId: item.id });
      break;
    }
    case 'run-action': {
      const action = button.dataset.errorAction as ErrorAction | undefined;
      if (action) post({ type: 'runAction', action, ...(item ? { messageId: item.id } : {}) });
      break;
    }
    case 'tool-decision': {
      const { callId, decision } = button.dataset;
      if (callId && (decision === 'once' || decision === 'always' || decision === 'deny')) post({ type: 'toolDecision', callId, decision });
      break;
    }
    case 'undo-turn':
      if (item) post({ type: 'undoTurn', messageId: item.id });
      break;
    case undefined: // not reachable (the button was found by [data-action]); listed so the switch is exhaustive
      break;
  }
}

function flashCopied(button: HTMLElement): void {
  const iconEl = button.querySelector('.codicon');
  iconEl?.classList.replace('codicon-copy', 'codicon-check');
  setTimeout(() => iconEl?.classList.replace('codicon-check', 'codicon-copy'), 1500);
}
