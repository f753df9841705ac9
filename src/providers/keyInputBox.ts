// The API key's input box, which checks the key too: after Enter it stays open and busy, saying "Checking the key
// with …", until the provider answered. So no progress notification outlives the result (VS Code keeps one on
// screen at least 800 ms after its task ended: "Checking the key with …" stood beside "API key … saved"). A key
// the provider rejects keeps the box open with the reason, to paste the right one; Escape stops the check.
import * as vscode from 'vscode';
import { validateApiKeyInput } from './core/apiKeyInput';

export type KeyCheck = { ok: true } | { ok: false; error: unknown };

export interface KeyInputOptions {
  title: string;
  prompt: string;
  /** Shown while the check runs. */
  checking: string;
  check: (key: string, signal: AbortSignal) => Promise<KeyCheck>;
  /** Why the box stays open for another try (the key was rejected); undefined: the caller decides what follows. */
  rejection: (result: Extract<KeyCheck, { ok: false }>, key: string) => string | undefined;
}

/** The key typed and what its check said; undefined when the box was closed (Escape) before. */
export function askAndCheckKey(options: KeyInputOptions): Promise<{ key: string; result: KeyCheck } | undefined> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    let checking: AbortController | undefined;
    let done = false;
    const finish = (answer: { key: string; result: KeyCheck } | undefined): void => {
      if (done) return;
      done = true;
      resolve(answer);
      box.dispose();
    };
    box.title = options.title;
    box.prompt = options.prompt;
    box.password = true;
    box.ignoreFocusOut = true;
    box.onDidChangeValue((text) => (box.validationMessage = text ? validateApiKeyInput(text) : undefined));
    box.onDidHide(() => {
      checking?.abort();
      finish(undefined);
    });
    box.onDidAccept(async () => {
      if (checking) return;
      const problem = validateApiKeyInput(box.value);
      if (problem) {
        box.validationMessage = problem;
        return;
      }
      const key = box.value.trim();
      checking = new AbortController();
      box.busy = true;
      box.enabled = false;
      box.validationMessage = undefined;
      box.prompt = options.checking;
      const result = await options.check(key, checking.signal).catch((error: unknown): KeyCheck => ({ ok: false, error }));
      if (done) return; // closed meanwhile: nothing more to say
      checking = undefined;
      const rejected = result.ok ? undefined : options.rejection(result, key);
      if (rejected === undefined) return finish({ key, result });
      box.busy = false;
      box.enabled = true;
      box.prompt = options.prompt;
      box.validationMessage = rejected;
    });
    box.show();
  });
}
