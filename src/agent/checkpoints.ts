// A turn's checkpoint: before the agent first changes a file, its original (the open document's text, unsaved edits
// included, else the bytes on disk) is saved under `<globalStorage>/checkpoints/<id>/`, or that it did not exist.
// Undo (also after a reload: the manifest is on disk) restores the originals and removes the files the turn
// created; a file the user changed after the turn is a conflict, asked about in a modal (Overwrite / Skip those).
import * as vscode from 'vscode';
import { l10n } from '../common/l10n';
import { textHash } from '../common/textHash';
import type { CheckpointFile, CheckpointRecord, TurnCheckpoint, UndoResult } from '../chat/agentTools';
import { openDocument } from '../context/readGate';
import { type CheckpointManifest, type ConflictChoice, isCheckpointId, MANIFEST_NAME, newCheckpointId, originalName, parseManifest, planUndo, resolveConflicts, undoFiles, type UndoFile } from './core/checkpointManifest';
import { replaceDocumentText } from './documentWrite';

export type AskConflicts = (names: readonly string[]) => Promise<ConflictChoice>;

const modalConflicts: AskConflicts = async (names) => {
  const overwrite = l10n.t('Overwrite');
  const skip = l10n.t('Skip those');
  const answer = await vscode.window.showWarningMessage(
    l10n.t('You changed {0} file(s) after the agent did. Undo the agent\'s changes there too?', names.length),
    { modal: true, detail: `${names.map((n) => `• ${n}`).join('\n')}\n\n${l10n.t('Overwrite restores them as they were before the turn (your later changes are lost); Skip those leaves them as they are.')}` },
    overwrite, skip,
  );
  return answer === overwrite ? 'overwrite' : answer === skip ? 'skip' : 'cancel';
};

export class Checkpoints {
  private ask: AskConflicts = modalConflicts;

  constructor(private readonly storage: vscode.Uri) {}

  /** Replaces the conflict question (the integration tests answer it); returns the undo. */
  useConflictAnswer(ask: AskConflicts): () => void {
    const previous = this.ask;
    this.ask = ask;
    return () => (this.ask = previous);
  }

  private folder(id: string): vscode.Uri {
    return vscode.Uri.joinPath(this.storage, 'checkpoints', id);
  }

  /**
   * `continuing`: the checkpoint an earlier attempt of this turn left (retry, regenerate, edit & resend): its originals
   * stay the ones saved first, so undo still goes back to before the turn; files it did not cover are added.
   */
  begin(continuing?: CheckpointRecord): TurnCheckpoint {
    const earlier = continuing && continuing.undoneAt === undefined && isCheckpointId(continuing.id) ? continuing : undefined;
    const id = earlier?.id ?? newCheckpointId(Date.now());
    const folder = this.folder(id);
    const manifest: CheckpointManifest = { version: 1, id, createdAt: Date.now(), files: [] };
    const after = new Map<string, string>(earlier?.files.flatMap((f) => (f.afterHash ? [[f.path, f.afterHash] as const] : [])) ?? []);
    let commandsRan = earlier?.commandsRan === true;
    let pending = earlier ? this.readManifest(id).then((saved) => {
      if (!saved) return;
      manifest.files = saved.files;
      manifest.createdAt = saved.createdAt;
    }) : Promise.resolve();
    return {
      before: (fsPath) => {
        // One at a time: the manifest is rewritten after each original.
        pending = pending.then(async () => {
          if (manifest.files.some((f) => f.path === fsPath)) return;
          const bytes = await originalBytes(vscode.Uri.file(fsPath));
          const entry: CheckpointManifest['files'][number] = { path: fsPath, created: bytes === undefined };
          if (bytes !== undefined) {
            entry.original = originalName(manifest.files.length);
            await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, entry.original), bytes);
          }
          manifest.files.push(entry);
          await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, MANIFEST_NAME), new TextEncoder().encode(JSON.stringify(manifest)));
        });
        return pending;
      },
      after: (fsPath, text) => void after.set(fsPath, textHash(text)),
      commandRan: () => void (commandsRan = true),
      record: (): CheckpointRecord | undefined => {
        if (manifest.files.length === 0) return earlier; // nothing changed in this attempt
        const files: CheckpointFile[] = manifest.files.map((f) => {
          const hash = after.get(f.path);
          return { path: f.path, created: f.created, ...(hash !== undefined ? { afterHash: hash } : {}) };
        });
        return { id, files, ...(commandsRan ? { commandsRan: true } : {}) };
      },
    };
  }

  private async readManifest(id: string): Promise<CheckpointManifest | undefined> {
    const text = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.folder(id), MANIFEST_NAME)).then((b) => new TextDecoder().decode(b), () => undefined);
    return text !== undefined ? parseManifest(text) : undefined;
  }

  async undo(record: CheckpointRecord): Promise<UndoResult> {
    if (!isCheckpointId(record.id)) return { ok: false, message: l10n.t('This checkpoint cannot be found.') };
    const folder = this.folder(record.id);
    const manifest = await this.readManifest(record.id);
    const files = undoFiles(record.files, manifest);
    if (files.some((f) => !f.created && f.original === undefined)) {
      return { ok: false, message: l10n.t('The saved originals of this turn are gone (the extension\'s storage was cleared), so it cannot be undone.') };
    }
    const hashes = new Map<string, string | undefined>();
    for (const file of files) hashes.set(file.path, await currentHash(vscode.Uri.file(file.path)));
    const plan = planUndo(files, (path) => hashes.get(path));
    const choice: ConflictChoice = plan.conflicts.length > 0 ? await this.ask(plan.conflicts.map((f) => vscode.workspace.asRelativePath(f.path))) : 'overwrite';
    const resolved = resolveConflicts(plan, choice);
    if (!resolved) return { ok: false, message: l10n.t('Undo cancelled: nothing was changed.') };
    for (const file of resolved.restore) await restore(folder, file);
    for (const file of resolved.remove) await vscode.workspace.fs.delete(vscode.Uri.file(file.path), { useTrash: false }).then(undefined, () => undefined);
    if (resolved.skipped.length === 0) await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    return { ok: true, restored: resolved.restore.length, removed: resolved.remove.length };
  }
}

async function originalBytes(uri: vscode.Uri): Promise<Uint8Array | undefined> {
  const open = openDocument(uri);
  if (open) return new TextEncoder().encode(open.getText());
  return vscode.workspace.fs.readFile(uri).then((b) => b, () => undefined);
}

/** The hash of the file's text now (the open document's, else the disk's); undefined when it does not exist. */
async function currentHash(uri: vscode.Uri): Promise<string | undefined> {
  const open = openDocument(uri);
  if (open && !open.isClosed) return textHash(open.getText());
  const bytes = await vscode.workspace.fs.readFile(uri).then((b) => b, () => undefined);
  return bytes === undefined ? undefined : textHash(new TextDecoder().decode(bytes));
}

async function restore(folder: vscode.Uri, file: UndoFile): Promise<void> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, file.original!));
  const uri = vscode.Uri.file(file.path);
  const open = openDocument(uri);
  if (open && !open.isClosed) await replaceDocumentText(open, new TextDecoder().decode(bytes));
  else await vscode.workspace.fs.writeFile(uri, bytes);
}
