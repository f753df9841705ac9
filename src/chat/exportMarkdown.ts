// Export to Markdown: the conversation as a readable document (title, who said what, reasoning folded away).
import type { ReadonlyConversation, ReadonlyMessage } from '../history/conversation';
import { l10n } from '../common/l10n';

export function conversationToMarkdown(conversation: ReadonlyConversation, now = new Date()): string {
  const parts: string[] = [`# ${oneLine(conversation.title)}`, '', `_${l10n.t('Exported from Inference Chat on {0}', now.toISOString())}_`, ''];
  for (const message of conversation.messages) parts.push(...messageToMarkdown(message), '');
  return `${parts.join('\n').trimEnd()}\n`;
}

function messageToMarkdown(message: ReadonlyMessage): string[] {
  const out: string[] = [];
  if (message.role === 'user') {
    out.push(`## ${l10n.t('You')}`, '');
    if (message.context) {
      const c = message.context;
      const lines = c.truncated ? l10n.t('lines {0}–{1} (truncated)', c.startLine, c.endLine) : l10n.t('lines {0}–{1}', c.startLine, c.endLine);
      out.push(`> ${l10n.t('From {0}', `\`${c.fileName}\``)} ${lines}`, '');
    }
    out.push(message.content);
    out.push(...attachmentsToMarkdown(message.attachments));
    return out;
  }
  const model = message.meta?.model ? ` (${message.meta.model})` : '';
  out.push(`## ${l10n.t('Assistant')}${model}`, '');
  if (message.reasoning?.trim()) {
    out.push(`<details><summary>${l10n.t('Reasoning')}</summary>`, '', message.reasoning.trim(), '', '</details>', '');
  }
  out.push(closeOpenFence(message.content));
  if (message.status === 'stopped') out.push('', `_(${l10n.t('stopped')})_`);
  if (message.status === 'error') out.push('', `_(${l10n.t('failed: {0}', oneLine(message.error?.message ?? l10n.t('unknown error')))})_`);
  return out;
}

/** What was sent with the message: each attachment's name and size, its text folded away (images by name). */
function attachmentsToMarkdown(attachments: ReadonlyMessage['attachments']): string[] {
  if (!attachments?.length) return [];
  const out = ['', `_Attached: ${attachments.map((a) => `\`${oneLine(a.name)}\` (${a.kind}, ~${a.tokens} tokens)`).join(', ')}_`];
  for (const a of attachments) {
    if (a.text === undefined) continue;
    out.push('', `<details><summary>${escapeHtml(oneLine(a.name))}</summary>`, '', closeOpenFence(a.text), '', '</details>');
  }
  return out;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A reply cut inside a code block would swallow the rest of the document: close the fence. */
function closeOpenFence(text: string): string {
  let open: string | undefined;
  for (const line of text.split('\n')) {
    const fence = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (!fence) continue;
    if (!open) open = fence;
    else if (fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) open = undefined;
  }
  return open ? `${text}\n${open}` : text;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A file name for the export: the title made safe. */
export function exportFileName(conversation: ReadonlyConversation): string {
  const base = conversation.title.replace(/[^A-Za-z0-9 _-]+/g, '').trim().replace(/\s+/g, '-').slice(0, 60);
  return `${base || 'chat'}.md`;
}
