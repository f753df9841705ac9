// Texts shown read-only in an editor (a workspace's system prompt, as a message was sent with it): documents of
// the extension's own scheme, whose content only this provider gives, so VS Code opens them read-only.
import * as vscode from 'vscode';

export const READ_ONLY_SCHEME = 'inference-chat-text';

export class ReadOnlyTexts implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(READ_ONLY_SCHEME, this);
  private next = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Opens `text` in a read-only editor titled `title` (each call its own document: an older one keeps its text). */
  async show(title: string, text: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: READ_ONLY_SCHEME, path: `/${title}`, query: String(++this.next) });
    this.texts.set(uri.toString(), text);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.texts.clear();
  }
}
