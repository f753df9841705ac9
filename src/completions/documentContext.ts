// What a suggestion is asked with, from the editor: the text around the cursor within a token budget (a notebook
// cell sees the cells around it), the file's workspace path and language, and snippets of recently edited and
// visible files of the same language. Every file passes the read gate (purpose 'completion': never asked about,
// an excluded, ignored or secret-shaped file is left out) before any of its text is used.
import * as vscode from 'vscode';
import type { ReadGate } from '../context/readGate';
import { cursorContext, SnippetRing, type ContextBudget } from './core/cursorContext';
import type { FimInput } from './core/fimTemplates';

/** Where completions may run: files, unsaved editors and notebook cells; never output, the SCM input, git views. */
const COMPLETION_SCHEMES = new Set(['file', 'untitled', 'vscode-notebook-cell']);
const GATE_TTL_MS = 5_000;
const BUDGET: ContextBudget = { maxPrefixTokens: 1_200, maxSuffixTokens: 400 };
const SNIPPET_TOKENS = 600;
/** Edits are noted in the snippet ring once typing pauses: noting reads the whole file, not worth a keystroke. */
const NOTE_DELAY_MS = 750;

export class DocumentContext implements vscode.Disposable {
  private readonly ring = new SnippetRing();
  /** The gate's answer per URI, for a few seconds: a keystroke costs no realpath and no ignore-file walk. */
  private readonly allowed = new Map<string, { ok: boolean; at: number }>();
  private readonly checking = new Map<string, Promise<boolean>>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly pendingEdits = new Map<vscode.TextDocument, number>();
  private noteTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly gate: Pick<ReadGate, 'mayRead'>) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((event) => this.queueEdit(event)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => void this.noteVisible(editors)),
      vscode.workspace.onDidCloseTextDocument((document) => this.ring.forget(relativePath(document.uri))),
    );
  }

  dispose(): void {
    clearTimeout(this.noteTimer);
    for (const s of this.subscriptions) s.dispose();
  }

  /** Whether completions may read this document at all (the scheme, and the read gate for its file). */
  async mayComplete(document: vscode.TextDocument): Promise<boolean> {
    if (!COMPLETION_SCHEMES.has(document.uri.scheme)) return false;
    return this.passes(gateUri(document));
  }

  /** The request's input for the cursor at `position`; `inserted` is text VS Code's suggest widget would insert first. */
  input(document: vscode.TextDocument, position: vscode.Position, inserted?: { range: vscode.Range; text: string }): FimInput {
    // A notebook cell is looked up once: its notebook gives the cells around it, the path and the repository.
    const notebook = document.uri.scheme === 'vscode-notebook-cell' ? notebookOf(document) : undefined;
    const { text, offset } = surroundingText(document, position, notebook, inserted);
    const { prefix, suffix } = cursorContext(text, offset, BUDGET);
    const fileUri = notebook?.uri ?? document.uri;
    const filePath = relativePath(fileUri);
    const repoName = vscode.workspace.getWorkspaceFolder(fileUri)?.name;
    return {
      prefix,
      suffix,
      filePath,
      languageId: document.languageId,
      snippets: this.ring.pick(filePath, document.languageId, SNIPPET_TOKENS),
      ...(repoName ? { repoName } : {}),
    };
  }

  private async passes(uri: vscode.Uri): Promise<boolean> {
    const key = uri.toString();
    const known = this.allowed.get(key);
    if (known && Date.now() - known.at < GATE_TTL_MS) return known.ok;
    // Keystrokes while the gate is asked share its one answer: one check, and their calls resume in their order.
    let checking = this.checking.get(key);
    if (!checking) {
      checking = this.check(uri, key).finally(() => this.checking.delete(key));
      this.checking.set(key, checking);
    }
    return checking;
  }

  private async check(uri: vscode.Uri, key: string): Promise<boolean> {
    const check = await this.gate.mayRead(uri, 'completion');
    const ok = check.decision.verdict === 'allowed';
    this.allowed.set(key, { ok, at: Date.now() });
    if (this.allowed.size > 500) this.allowed.delete(this.allowed.keys().next().value!);
    return ok;
  }

  private queueEdit(event: vscode.TextDocumentChangeEvent): void {
    const change = event.contentChanges[0];
    if (!change || !COMPLETION_SCHEMES.has(event.document.uri.scheme)) return;
    this.pendingEdits.set(event.document, change.range.start.line);
    clearTimeout(this.noteTimer);
    this.noteTimer = setTimeout(() => void this.noteEdits(), NOTE_DELAY_MS);
  }

  private async noteEdits(): Promise<void> {
    const edits = [...this.pendingEdits];
    this.pendingEdits.clear();
    for (const [document, line] of edits) {
      if (document.isClosed || !(await this.passes(gateUri(document)))) continue;
      this.ring.note(relativePath(gateUri(document)), document.languageId, document.getText(), line);
    }
  }

  private async noteVisible(editors: readonly vscode.TextEditor[]): Promise<void> {
    for (const editor of editors) {
      const { document } = editor;
      const line = editor.visibleRanges[0]?.start.line;
      if (line === undefined || !COMPLETION_SCHEMES.has(document.uri.scheme) || !(await this.passes(gateUri(document)))) continue;
      this.ring.note(relativePath(gateUri(document)), document.languageId, document.getText(), line);
    }
  }
}

/** The file the read gate judges: a notebook cell is judged by its notebook. */
function gateUri(document: vscode.TextDocument): vscode.Uri {
  if (document.uri.scheme !== 'vscode-notebook-cell') return document.uri;
  return notebookOf(document)?.uri ?? document.uri;
}

function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  return vscode.workspace.notebookDocuments.find((notebook) => notebook.getCells().some((cell) => cell.document === document));
}

/**
 * The text the budget is cut from, and the cursor's offset in it. In a notebook: the code cells of the same
 * language before and after this one, each a paragraph apart. With the suggest widget open: its item already in.
 */
function surroundingText(
  document: vscode.TextDocument,
  position: vscode.Position,
  notebook: vscode.NotebookDocument | undefined,
  inserted?: { range: vscode.Range; text: string },
): { text: string; offset: number } {
  let before = document.getText(new vscode.Range(new vscode.Position(0, 0), inserted ? inserted.range.start : position)) + (inserted?.text ?? '');
  let after = document.getText(new vscode.Range(inserted ? inserted.range.end : position, document.lineAt(document.lineCount - 1).range.end));
  if (notebook) {
    const cells = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === document.languageId);
    const index = cells.findIndex((c) => c.document === document);
    before = [...cells.slice(0, index).map((c) => c.document.getText()), before].join('\n\n');
    after = [after, ...cells.slice(index + 1).map((c) => c.document.getText())].join('\n\n');
  }
  return { text: before + after, offset: before.length };
}

function relativePath(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? vscode.workspace.asRelativePath(uri, false) : uri.path;
}
