// A subscription to something that happens, in vscode.Event's shape (a VS Code event fits wherever this is asked
// for), so pure code can listen without importing `vscode`.
import type { DisposableLike } from './disposables';

export type Event<T> = (listener: (e: T) => unknown) => DisposableLike;
