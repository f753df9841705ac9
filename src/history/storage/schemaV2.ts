// Version 2 of the chat history on disk: several windows (each its own extension host) share the folder.
// A conversation is its snapshot plus the changes appended to its journal since:
//
//   conv-<id>.json          {"version":2,"conversation":{...}}   the snapshot (records as in version 1)
//   conv-<id>.jsonl         one {"at":ms,"change":{...}} per line  changes since the snapshot, in order
//   conv-<id>.deleted       {"version":2,"deletedAt":ms}         a tombstone: deleted; nothing may bring it back
//   conv-<id>.<msgId>.lease {"version":2,...,"heartbeatAt":ms}   a reply streams into <msgId> in a live window
//   conv-<id>.lock          {"owner":...,"pid":...,"at":ms}      held while one window writes this conversation
//   state.json              unchanged since version 1 (schemaV1.ts)
//
// Every change is idempotent (an append says at which offset its text belongs), so a journal applied
// twice — after a crash between writing a compacted snapshot and removing the journal, or a save retried
// after a partial write — gives the same conversation. A journal belongs to the version of its snapshot:
// a later version upgrades the snapshot (compacts) before it appends anything.
import * as z from '../../common/zodMini';
import { ContextRecordV1, ConversationRecordV1, MessageRecordV1, MetaRecordV1 } from './schemaV1';

/** Version 2 adds optional fields to a reply's meta (older version-2 readers drop them; nothing else changes). */
export const MetaRecordV2 = z.extend(MetaRecordV1, {
  costUsd: z.optional(z.number()),
  costSource: z.optional(z.string()),
  sentFromId: z.optional(z.string()),
  notSentCount: z.optional(z.number()),
});
/** Version 2 adds where a selection was (for Apply): its document, columns and text's hash. */
export const ContextRecordV2 = z.extend(ContextRecordV1, {
  uri: z.optional(z.string()),
  startCharacter: z.optional(z.number()),
  endCharacter: z.optional(z.number()),
  textHash: z.optional(z.string()),
});
/**
 * What was attached to a user message, exactly as sent (src/prompt/attachments.ts). Added within version 2 as an
 * optional field, like the meta fields above: every file written before it loads unchanged (it has none), and
 * an older version-2 build reading a newer file shows the message without its chips (zod drops the field) but
 * still opens the file. `kind` is a plain string so an unknown kind never makes a file corrupt (toView.ts narrows).
 */
export const AttachmentRecordV2 = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  tokens: z.number(),
  text: z.optional(z.string()),
  fileName: z.optional(z.string()),
  languageId: z.optional(z.string()),
  startLine: z.optional(z.number()),
  endLine: z.optional(z.number()),
  dataUrl: z.optional(z.string()),
});
/**
 * A setting of a trusted workspace a user message was sent with (its system prompt, a template), and its text as
 * used: the chat shows where the message's instructions came from. Optional, added within version 2 like the
 * attachments (an older build drops it and still opens the file).
 */
export const WorkspaceSettingRecordV2 = z.object({ setting: z.string(), text: z.string() });
export const MessageRecordV2 = z.extend(MessageRecordV1, {
  meta: z.optional(MetaRecordV2),
  context: z.optional(ContextRecordV2),
  attachments: z.optional(z.array(AttachmentRecordV2)),
  workspaceSettings: z.optional(z.array(WorkspaceSettingRecordV2)),
});
export const ConversationRecordV2 = z.extend(ConversationRecordV1, { messages: z.array(MessageRecordV2) });

export const ConversationFileV2 = z.object({ version: z.literal(2), conversation: ConversationRecordV2 });
export type ConversationFileV2 = z.infer<typeof ConversationFileV2>;

const Offset = z.number().check(z.int(), z.nonnegative());

export const ChangeV2 = z.discriminatedUnion('op', [
  /** Adds the message (at the end) or replaces the message with the same id (in place). */
  z.object({ op: z.literal('message'), message: MessageRecordV2 }),
  /** Streamed text: `text` belongs at offset `from` (UTF-16 units) of the message's `field`. */
  z.object({ op: z.literal('append'), id: z.string(), field: z.enum(['content', 'reasoning']), from: Offset, text: z.string() }),
  /** Removes these messages (regenerate, retry, edit & resend drop what followed). */
  z.object({ op: z.literal('remove'), ids: z.array(z.string()) }),
  /** Conversation fields; `contextFromId: null` clears it. */
  z.object({
    op: z.literal('set'),
    title: z.optional(z.string()),
    customTitle: z.optional(z.boolean()),
    contextFromId: z.optional(z.nullable(z.string())),
  }),
  z.object({ op: z.literal('draft'), text: z.string() }),
]);
export type ChangeV2 = z.infer<typeof ChangeV2>;

export const JournalLineV2 = z.object({ at: z.number(), change: ChangeV2 });
export type JournalLineV2 = z.infer<typeof JournalLineV2>;

export const TombstoneV2 = z.object({ version: z.literal(2), deletedAt: z.number() });

/** Who holds a lock or a lease: the window (owner) and its process, so a crashed one can be recognised. */
const Holder = { owner: z.string(), host: z.string(), pid: z.number() };

export const LeaseV2 = z.object({ version: z.literal(2), ...Holder, messageId: z.string(), heartbeatAt: z.number() });
export type LeaseV2 = z.infer<typeof LeaseV2>;

export const LockV2 = z.object({ ...Holder, at: z.number() });
export type LockV2 = z.infer<typeof LockV2>;
