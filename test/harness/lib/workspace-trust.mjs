// Trusting a folder explicitly in code-server's browser, with workspace trust left on.
// VS Code 1.139 keeps the trusted folders in the workbench's application-shared storage (StorageScope -2), key
// `content.trust.model.key`, value `{"uriTrustInfo":[{"uri":…,"trusted":true}]}`. In the web workbench (code-server)
// that storage is the browser's IndexedDB `vscode-web-state-db-global-shared`, object store `ItemTable` (key → JSON
// string), not a file of the server's profile; a folder's URI there is `vscode-remote://<the page's host:port><path>`.
// So a test's Chromium (an init script) and `npm start`'s opening page write the entry before the workbench starts.
// No code-server option sets it: --disable-workspace-trust and `security.workspace.trust.enabled` turn trust off.
import { randomBytes } from 'node:crypto';

export const TRUST_STORAGE = { database: 'vscode-web-state-db-global-shared', store: 'ItemTable', key: 'content.trust.model.key' };

/**
 * The stored trust state with `folders` (absolute paths on the code-server machine) trusted for `authority`
 * (the page's host:port). Keeps every entry already there. Self-contained: it also runs in the page.
 * @param {string|undefined} stored  the current value, if any
 * @returns {string}
 */
export function withTrustedFolders(stored, authority, folders) {
  let state;
  try { state = JSON.parse(stored); } catch { state = undefined; }
  if (!state || typeof state !== 'object' || Array.isArray(state)) state = {};
  const list = Array.isArray(state.uriTrustInfo) ? state.uriTrustInfo : [];
  const same = (a, b) => !!a && a.scheme === b.scheme && a.authority === b.authority && a.path === b.path;
  const added = folders
    .map((path) => ({ scheme: 'vscode-remote', authority, path }))
    .filter((uri) => !list.some((entry) => entry && entry.trusted === true && same(entry.uri, uri)))
    .map((uri) => ({ uri, trusted: true }));
  return JSON.stringify({ ...state, uriTrustInfo: [...list, ...added] });
}

/* global window, indexedDB, location -- trustInThisBrowser runs in the page */
/** Runs in the page (top frame only): adds the folders to this browser's trusted ones; settles when written. */
function trustInThisBrowser({ database, store, key, folders }, merge) {
  if (window.top !== window || folders.length === 0) return Promise.resolve(false);
  return new Promise((resolve) => {
    const open = indexedDB.open(database);
    open.onupgradeneeded = () => { if (!open.result.objectStoreNames.contains(store)) open.result.createObjectStore(store); };
    open.onerror = () => resolve(false);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(store, 'readwrite');
      const items = tx.objectStore(store);
      const current = items.get(key);
      current.onsuccess = () => items.put(merge(current.result, location.host, folders), key);
      tx.oncomplete = () => { db.close(); resolve(true); };
      tx.onerror = tx.onabort = () => { db.close(); resolve(false); };
    };
  });
}

/**
 * A script (an expression evaluating to a promise) that trusts `folders` in the browser that runs it. As a
 * Playwright init script it runs before the workbench opens the same database, and IndexedDB runs transactions
 * on one store in the order they were made, so the workbench reads the folders as trusted from its start.
 */
export function trustFoldersScript(folders) {
  const args = JSON.stringify({ ...TRUST_STORAGE, folders }).replace(/</g, '\\u003c');
  return `(${trustInThisBrowser.toString()})(${args}, ${withTrustedFolders.toString()})`;
}

/** Answers with a page that trusts `folders` in this browser, then goes on to `next` (a same-origin URL). */
export function serveTrustPage(res, { folders, next }) {
  const nonce = randomBytes(16).toString('base64');
  const target = JSON.stringify(next).replace(/</g, '\\u003c');
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'`,
  });
  res.end(`<!doctype html><meta charset="utf-8"><title>Inference Chat</title><p>Opening VS Code…</p>
<script nonce="${nonce}">${trustFoldersScript(folders)}.finally(() => location.replace(${target}));</script>\n`);
}
