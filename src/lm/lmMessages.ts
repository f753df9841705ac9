// Converts VS Code's language-model messages to the API's chat messages (text parts only).
import * as vscode from 'vscode';
import type { ChatMessage, Role } from '../api/types';

function roleOf(role: vscode.LanguageModelChatMessageRole): Exclude<Role, 'tool'> {
  if (role === vscode.LanguageModelChatMessageRole.Assistant) return 'assistant';
  // System messages exist in newer hosts (enum value 3) but not in the 1.104 typings.
  if ((role as number) === 3) return 'system';
  return 'user';
}

export function textOf(content: ReadonlyArray<unknown>): string {
  return content
    .map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : ''))
    .join('');
}

export function toChatMessages(messages: readonly vscode.LanguageModelChatRequestMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const message of messages) {
    const content = textOf(message.content);
    if (!content) continue;
    const role = roleOf(message.role);
    const previous = out[out.length - 1];
    // Consecutive messages of the same role are merged: some servers reject two user turns in a row.
    if (previous && previous.role === role) previous.content += `\n\n${content}`;
    else out.push({ role, content });
  }
  return out;
}
