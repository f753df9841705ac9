// A small owner of disposables: add() what you create, dispose() once, in reverse order. One failing
// dispose() does not stop the others. Structural, so it holds VS Code's Disposables without importing vscode.

export interface DisposableLike {
  dispose(): unknown;
}

export class DisposableStore implements DisposableLike {
  private items: DisposableLike[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Takes ownership of `item` (disposes it at once when the store is already disposed). */
  add<T extends DisposableLike>(item: T): T {
    if (this.disposed) {
      safeDispose(item);
      return item;
    }
    this.items.push(item);
    return item;
  }

  /** Disposes what is held now; the store stays usable (for per-view resources that come and go). */
  clear(): void {
    const items = this.items;
    this.items = [];
    for (let i = items.length - 1; i >= 0; i--) safeDispose(items[i]!);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clear();
  }
}

function safeDispose(item: DisposableLike): void {
  try {
    item.dispose();
  } catch (err) {
    console.error('Inference Chat: a dispose() failed', err);
  }
}
