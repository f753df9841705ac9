// state.json: which conversation a window opens with (the last one any window chose). Unchanged since
// version 1; written atomically like everything else.
import * as path from 'node:path';
import * as z from '../../common/zodMini';
import type { Logger } from '../../common/logger';
import type { StoreFs } from '../storeFs';
import type { ConversationFiles } from './conversationFiles';
import { StateFileV1 } from './schemaV1';

const STATE_FILE = 'state.json';
const STATE_VERSION = 1;

export function stateJson(activeId: string): string {
  return JSON.stringify({ version: STATE_VERSION, activeId: activeId || undefined });
}

export async function writeState(fs: StoreFs, files: ConversationFiles, activeId: string): Promise<void> {
  const file = path.join(files.dir, STATE_FILE);
  const temp = files.tempOf(file);
  try {
    await fs.writeFileDurable(temp, stateJson(activeId));
    await fs.rename(temp, file);
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
  await fs.syncDir(files.dir);
}

/** The active id on disk; a damaged file is moved aside (with a warning) and reads as none. */
export async function readState(fs: StoreFs, files: ConversationFiles, log: Logger): Promise<string | undefined> {
  const file = path.join(files.dir, STATE_FILE);
  let text: string;
  try {
    text = await fs.readFile(file);
  } catch {
    return undefined; // first run
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const result = z.safeParse(StateFileV1, raw);
  if (result.success) return result.data.activeId;
  await moveAside(fs, log, file);
  return undefined;
}

/** Keeps a damaged file for inspection instead of breaking the chat. */
export async function moveAside(fs: StoreFs, log: Logger, file: string): Promise<void> {
  const aside = `${file}.corrupt-${Date.now()}`;
  const name = path.basename(file);
  log.warn(`${name} is damaged and was moved aside to ${path.basename(aside)}; the rest of the chat history is fine.`);
  await fs.rename(file, aside).catch((err: unknown) => {
    log.warn(`Could not move ${name} aside: ${String(err)}`);
  });
}
