// Reads VS Code's language-model request (messages, tools, tool mode) into plain data for wireMessages.ts. The
// classes newer than the @types/vscode we build against (LanguageModelDataPart 1.106, the proposed
// LanguageModelThinkingPart) are looked up at run time, so the extension also runs in hosts and forks without them.
import * as vscode from 'vscode';
import type { ToolChoice, ToolDefinition } from '../api/types';
import type { LmMessage, LmPart, LmResultPart } from './core/wireMessages';

type AnyClass = abstract new (...args: never[]) => unknown;

/** A class of the running VS Code's API that our typings may not know, or undefined where it does not exist. */
export function runtimeClass(name: string): AnyClass | undefined {
  const value = (vscode as unknown as Record<string, unknown>)[name];
  return typeof value === 'function' ? (value as AnyClass) : undefined;
}

const isInstance = (part: unknown, name: string): boolean => {
  const cls = runtimeClass(name);
  return cls !== undefined && part instanceof cls;
};

/** A data part (image, JSON, text) of the running host: `LanguageModelDataPart`, or anything shaped like one. */
function asData(part: unknown): { mimeType: string; data: Uint8Array } | undefined {
  const p = part as { mimeType?: unknown; data?: unknown } | null;
  if (isInstance(part, 'LanguageModelDataPart') || (p && typeof p.mimeType === 'string' && p.data instanceof Uint8Array)) {
    return { mimeType: String(p!.mimeType), data: p!.data as Uint8Array };
  }
  return undefined;
}

/** The strings of a prompt-tsx JSON tree (the form several built-in tools return), in order. */
function promptTsxText(value: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 50 || value === null || typeof value !== 'object') return out;
  const node = value as { text?: unknown; children?: unknown; node?: unknown };
  if (typeof node.text === 'string') out.push(node.text);
  if (node.node) promptTsxText(node.node, out, depth + 1);
  if (Array.isArray(node.children)) for (const child of node.children) promptTsxText(child, out, depth + 1);
  return out;
}

function readResultPart(part: unknown): LmResultPart {
  if (part instanceof vscode.LanguageModelTextPart) return { kind: 'text', text: part.value };
  if (part instanceof vscode.LanguageModelPromptTsxPart) {
    const text = promptTsxText(part.value).join('');
    return text ? { kind: 'text', text } : { kind: 'other', summary: 'a prompt-tsx part without text' };
  }
  const data = asData(part);
  if (data) return { kind: 'data', ...data };
  return { kind: 'other', summary: `a ${(part as object | null)?.constructor?.name ?? typeof part} part` };
}

function readPart(part: unknown): LmPart | undefined {
  if (isInstance(part, 'LanguageModelThinkingPart')) return undefined; // earlier reasoning: see reasoningCache.ts
  if (part instanceof vscode.LanguageModelTextPart) return { kind: 'text', text: part.value };
  if (part instanceof vscode.LanguageModelToolCallPart) return { kind: 'toolCall', callId: part.callId, name: part.name, input: part.input };
  if (part instanceof vscode.LanguageModelToolResultPart) return { kind: 'toolResult', callId: part.callId, content: part.content.map(readResultPart) };
  const data = asData(part);
  return data ? { kind: 'data', ...data } : undefined;
}

function roleOf(role: vscode.LanguageModelChatMessageRole): LmMessage['role'] {
  if (role === vscode.LanguageModelChatMessageRole.Assistant) return 'assistant';
  // System messages exist in newer hosts (enum value 3) but not in the 1.104 typings.
  if ((role as number) === 3) return 'system';
  return 'user';
}

export function readMessages(messages: readonly vscode.LanguageModelChatRequestMessage[]): LmMessage[] {
  return messages.map((m) => ({ role: roleOf(m.role), parts: m.content.map(readPart).filter((p): p is LmPart => p !== undefined) }));
}

export function readMessage(message: vscode.LanguageModelChatRequestMessage): LmMessage {
  return readMessages([message])[0]!;
}

/** `options.tools` as the API's tools, and `options.toolMode` as its tool_choice. */
export function readTools(options: vscode.ProvideLanguageModelChatResponseOptions): { tools?: ToolDefinition[]; tool_choice?: ToolChoice } {
  const tools: ToolDefinition[] = (options.tools ?? []).map((t) => ({
    type: 'function',
    function: {
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      // Some servers refuse a function without parameters: an empty object schema means "no arguments".
      parameters: (t.inputSchema as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} },
    },
  }));
  if (tools.length === 0) return {};
  // Required with one tool names it: every server that takes tools takes that; 'required' is for several.
  const required = options.toolMode === vscode.LanguageModelChatToolMode.Required;
  const tool_choice: ToolChoice = !required ? 'auto' : tools.length === 1 ? { type: 'function', function: { name: tools[0]!.function.name } } : 'required';
  return { tools, tool_choice };
}
