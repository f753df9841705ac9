// Localisation for code that must not import `vscode` (the pure layers): `l10n.t` has the signature of
// `vscode.l10n.t`, so @vscode/l10n-dev extracts its strings into l10n/bundle.l10n.json like the host's own.
// extension.ts installs VS Code's translator at activation; until then (and in plain Node tests) the English
// text is used, with its {0} {1}… placeholders filled in.

export type L10nArg = string | number | boolean;
type Translator = (message: string, args: readonly L10nArg[]) => string;

/** Fills `{0}`, `{1}`… with the arguments (what vscode.l10n.t does for the English original). */
export function format(message: string, args: readonly L10nArg[]): string {
  return message.replace(/\{(\d+)\}/g, (match, index: string) => {
    const arg = args[Number(index)];
    return arg === undefined ? match : String(arg);
  });
}

// On globalThis under a registered symbol: the lazily loaded chunks (src/chunks.ts) carry their own copy of
// this module, and must translate with the translator the main bundle installed.
const TRANSLATOR = Symbol.for('inferenceChat.l10n.translator');
const shared = globalThis as { [TRANSLATOR]?: Translator };

export const l10n = {
  /** The message in the display language; `{0}`, `{1}`… are replaced by the arguments. */
  t(message: string, ...args: L10nArg[]): string {
    return (shared[TRANSLATOR] ?? format)(message, args);
  },
};

/** Installs the display language's translator (VS Code's), at activation. */
export function setTranslator(translator: Translator): void {
  shared[TRANSLATOR] = translator;
}
