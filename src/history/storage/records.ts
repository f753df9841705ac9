// The records the chat keeps in memory and on disk, in the current storage version. Version 1 defined
// them (schemaV1.ts); a version that changes a record defines its own and this file points at it.
import type * as z from '../../common/zodMini';
import { CheckpointRecordV3, ConversationRecordV3, MessageRecordV3, ToolCallRecordV3 } from './schemaV3';

export const MessageRecord = MessageRecordV3;
export const ConversationRecord = ConversationRecordV3;
export type MessageRecord = z.infer<typeof MessageRecord>;
export type ConversationRecord = z.infer<typeof ConversationRecord>;
export type ToolCallRecord = z.infer<typeof ToolCallRecordV3>;
export type CheckpointRecord = z.infer<typeof CheckpointRecordV3>;
