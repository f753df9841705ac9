// A turn's checkpoint on disk and what undoing it does. The folder `<globalStorage>/checkpoints/<id>/` holds
// `manifest.json` (which files, which were created, where each original is) and one file per original
// (`0.orig`, `1.orig`…; a file that did not exist has none). Undo restores the originals and removes the created
// files; a file whose text is no longer what the agent left (afterHash) was changed since by the user: a
// conflict, undone only when the user says so. Pure.
import * as z from '../../common/zodMini';
import type { CheckpointFile } from '../../chat/agentTools';

export const MANIFEST_NAME = 'manifest.json';

const ManifestSchema = z.object({
  version: z.literal(1),
  id: z.string(),
  createdAt: z.number(),
  files: z.array(z.object({
    path: z.string(),
    created: z.boolean(),
    /** The original's file name in the folder (absent for a created file). */
    original: z.optional(z.string()),
  })),
});
export type CheckpointManifest = z.infer<typeof ManifestSchema>;

/** A folder name no other checkpoint has: time first (sorts by age), then randomness. */
export function newCheckpointId(now: number, random: () => number = Math.random): string {
  return `${now.toString(36)}-${Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0')}`;
}

/** Checkpoint ids are folder names we made: anything else (a path, `..`) is never used as one. */
export const isCheckpointId = (id: string): boolean => /^[a-z0-9]{1,16}-[a-z0-9]{1,8}$/.test(id);

export function originalName(index: number): string {
  return `${index}.orig`;
}

export function parseManifest(text: string): CheckpointManifest | undefined {
  try {
    const parsed = ManifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface UndoFile extends CheckpointFile {
  /** The original's file name in the checkpoint folder (restore), absent for a created file (remove). */
  original?: string;
}

export interface UndoPlan {
  restore: UndoFile[];
  remove: UndoFile[];
  /** Files the user changed after the turn (their text is not the afterHash): undone only on "Overwrite". */
  conflicts: UndoFile[];
}

/**
 * What undo does, given each file's current text hash (undefined: the file does not exist now). A created file that
 * is gone needs nothing; a file with no afterHash (the turn failed before writing it) is restored as it is.
 */
export function planUndo(files: readonly UndoFile[], currentHash: (path: string) => string | undefined): UndoPlan {
  const plan: UndoPlan = { restore: [], remove: [], conflicts: [] };
  for (const file of files) {
    const now = currentHash(file.path);
    if (file.created && now === undefined) continue;
    const changed = file.afterHash !== undefined && now !== file.afterHash;
    if (changed) plan.conflicts.push(file);
    else if (file.created) plan.remove.push(file);
    else plan.restore.push(file);
  }
  return plan;
}

export type ConflictChoice = 'overwrite' | 'skip' | 'cancel';

/** The plan after the user's answer about its conflicts; undefined when cancelled. */
export function resolveConflicts(plan: UndoPlan, choice: ConflictChoice): { restore: UndoFile[]; remove: UndoFile[]; skipped: UndoFile[] } | undefined {
  if (choice === 'cancel') return undefined;
  if (choice === 'skip') return { restore: plan.restore, remove: plan.remove, skipped: plan.conflicts };
  const restore = [...plan.restore, ...plan.conflicts.filter((f) => !f.created)];
  const remove = [...plan.remove, ...plan.conflicts.filter((f) => f.created)];
  return { restore, remove, skipped: [] };
}

/** The files of a record joined with where their originals are in the manifest. */
export function undoFiles(recordFiles: readonly CheckpointFile[], manifest: CheckpointManifest | undefined): UndoFile[] {
  return recordFiles.map((file) => {
    const entry = manifest?.files.find((f) => f.path === file.path);
    return entry?.original !== undefined ? { ...file, original: entry.original } : { ...file };
  });
}
