// The problems of a file after the agent changed it: VS Code's language services report them a moment after the
// change, so the result waits for the file's diagnostics to change — at most ~1.5 s, then it takes what is there.
import * as vscode from 'vscode';
import { problemLines } from './readTools';

const WAIT_MS = 1_500;

export async function problemsAfterChange(uri: vscode.Uri, change: () => Promise<void>): Promise<string[]> {
  const key = uri.toString();
  let changed: () => void = () => undefined;
  const seen = new Promise<void>((resolve) => (changed = resolve));
  const listener = vscode.languages.onDidChangeDiagnostics((e) => {
    if (e.uris.some((u) => u.toString() === key)) changed();
  });
  try {
    await change();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([seen, new Promise<void>((resolve) => (timer = setTimeout(resolve, WAIT_MS)))]);
    clearTimeout(timer);
  } finally {
    listener.dispose();
  }
  return problemLines(uri, vscode.languages.getDiagnostics(uri));
}
