// The VS Code side effects the chat asks for (implemented in src/views/editorChatHost.ts), and the checks the
// host side makes before it hands anything to VS Code.
import type { ErrorAction } from '../common/appError';
import type { Logger } from '../common/logger';
import { l10n } from '../common/l10n';
import type { ApplyRequest } from '../apply/core/applyRequest';

export interface ChatHost {
  copyText(text: string): Promise<void>;
  /** Inserts into the active editor; returns a message for the user when there is none. */
  insertCode(code: string, language?: string): Promise<string | undefined>;
  openInEditor(code: string, language?: string): Promise<void>;
  /** Shows the block as a diff against its target (Accept / Reject there); returns a message for the user when it cannot. */
  applyCode(request: ApplyRequest): Promise<string | undefined>;
  openExternal(href: string): Promise<void>;
  /** Runs the VS Code command behind an error action, or the reasoning-effort picker. */
  runCommand(action: Exclude<ErrorAction, 'retry' | 'dropOldest' | 'newChat' | 'openBilling'> | 'pickReasoningEffort'): Promise<void>;
  showMarkdown(fileName: string, markdown: string): Promise<void>;
  /** Shows a text read-only (a workspace's system prompt), titled `title`. */
  showReadOnly(title: string, text: string): Promise<void>;
}

const ALLOWED_LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * Opens a link from a message through VS Code, only for http, https and mailto (without its query: no body,
 * cc, bcc or attach a reply could prefill); otherwise says why not. Logs the scheme and host only.
 */
export async function openLink(host: ChatHost, href: string, warn: (message: string) => void, log: Pick<Logger, 'info'>): Promise<void> {
  let url: URL | undefined;
  try {
    url = new URL(href);
  } catch {
    url = undefined;
  }
  if (!url || !ALLOWED_LINK_PROTOCOLS.has(url.protocol)) {
    const shown = href.length > 80 ? `${href.slice(0, 79)}…` : href;
    warn(l10n.t('Not opened: only http, https and mailto links can be opened from the chat ({0}).', shown));
    return;
  }
  if (url.protocol === 'mailto:') {
    // Only the address: a reply could otherwise prefill a body, add cc/bcc recipients or ask to attach files.
    url.search = '';
    url.hash = '';
    if (!url.pathname) {
      warn(l10n.t('Not opened: the mail link has no address.'));
      return;
    }
  }
  // Scheme and host only: a path or query may carry a token.
  log.info(`Chat: opening a ${url.protocol.slice(0, -1)} link externally${url.host ? ` (${url.host})` : ''}.`);
  await host.openExternal(url.toString());
}
