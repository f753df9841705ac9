// What Apply works on: the code of one block of an assistant message, taken from the host's own copy of the
// conversation (the view names the message and the block, never the code), and the selection its question was about.
import type { SelectionContext } from '../../protocol';
import type { ReadonlyConversation } from '../../history/conversation';
import { answerText, fencedBlocks } from './codeBlocks';

export interface ApplyRequest {
  code: string;
  /** The fence's info string (a path may be named there). */
  info: string;
  /** The selection the question was about (the nearest user message before the reply that has one). */
  context?: SelectionContext;
}

export function findApplyRequest(conversation: ReadonlyConversation, messageId: string, blockIndex: number): ApplyRequest | undefined {
  const index = conversation.messages.findIndex((m) => m.id === messageId);
  const message = conversation.messages[index];
  if (!message || message.role !== 'assistant') return undefined;
  const block = fencedBlocks(answerText(message.content))[blockIndex];
  if (!block) return undefined;
  let context: SelectionContext | undefined;
  for (let i = index - 1; i >= 0 && !context; i--) {
    const m = conversation.messages[i]!;
    if (m.role === 'user') context = m.context;
  }
  return { code: block.code, info: block.info, ...(context ? { context } : {}) };
}
