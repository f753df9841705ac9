// The bench page: the real webview bundle under the same CSP the host uses, a stubbed acquireVsCodeApi,
// and theme variables close to VS Code's Dark Modern / Light Modern defaults.

export const NONCE = 'benchNonce123';
export const ORIGIN = 'http://bench.invalid';

const CSP = `default-src 'none'; style-src ${ORIGIN}; font-src ${ORIGIN}; img-src ${ORIGIN} data:; script-src 'nonce-${NONCE}' ${ORIGIN};`;

export function webviewPage(theme: 'dark' | 'light'): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<link rel="stylesheet" href="${ORIGIN}/theme-${theme}.css">
<link rel="stylesheet" href="${ORIGIN}/dist/webview.css">
</head><body class="vscode-${theme}">
<div id="app"></div>
<script nonce="${NONCE}">
  window.__posted = [];
  window.__state = undefined;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(m),
    getState: () => window.__state,
    setState: (s) => { window.__state = s; },
  });
  // Time the webview's own frame and timer callbacks (where all its rendering and highlighting runs).
  window.__callbackTimes = { raf: [], timeout: [] };
  const timed = (kind, fn) => function (...args) {
    const start = performance.now();
    try { return fn.apply(this, args); } finally {
      const took = performance.now() - start;
      const list = window.__callbackTimes[kind];
      if (took > 4) list.push(took);
    }
  };
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf(timed('raf', cb));
  const st = window.setTimeout.bind(window);
  window.setTimeout = (cb, ms, ...rest) => (typeof cb === 'function' ? st(timed('timeout', cb), ms, ...rest) : st(cb, ms, ...rest));
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
</script>
<script type="module" nonce="${NONCE}" src="${ORIGIN}/dist/webview.js"></script>
</body></html>`;
}

export function naivePage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<link rel="stylesheet" href="${ORIGIN}/theme-dark.css">
<link rel="stylesheet" href="${ORIGIN}/dist/webview.css">
</head><body class="vscode-dark">
<div class="chat"><div class="messages"><div class="message"><div id="naive-out" class="markdown"></div></div></div></div>
<script src="${ORIGIN}/naive.js"></script>
</body></html>`;
}

const DARK = {
  'font-family': '-apple-system, BlinkMacSystemFont, "Segoe UI", system-ui, Ubuntu, sans-serif',
  'font-size': '13px',
  'editor-font-family': 'Menlo, Monaco, "Courier New", monospace',
  'editor-font-size': '12px',
  foreground: '#cccccc',
  'descriptionForeground': '#9d9d9d',
  'icon-foreground': '#cccccc',
  'sideBar-background': '#181818',
  'editor-background': '#1f1f1f',
  'editor-foreground': '#cccccc',
  'focusBorder': '#0078d4',
  'widget-border': '#313131',
  'input-background': '#313131',
  'input-foreground': '#cccccc',
  'input-border': '#3c3c3c',
  'input-placeholderForeground': '#989898',
  'button-background': '#0078d4',
  'button-foreground': '#ffffff',
  'button-hoverBackground': '#026ec1',
  'button-secondaryBackground': '#313131',
  'button-secondaryForeground': '#cccccc',
  'button-secondaryHoverBackground': '#3c3c3c',
  'toolbar-hoverBackground': 'rgba(90, 93, 94, 0.31)',
  'textLink-foreground': '#4daafc',
  'textLink-activeForeground': '#4daafc',
  'textPreformat-foreground': '#d0d0d0',
  'textPreformat-background': '#3c3c3c',
  'textCodeBlock-background': '#2b2b2b',
  'textBlockQuote-background': '#2b2b2b',
  'textBlockQuote-border': '#616161',
  'badge-background': '#616161',
  'badge-foreground': '#f8f8f8',
  'errorForeground': '#f85149',
  'editorWarning-foreground': '#cca700',
  'inputValidation-errorBackground': '#5a1d1d',
  'inputValidation-errorBorder': '#be1100',
  'debugTokenExpression-name': '#c586c0',
  'debugTokenExpression-string': '#ce9178',
  'debugTokenExpression-boolean': '#4e94ce',
  'debugTokenExpression-number': '#b5cea8',
  'symbolIcon-functionForeground': '#b180d7',
  'symbolIcon-classForeground': '#ee9d28',
  'symbolIcon-variableForeground': '#75beff',
  'editorWidget-background': '#202020',
  'list-hoverBackground': '#2a2d2e',
  'list-inactiveSelectionBackground': '#37373d',
  'chat-requestBackground': 'rgba(31, 31, 31, 0.62)',
  'chat-requestBorder': 'rgba(255, 255, 255, 0.1)',
};

const LIGHT: Record<string, string> = {
  ...DARK,
  foreground: '#3b3b3b',
  'descriptionForeground': '#3b3b3b',
  'icon-foreground': '#3b3b3b',
  'sideBar-background': '#f8f8f8',
  'editor-background': '#ffffff',
  'editor-foreground': '#3b3b3b',
  'focusBorder': '#005fb8',
  'widget-border': '#e5e5e5',
  'input-background': '#ffffff',
  'input-foreground': '#3b3b3b',
  'input-border': '#cecece',
  'input-placeholderForeground': '#767676',
  'button-background': '#005fb8',
  'button-hoverBackground': '#0258a8',
  'button-secondaryBackground': '#e5e5e5',
  'button-secondaryForeground': '#3b3b3b',
  'button-secondaryHoverBackground': '#cccccc',
  'toolbar-hoverBackground': 'rgba(184, 184, 184, 0.31)',
  'textLink-foreground': '#005fb8',
  'textLink-activeForeground': '#005fb8',
  'textPreformat-foreground': '#3b3b3b',
  'textPreformat-background': 'rgba(0, 0, 0, 0.1)',
  'textCodeBlock-background': '#f8f8f8',
  'textBlockQuote-background': '#f8f8f8',
  'textBlockQuote-border': '#e5e5e5',
  'badge-background': '#cccccc',
  'badge-foreground': '#3b3b3b',
  'errorForeground': '#f85149',
  'editorWarning-foreground': '#bf8803',
  'inputValidation-errorBackground': '#f2dede',
  'inputValidation-errorBorder': '#be1100',
  'debugTokenExpression-name': '#9b46b0',
  'debugTokenExpression-string': '#a31515',
  'debugTokenExpression-boolean': '#0000ff',
  'debugTokenExpression-number': '#098658',
  'symbolIcon-functionForeground': '#652d90',
  'symbolIcon-classForeground': '#d67e00',
  'symbolIcon-variableForeground': '#007acc',
  'editorWidget-background': '#f8f8f8',
  'list-hoverBackground': '#f2f2f2',
  'list-inactiveSelectionBackground': '#e4e6f1',
  'chat-requestBackground': 'rgba(255, 255, 255, 0.62)',
  'chat-requestBorder': 'rgba(0, 0, 0, 0.1)',
};

export function themeCss(theme: 'dark' | 'light'): string {
  const vars = theme === 'dark' ? DARK : LIGHT;
  const extra = process.env.BENCH_EXTRA_CSS ?? '';
  return `${extra}\n:root {\n${Object.entries(vars).map(([k, v]) => `  --vscode-${k}: ${v};`).join('\n')}\n}\n`;
}
