// The ContextSource the chat uses (src/prompt/contextSource.ts), built on VS Code: the pickers, dropped URIs,
// the active editor as a suggestion (its selection when there is one), problems, the terminal, and the
// instructions file (re-read when it, the trust or the setting changes). Every file goes through the read gate:
// the page's URIs as 'drop', the user's picks as 'attach', the suggested chip as 'suggestion' (offered only for a
// file the gate allows without asking: never an excluded or secret-shaped one, nor one outside the workspace).
import * as vscode from 'vscode';
import { type AttachResult, selectionLabel } from '../prompt/attachments';
import type { ContextSource, InstructionsRead, Suggestion } from '../prompt/contextSource';
import { l10n } from '../common/l10n';
import { estimateTextTokens } from '../models/tokenEstimate';
import type { AttachSource } from '../protocol';
import { displayName, documentAttachment, fileFromUri, selectionFromEditor, selectionLines } from './editorFiles';
import type { ReadPurpose } from './core/readPolicy';
import { IGNORE_FILE_NAMES } from './exclusions';
import { INSTRUCTION_FILES, readInstructions } from './instructions';
import type { ReadGate } from './readGate';
import { pickEditors, pickFiles, pickSource } from './attachPickers';
import { problemsAttachment } from './problems';
import { TerminalOutput } from './terminalOutput';

const SUGGESTION_DEBOUNCE_MS = 200;

