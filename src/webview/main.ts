// Entry of the webview bundle: styles, the host connection, the app, and the `ready` handshake.
import './styles/index.css';
import type { HostToWebview } from '../protocol';
import { ChatApp } from './app';
import { connectHost } from './host';
import { loadBundle } from './pageL10n';
import { createSanitizer } from './render/sanitize';

const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
loadBundle(root.dataset.l10n); // before any UI is built: every string goes through l10n.t
const host = connectHost();
const app = new ChatApp(root, host, { sanitizer: createSanitizer(window) });

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data;
  // Only the host posts into this frame; still ignore anything that isn't shaped like a protocol message.
  if (!data || typeof data !== 'object' || typeof (data as { type?: unknown }).type !== 'string') return;
  app.handle(data as HostToWebview);
});

host.post({ type: 'ready' });
app.focusInput();
