// Texts shown read-only in an editor (a workspace's system prompt, as a message was sent with it): files of the
// extension's own read-only file system, so VS Code opens them read-only ("Cannot edit in read-only editor")
// and nothing can save over them.
import * as vscode from 'vscode';

export const READ_ONLY_SCHEME = 'inference-chat-text';

function notFound(uri: vscode.Uri): vscode.FileSystemError {
  return vscode.FileSystemError.FileNotFound(uri);
}

export class ReadOnlyTexts implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly texts = new Map<string, Uint8Array>();
  /** Registered on first use: activation does not pay for it. */
  private registration: vscode.Disposable | undefined;
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private next = 0;
  private readonly created = Date.now();

  /** Opens `text` in a read-only editor titled `title` (each call its own file: an older one keeps its text). */
  async show(title: string, text: string): Promise<void> {
    this.registration ??= vscode.workspace.registerFileSystemProvider(READ_ONLY_SCHEME, this, { isReadonly: true, isCaseSensitive: true });
    const uri = vscode.Uri.from({ scheme: READ_ONLY_SCHEME, path: `/${++this.next}/${title}` });
    this.texts.set(uri.path, new TextEncoder().encode(text));
    await vscode.window.showTextDocument(uri, { preview: true });
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const data = this.texts.get(uri.path);
    if (data) return { type: vscode.FileType.File, ctime: this.created, mtime: this.created, size: data.byteLength, permissions: vscode.FilePermission.Readonly };
    if ([...this.texts.keys()].some((path) => path.startsWith(`${uri.path.replace(/\/$/, '')}/`))) {
      return { type: vscode.FileType.Directory, ctime: this.created, mtime: this.created, size: 0 };
    }
    throw notFound(uri);
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const data = this.texts.get(uri.path);
    if (!data) throw notFound(uri);
    return data;
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.registration?.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}