export class EditorContextSource implements ContextSource, vscode.Disposable {
  /** Whether the gate lets the suggestion show a document (by URI); judged once per document until a reset. */
  private readonly suggestible = new Map<string, boolean>();
  private readonly judging = new Set<string>();
  private readonly terminal = new TerminalOutput();
  private readonly changed = new vscode.EventEmitter<{ instructions: boolean }>();
  /** An instructions-related change is waiting in the debounce (else only the suggestion changed). */
  private instructionsChanged = false;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.terminal];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The last text editor (the chat view taking focus leaves activeTextEditor undefined). */
  private editor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;

  constructor(
    private readonly gate: ReadGate,
    private readonly instructionsFiles: () => readonly string[],
  ) {
    const soon = (instructions = false): void => {
      this.instructionsChanged ||= instructions;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        const event = { instructions: this.instructionsChanged };
        this.instructionsChanged = false;
        this.changed.fire(event);
      }, SUGGESTION_DEBOUNCE_MS);
    };
    const reread = (): void => {
      this.gate.reset();
      this.suggestible.clear();
      soon(true);
    };
    const watched = [...INSTRUCTION_FILES.map((f) => f.split('/').pop()!), ...IGNORE_FILE_NAMES, 'exclude'];
    const watcher = vscode.workspace.createFileSystemWatcher(`**/{${watched.join(',')}}`);
    this.disposables.push(
      watcher,
      watcher.onDidChange(reread),
      watcher.onDidCreate(reread),
      watcher.onDidDelete(reread),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor || vscode.window.visibleTextEditors.length === 0) this.editor = editor;
        soon();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === this.editor) soon();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => soon(true)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('files.exclude')) reread();
        else if (e.affectsConfiguration('inferenceChat.instructionsFiles')) soon(true);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(reread),
    );
  }

  onDidChange(listener: (change: { instructions: boolean }) => void): vscode.Disposable {
    return this.changed.event(listener);
  }

  async pick(source?: AttachSource): Promise<AttachResult[]> {
    const chosen = source ?? (await pickSource());
    switch (chosen) {
      case undefined:
        return [];
      case 'files':
        return this.fromUriList(await pickFiles(this.gate.exclusions), 'attach');
      case 'editors':
        return this.fromUriList(await pickEditors(), 'attach');
      case 'selection': {
        const editor = this.liveEditor();
        if (!editor || editor.selection.isEmpty) return [refusal(l10n.t('Selection'), l10n.t('Select some code in an editor first.'))];
        return [await selectionFromEditor(editor, this.gate, 'attach')];
      }
      case 'problems': {
        const editor = this.liveEditor();
        return [editor ? await problemsAttachment(this.gate, editor.document.uri) : refusal(l10n.t('Problems'), l10n.t('Open a file first.'))];
      }
      case 'workspaceProblems':
        return [await problemsAttachment(this.gate)];
      case 'terminal':
        return [this.terminal.attachment()];
      default: {
        const unreachable: never = chosen;
        return unreachable;
      }
    }
  }

  /** URIs the webview names (a drop): the host decides, so only workspace files, each through the gate as 'drop'. */
  fromUris(uris: readonly string[]): Promise<AttachResult[]> {
    const parsed: vscode.Uri[] = [];
    const bad: AttachResult[] = [];
    for (const raw of uris) {
      try {
        parsed.push(vscode.Uri.parse(raw, true));
      } catch {
        bad.push(refusal(raw.slice(0, 80), l10n.t('{0} is not a file that can be attached.', raw.slice(0, 80))));
      }
    }
    return this.fromUriList(parsed, 'drop').then((results) => [...bad, ...results]);
  }

  /** One after the other: each may ask the user in a modal dialog. */
  async fromUriList(uris: readonly vscode.Uri[], purpose: ReadPurpose): Promise<AttachResult[]> {
    const results: AttachResult[] = [];
    for (const uri of uris) results.push(await fileFromUri(uri, this.gate, purpose));
    return results;
  }

  /** An editor's selection, or its whole document when nothing is selected ("Add to Chat" in the editor). */
  async fromEditor(editor: vscode.TextEditor, purpose: ReadPurpose): Promise<AttachResult> {
    return editor.selection.isEmpty ? documentAttachment(editor.document, this.gate, purpose) : selectionFromEditor(editor, this.gate, purpose);
  }

  suggestion(): Suggestion | undefined {
    const editor = this.liveEditor();
    if (!editor) return undefined;
    const { document, selection } = editor;
    if (!this.mayBeSuggested(document.uri)) return undefined;
    const fileName = displayName(document.uri);
    if (!selection.isEmpty) {
      const lines = selectionLines(selection);
      const name = selectionLabel({ fileName, startLine: lines.start, endLine: lines.end });
      return { key: `${document.uri.toString()}#${name}`, kind: 'selection', name, tokens: estimateTextTokens(document.getText(selection)) };
    }
    return { key: document.uri.toString(), kind: 'file', name: fileName, tokens: estimateTextTokens(document.getText()) };
  }

  async takeSuggestion(): Promise<AttachResult | undefined> {
    const editor = this.liveEditor();
    if (!editor) return undefined;
    return this.fromEditor(editor, 'suggestion');
  }

  instructions(): Promise<InstructionsRead> {
    return readInstructions(this.instructionsFiles(), this.gate);
  }

  /** Whether the gate allows the document as a suggestion; until it has said, no (and it is asked now). */
  private mayBeSuggested(uri: vscode.Uri): boolean {
    const key = uri.toString();
    const known = this.suggestible.get(key);
    if (known !== undefined) return known;
    if (!this.judging.has(key)) {
      this.judging.add(key);
      void this.gate.mayRead(uri, 'suggestion').then(
        ({ decision }) => decision.verdict === 'allowed',
        () => false,
      ).then((allowed) => {
        this.judging.delete(key);
        this.suggestible.set(key, allowed);
        if (allowed) this.changed.fire({ instructions: false });
      });
    }
    return false;
  }

  /** The remembered editor while it is still open. */
  private liveEditor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active) return (this.editor = active);
    const editor = this.editor;
    if (editor && vscode.window.visibleTextEditors.includes(editor)) return editor;
    return undefined;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function refusal(name: string, message: string): AttachResult {
  return { ok: false, refusal: { name, message } };
}
