// What the chat asks of the editor to attach context (implemented with VS Code in src/context): pickers for
// files, open editors, the selection, problems and the terminal; dropped URIs; the active editor as a
// suggestion; the project's instructions file. Pure interface.
import type { AttachSource } from '../protocol';
import type { Attachment, AttachResult, Refusal } from './attachments';

/** The active editor, offered as a chip before it is attached. */
export interface Suggestion {
  /** Changes when the editor or the selection changes (a dismissed suggestion comes back for a new one). */
  key: string;
  kind: 'file' | 'selection';
  name: string;
  tokens: number;
}

/** The instructions as one attachment (undefined when there are none), and the files found but refused, and why. */
export interface InstructionsRead {
  attachment?: Attachment;
  refusals: Refusal[];
}

export interface ContextSource {
  /** Asks the user (quick picks) what to attach from `source` (none: which kind first); [] when cancelled. */
  pick(source?: AttachSource): Promise<AttachResult[]>;
  /** Files dropped from the explorer or chosen with "Add to Chat". */
  fromUris(uris: readonly string[]): Promise<AttachResult[]>;
  suggestion(): Suggestion | undefined;
  /** The suggestion made into an attachment (read now). */
  takeSuggestion(): Promise<AttachResult | undefined>;
  /** The workspace's instructions file (only in a trusted workspace), read now through the read gate. */
  instructions(): Promise<InstructionsRead>;
  /** The suggestion changed, or (`instructions`) the instructions file may have. */
  onDidChange(listener: (change: { instructions: boolean }) => void): { dispose(): void };
}
