// Reads a conversation file of any known version and brings it up to the current one, one step per
// version. Adding version N+1: give it a schema file, add `N: { schema, up }` below (up() turns a
// version-N file into a version-N+1 file) and point CURRENT_VERSION at N+1. Files of a newer version
// than this code knows are reported as such and left alone (never "repaired").
import * as z from '../../common/zodMini';
import { ConversationFileV1 } from './schemaV1';
import { ConversationFileV2 } from './schemaV2';
import { ConversationFileV3 } from './schemaV3';

export const CURRENT_VERSION = 3;
export type CurrentFile = ConversationFileV3;

interface Version {
  schema: z.ZodMiniType;
  /** The step to the next version; the current version has none. */
  up?: (file: never) => unknown;
}

/** Version 1 → 2: the records did not change; the folder gained journals, tombstones and leases (schemaV2.ts). */
function v1ToV2(file: ConversationFileV1): ConversationFileV2 {
  return { version: 2, conversation: file.conversation };
}

/**
 * Version 2 → 3: the records only gained optional fields (agent mode: schemaV3.ts), so every version-2 record is a
 * version-3 record as it is. A version-2 build reading a version-3 file reports it as newer and leaves it alone.
 */
function v2ToV3(file: ConversationFileV2): ConversationFileV3 {
  return { version: 3, conversation: file.conversation };
}

const VERSIONS: Readonly<Record<number, Version>> = {
  1: { schema: ConversationFileV1, up: v1ToV2 },
  2: { schema: ConversationFileV2, up: v2ToV3 },
  3: { schema: ConversationFileV3 },
};

export type ReadResult =
  | { ok: true; file: CurrentFile; fromVersion: number }
  | { ok: false; problem: 'newer'; version: number }
  | { ok: false; problem: 'corrupt'; detail: string };

export function readConversationFile(raw: unknown): ReadResult {
  const version = typeof raw === 'object' && raw !== null ? (raw as { version?: unknown }).version : undefined;
  if (typeof version !== 'number' || !Number.isInteger(version)) return { ok: false, problem: 'corrupt', detail: 'no version' };
  if (version > CURRENT_VERSION) return { ok: false, problem: 'newer', version };
  const known = VERSIONS[version];
  if (!known) return { ok: false, problem: 'corrupt', detail: `unknown version ${version}` };
  const parsed = z.safeParse(known.schema, raw);
  if (!parsed.success) return { ok: false, problem: 'corrupt', detail: z.prettifyError(parsed.error).slice(0, 300) };
  let file: unknown = parsed.data;
  for (let v = version; v < CURRENT_VERSION; v++) file = VERSIONS[v]!.up!(file as never);
  return { ok: true, file: file as CurrentFile, fromVersion: version };
}
