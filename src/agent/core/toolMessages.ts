// What the model reads when a call does not do what it asked: an unknown tool, a refusal of the read gate, a denial,
// a file that exists or does not. English (the model reads it, like the edit blocks' errors), each sentence saying
// what to do next. Pure.
import type { ReadReason } from '../../context/core/readPolicy';

export function unknownToolMessage(name: string, available: readonly string[]): string {
  return `Unknown tool ${JSON.stringify(name)}. Available: ${available.join(', ')}.`;
}

/** A read the gate refused (or the user declined at its modal). */
export function readRefusalMessage(shown: string, reason: ReadReason): string {
  switch (reason.kind) {
    case 'outside-workspace': return `Refused: ${shown} is outside the workspace folder.`;
    case 'link-outside': return `Refused: ${shown} is a link that leads outside the workspace folder.`;
    case 'not-a-file': return `${shown} is not a file on disk.`;
    case 'missing': return `${shown} does not exist. Use list_dir or find_files to find the right path.`;
    case 'unreadable': return `${shown} could not be read${reason.errno ? ` (${reason.errno})` : ''}.`;
    case 'not-regular': return reason.what === 'folder' ? `${shown} is a folder: use list_dir.` : `${shown} is not a regular file, so it is not read.`;
    case 'too-large': return `${shown} is too large to read in one piece.`;
    case 'binary': return `${shown} is a binary file: only text files can be read.`;
    case 'ignored':
    case 'files-exclude':
    case 'secret': return `${shown} is excluded or may hold secrets, and the user was not asked.`;
    case 'never-sent': return `Refused: ${shown} is listed in ${reason.source}: the user never wants it sent to the model.`;
    case 'declined': return `Refused: the user chose not to let you read ${shown} (${reason.cause.kind === 'secret' ? 'it may hold secrets' : 'it is excluded in this workspace'}). Do not try to read it another way.`;
  }
}

export const DENIED = {
  edit: (shown: string) => `The user denied this edit of ${shown}. The file is unchanged. Ask the user what they want instead of repeating it.`,
  create: (shown: string) => `The user denied creating ${shown}. Nothing was written.`,
  command: (line: string) => `The user denied running: ${line}. Nothing ran. Do not retry the same command; ask or continue without it.`,
  tool: (name: string) => `The user denied the call of ${name}.`,
  read: (shown: string) => `The user denied reading ${shown}.`,
};

export const STOPPED = 'Stopped by the user before it finished.';

export const restrictedMessage = (what: 'edit' | 'command'): string =>
  `Refused: the workspace is in Restricted Mode (not trusted), so the agent may not ${what === 'edit' ? 'change files' : 'run commands'}. `
  + 'Tell the user; they can trust the folder to allow it.';

export const fileExistsMessage = (shown: string): string => `${shown} already exists: use edit_file with SEARCH/REPLACE blocks to change it.`;

export const fileMissingMessage = (shown: string): string => `${shown} does not exist: use create_file to create it (or find_files to find the right path).`;

export const writeRefusalMessage = (shown: string, reason: 'gitFolder' | 'outsideWorkspace'): string =>
  reason === 'gitFolder'
    ? `Refused: ${shown} is inside the .git folder, which the agent may not change.`
    : `Refused: ${shown} leads outside the workspace folder (a link), so it is not written.`;
