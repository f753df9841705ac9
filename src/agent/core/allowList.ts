// The workspace's command allow-list as data: what is kept (valid entries only, each once), whether a command line
// needs the user's yes (every simple command of it must be allowed: commandApproval.ts), and what "always allow"
// saves. Pure; the list itself lives in the workspace's state (allowListStore.ts).
import { checkCommandLine, parseAllowEntry, proposeAllowEntry } from './commandApproval';

/** At most this many entries are kept: a list is read by a person, not grown without end. */
export const MAX_ALLOW_ENTRIES = 200;

/** The stored value as a list of usable entries (anything else is dropped). */
export function normalizeAllowList(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const out: string[] = [];
  for (const value of raw) {
    if (typeof value !== 'string') continue;
    const entry = value.trim();
    if (entry === '' || out.includes(entry) || parseAllowEntry(entry) === undefined) continue;
    out.push(entry);
  }
  return out.slice(0, MAX_ALLOW_ENTRIES);
}

/** The list with `entry` added (once, when it is a usable entry). */
export function withAllowEntry(list: readonly string[], entry: string): string[] {
  return normalizeAllowList([...list, entry]);
}

export type CommandGate =
  | { ask: false; allowedBy: string[] }
  | { ask: true; reasons: string[]; allowEntry?: string };

/** Whether running `line` must ask: not when the allow-list allows every command in it. */
export function commandGate(line: string, allowList: readonly string[]): CommandGate {
  const verdict = checkCommandLine(line, allowList);
  if (verdict.allowed) return { ask: false, allowedBy: verdict.commands.map((c) => c.allowedBy ?? '').filter(Boolean) };
  const reasons = [...verdict.reasons, ...verdict.commands.flatMap((c) => c.reasons)];
  const allowEntry = proposeAllowEntry(line);
  return allowEntry !== undefined ? { ask: true, reasons, allowEntry } : { ask: true, reasons };
}
