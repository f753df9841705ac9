// The VS Code side effects the chat asks for (implemented in src/views/chatHost.ts), and the checks the
// host side makes before it hands anything to VS Code.
import type { ErrorAction } from '../common/errors';

export interface ChatHost {
  copyText(text: string): Promise<void>;
  /** Inserts into the active editor; returns a message for the user when there is none. */
  insertCode(code: string, language?: string): Promise<string | undefined>;
  openInEditor(code: string, language?: string): Promise<void>;
  openExternal(href: string): Promise<void>;
  runCommand(action: Exclude<ErrorAction, 'retry' | 'dropOldest' | 'newChat'>): Promise<void>;
  showMarkdown(fileName: string, markdown: string): Promise<void>;
}

const ALLOWED_LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Opens a link from a message through VS Code, only for http, https and mailto; otherwise says why not. */
export async function openLink(host: ChatHost, href: string, warn: (message: string) => void): Promise<void> {
  let url: URL | undefined;
  try {
    url = new URL(href);
  } catch {
    url = undefined;
  }
  if (!url || !ALLOWED_LINK_PROTOCOLS.has(url.protocol)) {
    const shown = href.length > 80 ? `${href.slice(0, 79)}…` : href;
    warn(`Not opened: only http, https and mailto links can be opened from the chat (${shown}).`);
    return;
  }
  await host.openExternal(url.toString());
}
