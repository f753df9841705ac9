// The one gate every read for a message passes (attachments, drops, the suggested chip, instructions; next, the
// completions and the agent): it resolves the real path, keeps workspace-supplied files inside the workspace,
// checks the ignore files, files.exclude and the secret-file list, asks the user in a VS Code modal dialog where
// the policy (core/readPolicy.ts) says so, and reads regular text files only, bounded (core/boundedRead.ts).
// The host decides; the webview and (later) the model only name a URI.
import * as vscode from 'vscode';
import { realpath } from 'node:fs/promises';
import { classifyPath, type ReadLimits, readTextFile, type ReadTextResult } from './core/boundedRead';
import { mayRead, type ReadDecision, type ReadFacts, type ReadPurpose, type ReadReason } from './core/readPolicy';
import { type Confirm, modalConfirm } from './core/confirmDialog';
import { confirmQuestion } from './core/readReasons';
import { secretShape } from './core/secretFiles';
import { Exclusions, relativeTo } from './exclusions';

export interface ReadOptions {
  /** Named in the user's own settings (inferenceChat.instructionsFiles): allowed outside the workspace. */
  userChosen?: boolean;
}

export interface GateCheck {
  decision: ReadDecision;
  /** The real path on disk (file: URIs that exist). */
  realPath?: string;
}

export type Admission = { ok: true; realPath?: string } | { ok: false; reason: ReadReason };

export type GateRead = { ok: true; text: string; truncated?: { keptChars: number } } | { ok: false; reason: ReadReason };

export class ReadGate {
  readonly exclusions = new Exclusions();
  private folderRealPaths: Promise<string[]> | undefined;

  /** `confirm`: by default VS Code's modal dialog; the integration tests answer it through useConfirm. */
  constructor(private confirm: Confirm = modalConfirm((message, options, ...items) => vscode.window.showWarningMessage(message, options, ...items))) {}

  /** Replaces the confirmation (the integration tests answer it); returns a function that restores the previous one. */
  useConfirm(confirm: Confirm): () => void {
    const previous = this.confirm;
    this.confirm = confirm;
    return () => (this.confirm = previous);
  }

  /** Forget cached ignore files and folder paths (an ignore file, a folder or files.exclude changed). */
  reset(): void {
    this.exclusions.reset();
    this.folderRealPaths = undefined;
  }

