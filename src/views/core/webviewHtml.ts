// The chat view's HTML: a strict Content-Security-Policy (nothing but our own bundle, loaded by nonce),
// the stylesheet, an empty #app the webview script fills. Pure, so it is unit-tested without VS Code.
export interface WebviewHtmlInput {
  /** webview.cspSource */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** A fresh value per render. */
  nonce?: string;
  /** The display language (vscode.env.language), for <html lang>. */
  language?: string;
  /** VS Code's l10n bundle for that language, as JSON (the webview's strings are looked up in it). */
  l10nBundle?: string;
}

/** 18 random bytes, base64. Web Crypto rather than node:crypto: nothing to load when the extension starts. */
export function newNonce(): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(18))).toString('base64');
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderChatHtml(input: WebviewHtmlInput): string {
  const nonce = input.nonce ?? newNonce();
  const csp = [
    "default-src 'none'",
    `style-src ${input.cspSource}`,
    `font-src ${input.cspSource}`,
    `img-src ${input.cspSource} data:`,
    // The nonce alone: `cspSource` (https://*.vscode-cdn.net) would allow every file any extension serves from
    // that origin. The lazy highlight.js chunks still load: they are ES modules imported by the nonce'd module
    // script, and a module script's imports (static and dynamic import()) are fetched with its nonce (HTML's
    // "descendant script fetch options"), so no 'strict-dynamic' is needed. The e2e flows check that code is
    // highlighted with no CSP violation.
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeAttr(input.language ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(input.styleUri)}">
<title>Inference Chat</title>
</head>
<body>
<div id="app" data-l10n="${escapeAttr(input.l10nBundle ?? '{}')}"></div>
<script type="module" nonce="${escapeAttr(nonce)}" src="${escapeAttr(input.scriptUri)}"></script>
</body>
</html>`;
}
