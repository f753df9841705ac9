// Localisation inside the webview: the host passes VS Code's bundle for the display language in the page
// (data-l10n on #app); `l10n.t` looks the English message up in it and fills in {0} {1}…. The extractor
// (@vscode/l10n-dev) finds these calls like the host's, so one bundle serves both.

type Bundle = Record<string, string | { message: string; comment?: string[] }>;

let bundle: Bundle = {};

/** The bundle from the page (missing or malformed: English). */
export function loadBundle(json: string | undefined): void {
  if (!json) return;
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) bundle = parsed as Bundle;
  } catch {
    bundle = {};
  }
}

export const l10n = {
  t(message: string, ...args: Array<string | number | boolean>): string {
    const entry = bundle[message];
    const text = typeof entry === 'string' ? entry : (entry?.message ?? message);
    return text.replace(/\{(\d+)\}/g, (match, index: string) => {
      const arg = args[Number(index)];
      return arg === undefined ? match : String(arg);
    });
  },
};
