// The `vscode` module as far as the inline completion path uses it (InlineProvider, DocumentContext), for the
// completion benchmark and the provider's unit tests in plain Node: positions, ranges, a text document that is typed into, events, cancellation
// tokens. Explicit on purpose: anything else the path starts to use is undefined and fails loudly, not a silent no-op.
import Module from 'node:module';
import * as path from 'node:path';

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(start: Position, end: Position) {
    this.start = start;
    this.end = end;
  }
}

export class InlineCompletionItem {
  constructor(
    readonly insertText: string,
    readonly range?: Range,
  ) {}
}

class Disposable {
  constructor(private readonly fn: () => void) {}
  dispose(): void {
    this.fn();
  }
}

type Listener<T> = (e: T) => unknown;

export class EventEmitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
}

class Uri {
  constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

/** A text document the benchmark types into at its cursor (what VS Code's TextDocument gives the provider). */
export class BenchDocument {
  readonly uri: Uri;
  readonly languageId = 'typescript';
  private lineStarts: number[] = [0];
  cursor: number;

  constructor(
    relativePath: string,
    private text: string,
    cursor: number,
  ) {
    this.uri = new Uri('file', `/bench-workspace/${relativePath}`);
    this.cursor = cursor;
    this.index();
  }

  /** Types `typed` at the cursor; returns the change as VS Code's onDidChangeTextDocument reports it. */
  type(typed: string): { document: BenchDocument; contentChanges: Array<{ range: Range; text: string }> } {
    const at = this.positionAt(this.cursor);
    this.text = this.text.slice(0, this.cursor) + typed + this.text.slice(this.cursor);
    this.cursor += typed.length;
    this.index();
    return { document: this, contentChanges: [{ range: new Range(at, at), text: typed }] };
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  get position(): Position {
    return this.positionAt(this.cursor);
  }

  getText(range?: Range): string {
    return range ? this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }

  lineAt(line: number): { text: string; range: Range } {
    const start = this.lineStarts[line]!;
    const next = this.lineStarts[line + 1];
    const end = next === undefined ? this.text.length : next - 1;
    return { text: this.text.slice(start, end), range: new Range(new Position(line, 0), new Position(line, end - start)) };
  }

  offsetAt(p: Position): number {
    return Math.min((this.lineStarts[p.line] ?? this.text.length) + p.character, this.text.length);
  }

  positionAt(offset: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return new Position(lo, offset - this.lineStarts[lo]!);
  }

  private index(): void {
    const starts = [0];
    for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }
}

/** VS Code's CancellationTokenSource: the editor cancels a provider call when the next keystroke comes. */
export class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  private cancelled = false;
  readonly token = {
    isCancellationRequested: false,
    onCancellationRequested: (listener: () => unknown): Disposable => this.emitter.event(listener),
  };
  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
}

export const onDidChangeTextDocument = new EventEmitter<ReturnType<BenchDocument['type']>>();

const vscodeModule = {
  Position,
  Range,
  InlineCompletionItem,
  InlineCompletionTriggerKind: { Invoke: 0, Automatic: 1 },
  NotebookCellKind: { Markup: 1, Code: 2 },
  EventEmitter,
  Disposable,
  workspace: {
    onDidChangeTextDocument: onDidChangeTextDocument.event,
    onDidCloseTextDocument: new EventEmitter<unknown>().event,
    notebookDocuments: [],
    asRelativePath: (uri: Uri) => uri.path.replace('/bench-workspace/', ''),
    getWorkspaceFolder: () => ({ name: 'bench-workspace' }),
  },
  window: { onDidChangeVisibleTextEditors: new EventEmitter<unknown>().event },
};

type ModuleInternals = typeof Module & { _resolveFilename(request: string, ...rest: unknown[]): string };

/** From now on, `require('vscode')` in this process is this stub (a cache entry under a made-up file name). */
export function installVscodeStub(): void {
  const id = path.join(__dirname, 'vscode-stub-for-completions.js');
  if (require.cache[id]) return;
  const internals = Module as ModuleInternals;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the right `this`
  const resolve = internals._resolveFilename;
  internals._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? id : resolve.call(this, request, ...rest);
  };
  const stub = new Module(id);
  stub.filename = id;
  stub.loaded = true;
  stub.exports = vscodeModule;
  require.cache[id] = stub;
}