  /** Whether `purpose` may read `uri`: allowed, after the user's yes, or refused with the true reason. */
  async mayRead(uri: vscode.Uri, purpose: ReadPurpose, options: ReadOptions = {}): Promise<GateCheck> {
    if (uri.scheme === 'untitled') {
      // The user's own unsaved text: attachable from the host's UI, the suggestion, completed as it is typed; never
      // named by the page.
      const allowed = purpose === 'attach' || purpose === 'suggestion' || purpose === 'completion';
      return { decision: allowed ? { verdict: 'allowed' } : { verdict: 'refused', reason: { kind: 'not-a-file' } } };
    }
    if (uri.scheme !== 'file') {
      // Another scheme (an Apply diff's proposal, git's view of a file, an output channel): only as an explicit attach
      // of a document open in VS Code, whose text the editor holds.
      const open = purpose === 'attach' && openDocument(uri) !== undefined;
      return { decision: open ? { verdict: 'allowed' } : { verdict: 'refused', reason: { kind: 'not-a-file' } } };
    }
    let realPath: string;
    try {
      realPath = await realpath(uri.fsPath);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return { decision: { verdict: 'refused', reason: code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'unreadable', errno: code } } };
    }
    const kind = await classifyPath(realPath);
    if (kind && kind.kind !== 'not-regular') return { decision: { verdict: 'refused', reason: kind }, realPath };
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const facts: ReadFacts = {
      namedInside: folder !== undefined,
      realInside: await this.insideWorkspace(realPath),
      userChosen: options.userChosen,
      ...(kind?.kind === 'not-regular' ? { notRegular: kind.what } : {}),
    };
    if (realPath !== uri.fsPath) facts.realPath = realPath;
    const relative = folder ? relativeTo(folder, uri) : undefined;
    if (folder && relative) Object.assign(facts, await this.exclusions.factsFor(folder, relative));
    // A link inside the workspace to another workspace file is judged by that file's exclusions too.
    const realUri = vscode.Uri.file(realPath);
    const realFolder = realPath !== uri.fsPath ? vscode.workspace.getWorkspaceFolder(realUri) : undefined;
    if (realFolder) {
      const more = await this.exclusions.factsFor(realFolder, relativeTo(realFolder, realUri));
      facts.ignored ??= more.ignored;
      facts.neverSent ??= more.neverSent;
      facts.filesExclude ||= more.filesExclude;
    }
    const secret = secretShape(relative ?? uri.fsPath) ?? secretShape(realPath);
    if (secret !== undefined) facts.secret = secret;
    return { decision: mayRead(purpose, facts), realPath };
  }

  /** mayRead, and the modal question where the policy asks for the user's yes. */
  async admit(uri: vscode.Uri, purpose: ReadPurpose, name: string, options: ReadOptions = {}): Promise<Admission> {
    const { decision, realPath } = await this.mayRead(uri, purpose, options);
    switch (decision.verdict) {
      case 'allowed':
        return { ok: true, realPath };
      case 'refused':
        return { ok: false, reason: decision.reason };
      case 'confirm': {
        const question = confirmQuestion(name, decision.reason, decision.also, purpose);
        const [action, decline] = purpose === 'agent'
          ? [vscode.l10n.t('Let the agent read it'), vscode.l10n.t("Don't Let It")]
          : [vscode.l10n.t('Attach anyway'), vscode.l10n.t("Don't Attach")];
        const yes = await this.confirm({ ...question, action, decline });
        return yes ? { ok: true, realPath } : { ok: false, reason: { kind: 'declined', cause: decision.reason } };
      }
      default: {
        const unreachable: never = decision;
        return unreachable;
      }
    }
  }

  /**
   * Reads `uri` for `purpose` through the gate: the open document's text when VS Code holds it (unsaved edits
   * included), else the file on disk, bounded.
   */
  async readText(uri: vscode.Uri, purpose: ReadPurpose, name: string, limits: ReadLimits & ReadOptions): Promise<GateRead> {
    const admitted = await this.admit(uri, purpose, name, limits);
    if (!admitted.ok) return admitted;
    const open = openDocument(uri);
    if (open) {
      const text = open.getText();
      if (text.length <= limits.maxChars) return { ok: true, text };
      if (limits.whenTooLarge === 'truncate') return { ok: true, text: text.slice(0, limits.maxChars), truncated: { keptChars: limits.maxChars } };
      return { ok: false, reason: { kind: 'too-large', bytes: new TextEncoder().encode(text).length, limitChars: limits.maxChars } };
    }
    if (!admitted.realPath) return { ok: false, reason: { kind: 'not-a-file' } };
    const read: ReadTextResult = await readTextFile(admitted.realPath, limits);
    return read.ok ? { ok: true, text: read.text, ...(read.truncated ? { truncated: read.truncated } : {}) } : read;
  }

  private async insideWorkspace(realPath: string): Promise<boolean> {
    this.folderRealPaths ??= Promise.all(
      (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => realpath(f.uri.fsPath).catch(() => f.uri.fsPath)),
    );
    const fold = (p: string): string => (process.platform === 'win32' || process.platform === 'darwin' ? p.toLowerCase() : p);
    const path = fold(realPath);
    return (await this.folderRealPaths).some((folder) => {
      const base = fold(folder);
      return path === base || path.startsWith(base.endsWith('/') || base.endsWith('\\') ? base : `${base}${sep()}`);
    });
  }
}

function sep(): string {
  return process.platform === 'win32' ? '\\' : '/';
}

/** The text document VS Code holds for this URI, if any. */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}
