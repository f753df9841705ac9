// The records the chat keeps in memory and on disk, in the current storage version. Version 1 defined
// them (schemaV1.ts); a version that changes a record defines its own and this file points at it.
import type * as z from '../../common/zodMini';
import { ConversationRecordV2, MessageRecordV2 } from './schemaV2';

export const MessageRecord = MessageRecordV2;
export const ConversationRecord = ConversationRecordV2;
export type MessageRecord = z.infer<typeof MessageRecord>;
export type ConversationRecord = z.infer<typeof ConversationRecord>;
