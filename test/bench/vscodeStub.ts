// A stand-in for the `vscode` module, so the activation benchmark can load dist/extension.js in plain Node and call
// activate(). What activate() is known to use behaves like VS Code (events fire, URIs join, settings read as unset,
// no stored keys); everything else resolves to a harmless no-op: an object that can be called, constructed, awaited
// (to undefined) and disposed, whose properties are more of the same. activate() keeps changing, so a new call in
// it needs no change here; the calls that fell through to a no-op are recorded and printed by the benchmark.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What activate() did through the stub. */
export interface StubRecord {
  commands: string[];
  webviewViewProviders: string[];
  languageModelProviders: string[];
  statusBarItems: number;
  outputChannels: string[];
  /** API paths that were called but are not modelled, e.g. "window.onDidChangeActiveTextEditor". */
  noops: Set<string>;
}

type Listener = (e: unknown) => unknown;

class Disposable {
  static from(...items: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => {
      for (const d of items) d.dispose();
    });
  }
  private fn: (() => unknown) | undefined;
  constructor(fn: () => unknown) {
    this.fn = fn;
  }
  dispose(): void {
    const fn = this.fn;
    this.fn = undefined;
    fn?.();
  }
}

class EventEmitter {
  private listeners = new Set<Listener>();
  readonly event = (listener: Listener, thisArg?: unknown, disposables?: Disposable[]): Disposable => {
    const bound: Listener = (e) => listener.call(thisArg, e);
    this.listeners.add(bound);
    const d = new Disposable(() => this.listeners.delete(bound));
    disposables?.push(d);
    return d;
  };
  fire(e?: unknown): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

class Uri {
  static file(fsPath: string): Uri {
    return new Uri('file', '', path.resolve(fsPath).split(path.sep).join('/'));
  }
  static parse(value: string): Uri {
    const m = /^([a-z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i.exec(value);
    return m ? new Uri(m[1]!, m[2] ?? '', m[3] ?? '', m[4] ?? '', m[5] ?? '') : new Uri('file', '', value);
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return base.with({ path: path.posix.join(base.path, ...segments) });
  }
  static from(c: { scheme: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(c.scheme, c.authority ?? '', c.path ?? '', c.query ?? '', c.fragment ?? '');
  }
  constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query = '',
    readonly fragment = '',
  ) {}
  get fsPath(): string {
    return this.path.split('/').join(path.sep);
  }
  with(change: Partial<Pick<Uri, 'scheme' | 'authority' | 'path' | 'query' | 'fragment'>>): Uri {
    return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString(): string {
    return `${this.scheme}:${this.authority || this.scheme === 'file' ? `//${this.authority}` : ''}${this.path}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
  toJSON(): unknown {
    return { scheme: this.scheme, authority: this.authority, path: this.path, query: this.query, fragment: this.fragment };
  }
}

const resolvedThen = (onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown): Promise<unknown> =>
  Promise.resolve(undefined).then(onFulfilled, onRejected);

/**
 * The no-op for anything not modelled: callable (records the call, returns another no-op), constructible, thenable
 * (resolves to undefined), iterable (empty), '' as a primitive; its properties are no-ops too, and assignments stick.
 */
function noop(name: string, record: StubRecord): unknown {
  const props = new Map<PropertyKey, unknown>();
  const target = function stub(): void {};
  return new Proxy(target, {
    get(_t, prop) {
      if (props.has(prop)) return props.get(prop);
      if (prop === 'then') return resolvedThen;
      if (prop === Symbol.toPrimitive) return () => '';
      if (prop === Symbol.iterator) return function* empty(): Generator<never> {};
      if (typeof prop === 'symbol' || prop === 'toJSON' || prop === '__esModule') return undefined;
      const child = noop(`${name}.${prop}`, record);
      props.set(prop, child);
      return child;
    },
    set(_t, prop, value) {
      props.set(prop, value);
      return true;
    },
    apply() {
      record.noops.add(name);
      return noop(`${name}()`, record);
    },
    construct() {
      record.noops.add(`new ${name}`);
      return noop(`new ${name}()`, record) as object;
    },
  });
}

/** `known` with every other property a no-op (for objects the extension reaches into directly, like the context). */
function withNoops<T extends object>(name: string, known: T, record: StubRecord): T {
  const fallback = new Map<PropertyKey, unknown>();
  return new Proxy(known, {
    get(t, prop, receiver) {
      if (prop in t) return Reflect.get(t, prop, receiver);
      if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') return undefined;
      if (!fallback.has(prop)) fallback.set(prop, noop(`${name}.${prop}`, record));
      return fallback.get(prop);
    },
  });
}

/** The names `vscode` exports (namespaces, classes, enums, functions), from @types/vscode. */
export function vscodeApiNames(root: string): string[] {
  try {
    const dts = fs.readFileSync(path.join(root, 'node_modules/@types/vscode/index.d.ts'), 'utf8');
    return [...dts.matchAll(/^\texport (?:namespace|class|enum|const|let|var|function) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]!);
  } catch {
    return [];
  }
}

const disposable = (): Disposable => new Disposable(() => undefined);

/** Builds the `vscode` module and an ExtensionContext for one activation. */
export function createVscodeStub(
  root: string,
  storageDir: string,
  apiNames: readonly string[] = vscodeApiNames(root),
): { vscode: Record<string, unknown>; context: unknown; record: StubRecord } {
  const record: StubRecord = { commands: [], webviewViewProviders: [], languageModelProviders: [], statusBarItems: 0, outputChannels: [], noops: new Set() };
  const onDidChangeConfiguration = new EventEmitter();

  const window = withNoops(
    'window',
    {
      activeTextEditor: undefined,
      visibleTextEditors: [],
      createOutputChannel: (name: string, options?: unknown) => {
        record.outputChannels.push(name);
        const onDidChangeLogLevel = new EventEmitter();
        const channel = { name, logLevel: 3, onDidChangeLogLevel: onDidChangeLogLevel.event, dispose: () => onDidChangeLogLevel.dispose() };
        // {log: true} gives a LogOutputChannel: trace/debug/info/warn/error, plus append/appendLine/show/… (all no-ops here).
        const quiet = () => undefined;
        if (options && typeof options === 'object') Object.assign(channel, { trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet });
        return withNoops(`OutputChannel(${name})`, channel, record);
      },
      createStatusBarItem: (id?: unknown, alignment?: unknown, priority?: unknown) => {
        record.statusBarItems++;
        return withNoops('StatusBarItem', { id, alignment, priority, text: '', tooltip: undefined, command: undefined, name: undefined, show: () => undefined, hide: () => undefined, dispose: () => undefined }, record);
      },
      registerWebviewViewProvider: (viewId: string) => {
        record.webviewViewProviders.push(viewId);
        return disposable();
      },
      showInformationMessage: async () => undefined,
      showWarningMessage: async () => undefined,
      showErrorMessage: async () => undefined,
    },
    record,
  );

  const vscodeKnown: Record<string, unknown> = {
    version: '1.104.0',
    Disposable,
    EventEmitter,
    Uri,
    window,
    commands: withNoops(
      'commands',
      {
        registerCommand: (id: string) => {
          record.commands.push(id);
          return disposable();
        },
        executeCommand: async () => undefined,
        getCommands: async () => record.commands.slice(),
      },
      record,
    ),
    workspace: withNoops(
      'workspace',
      {
        workspaceFolders: undefined,
        // Every setting is unset: get() answers the caller's default, inspect() has no values at any level.
        getConfiguration: (section?: string) =>
          withNoops(
            'WorkspaceConfiguration',
            {
              get: (_key: string, defaultValue?: unknown) => defaultValue,
              has: () => false,
              inspect: (key: string) => ({ key: section ? `${section}.${key}` : key }),
              update: async () => undefined,
            },
            record,
          ),
        onDidChangeConfiguration: onDidChangeConfiguration.event,
      },
      record,
    ),
    lm: withNoops(
      'lm',
      {
        registerLanguageModelChatProvider: (vendor: string) => {
          record.languageModelProviders.push(vendor);
          return disposable();
        },
      },
      record,
    ),
    env: withNoops('env', { language: 'en', appName: 'vscode-stub', uiKind: 1, openExternal: async () => false }, record),
    StatusBarAlignment: { Left: 1, Right: 2, 1: 'Left', 2: 'Right' },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    QuickPickItemKind: { Separator: -1, Default: 0 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    LanguageModelChatMessageRole: { User: 1, Assistant: 2 },
  };
  // A plain object with every export of the real module as an own property: the bundle copies the module's own
  // properties (esbuild's __toESM), so a proxy's invented properties would not survive; unknown ones are no-ops.
  const vscode: Record<string, unknown> = {};
  for (const name of apiNames) vscode[name] = noop(name, record);
  Object.assign(vscode, vscodeKnown);

  const memento = () => withNoops('Memento', { get: (_key: string, d?: unknown) => d, update: async () => undefined, keys: () => [], setKeysForSync: () => undefined }, record);
  const onDidChangeSecrets = new EventEmitter();
  const extensionUri = Uri.file(root);
  const packageJSON: unknown = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const context = withNoops(
    'ExtensionContext',
    {
      subscriptions: [] as Array<{ dispose(): unknown }>,
      extensionUri,
      extensionPath: root,
      extensionMode: 1,
      asAbsolutePath: (p: string) => path.join(root, p),
      globalStorageUri: Uri.file(storageDir),
      globalStoragePath: storageDir,
      storageUri: undefined,
      storagePath: undefined,
      logUri: Uri.file(path.join(storageDir, 'log')),
      logPath: path.join(storageDir, 'log'),
      globalState: memento(),
      workspaceState: memento(),
      secrets: withNoops(
        'SecretStorage',
        { get: async () => undefined, store: async () => undefined, delete: async () => undefined, keys: async () => [], onDidChange: onDidChangeSecrets.event },
        record,
      ),
      extension: withNoops('Extension', { id: 'infchat.inference-chat', extensionUri, extensionPath: root, isActive: true, packageJSON }, record),
    },
    record,
  );
  return { vscode, context, record };
}
