// A deterministic stored conversation for the "open a long chat" bench: user questions (some with a snippet)
// and assistant answers of a few markdown sections each (headings, lists, a table, a fenced code block).
import type { Conversation, StoredMessage } from '../../../src/history/conversation';
import { section } from './reply';

const SNIPPET = '```ts\nconst total = items.reduce((sum, item) => sum + item.price * item.quantity, 0);\n```';

function question(i: number): string {
  const text = `Question ${i + 1}: how should step ${i + 1} handle retries, and what does it cost in latency?`;
  return i % 5 === 0 ? `${text}\n\n${SNIPPET}` : text;
}

/**
 * `count` messages (user and assistant in turn) of about `totalChars` characters together.
 * @param totalChars the assistant answers get as many sections as it takes to reach it
 */
export function longConversation(id: string, count: number, totalChars: number): Conversation {
  const t0 = Date.parse('2026-01-05T10:00:00Z');
  const answers = Math.ceil(count / 2);
  const questionChars = Array.from({ length: count - answers }, (_, i) => question(i).length).reduce((a, b) => a + b, 0);
  const perAnswer = Math.max(1, (totalChars - questionChars) / answers);
  const messages: StoredMessage[] = [];
  let next = 0;
  for (let i = 0; i < count; i++) {
    const createdAt = t0 + i * 60_000;
    if (i % 2 === 0) {
      messages.push({ id: `${id}-m${i}`, role: 'user', content: question(i / 2), status: 'done', createdAt });
      continue;
    }
    let content = '';
    while (content.length < perAnswer) content += section(next++);
    messages.push({
      id: `${id}-m${i}`, role: 'assistant', content: content.trimEnd(), status: 'done', createdAt,
      meta: { model: 'bench/model', promptTokens: 1200 + i, completionTokens: Math.round(content.length / 4), durationMs: 4000, tokensPerSecond: 61.5 },
    });
  }
  return { id, title: `Bench chat (${count} messages)`, customTitle: false, createdAt: t0, updatedAt: t0 + count * 60_000, messages, draft: '' };
}
