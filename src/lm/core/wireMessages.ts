// VS Code's language-model messages, already read into plain parts (lmParts.ts), → the API's chat messages. Pure:
// no `vscode` import, so the mapping is unit-tested on plain objects.
//
// - user text and images → one user message (images as data: URLs; refused before anything is sent when the
//   model's profile says it takes no images);
// - tool results (VS Code puts them in user messages) → one `tool` message per result, in order, before the rest of
//   that user message; content = the result's text parts joined, other parts summarised;
// - assistant text and tool calls → one assistant message (`content: null` when it only calls tools), with the
//   reasoning the server wants back for those calls (see src/api/README.md);
// - consecutive plain messages of the same role are merged (several chat templates reject two in a row).
import type { AssistantMessage, ChatMessage, ContentPart, ReasoningReplay, ToolCall } from '../../api/types';
import { AppError } from '../../common/appError';
import { l10n } from '../../common/l10n';

export type LmResultPart = { kind: 'text'; text: string } | { kind: 'data'; mimeType: string; data: Uint8Array } | { kind: 'other'; summary: string };

export type LmPart =
  | { kind: 'text'; text: string }
  | { kind: 'toolCall'; callId: string; name: string; input: unknown }
  | { kind: 'toolResult'; callId: string; content: LmResultPart[] }
  | { kind: 'data'; mimeType: string; data: Uint8Array };

export interface LmMessage {
  role: 'system' | 'user' | 'assistant';
  parts: LmPart[];
}

/** What a tool call's assistant message carries back: reasoning, and provider data per call (Gemini's signatures). */
export interface CallReplay extends ReasoningReplay {
  extra?: Record<string, Record<string, unknown>>;
}

export interface WireOptions {
  modelId: string;
  /** The model takes images (its profile's `vision`). */
  vision: boolean;
  /** What to send back with the assistant message that made these calls, when the server asked for it. */
  replayFor?: (callIds: readonly string[]) => CallReplay | undefined;
}

const isImage = (mimeType: string): boolean => /^image\//i.test(mimeType);
const isTextual = (mimeType: string): boolean => /^text\/|[/+]json$/i.test(mimeType);

function base64(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}

const decode = (data: Uint8Array): string => new TextDecoder().decode(data);

/** A tool result as text: text parts joined; JSON or text data decoded; anything else named, not sent. */
export function toolResultText(content: readonly LmResultPart[]): string {
  let out = '';
  for (const part of content) {
    if (part.kind === 'text') out += part.text;
    else if (part.kind === 'data' && isTextual(part.mimeType)) out += decode(part.data);
    else {
      const what = part.kind === 'data' ? `${part.mimeType} data, ${part.data.byteLength} bytes` : part.summary;
      out += `${out && !out.endsWith('\n') ? '\n' : ''}[${what}: not sent, tool results are sent as text]\n`;
    }
  }
  return out;
}

function imageRefused(modelId: string): AppError {
  return new AppError(
    'config',
    'unsupported',
    l10n.t('{0} does not take images (its profile says no vision), so the image was not sent. Pick a vision model, or if this model does take images, set "vision": true for it in inferenceChat.modelOverrides.', modelId),
  );
}

/** The user part of a message: text and images as one content (a string when there is no image). */
function userContent(parts: readonly LmPart[], opts: WireOptions): string | ContentPart[] | undefined {
  const out: ContentPart[] = [];
  let hasImage = false;
  for (const part of parts) {
    if (part.kind === 'text') {
      if (part.text) out.push({ type: 'text', text: part.text });
    } else if (part.kind === 'data') {
      if (isImage(part.mimeType)) {
        if (!opts.vision) throw imageRefused(opts.modelId);
        hasImage = true;
        out.push({ type: 'image_url', image_url: { url: `data:${part.mimeType.toLowerCase()};base64,${base64(part.data)}` } });
      } else if (isTextual(part.mimeType)) out.push({ type: 'text', text: decode(part.data) });
      // Other data parts are markers for other providers (cache_control, stateful_marker): not content.
    }
  }
  if (out.length === 0) return undefined;
  return hasImage ? out : out.map((p) => (p as { text: string }).text).join('');
}

function assistantMessage(parts: readonly LmPart[], opts: WireOptions): AssistantMessage | undefined {
  let text = '';
  const calls: ToolCall[] = [];
  for (const part of parts) {
    if (part.kind === 'text') text += part.text;
    else if (part.kind === 'toolCall') {
      calls.push({ id: part.callId, type: 'function', function: { name: part.name, arguments: JSON.stringify(part.input ?? {}) } });
    }
  }
  if (calls.length === 0) return text ? { role: 'assistant', content: text } : undefined;
  const message: AssistantMessage = { role: 'assistant', content: text || null, tool_calls: calls };
  const replay = opts.replayFor?.(calls.map((c) => c.id));
  if (replay?.reasoning_content !== undefined) message.reasoning_content = replay.reasoning_content;
  if (replay?.reasoning_details !== undefined) message.reasoning_details = replay.reasoning_details;
  for (const call of calls) {
    const extra = replay?.extra?.[call.id];
    if (extra) call.extra_content = extra;
  }
  return message;
}

/** Appends `next`, merged into the previous message when both are plain messages of the same role. */
function append(out: ChatMessage[], next: ChatMessage): void {
  const previous = out[out.length - 1];
  const plain = (m: ChatMessage): boolean => m.role !== 'tool' && !(m.role === 'assistant' && m.tool_calls) && m.content !== null;
  if (!previous || previous.role !== next.role || !plain(previous) || !plain(next)) {
    out.push(next);
    return;
  }
  const a = previous.content as string | ContentPart[];
  const b = next.content as string | ContentPart[];
  if (typeof a === 'string' && typeof b === 'string') (previous as { content: string }).content = `${a}\n\n${b}`;
  else {
    const parts = (c: string | ContentPart[]): ContentPart[] => (typeof c === 'string' ? [{ type: 'text', text: c }] : c);
    (previous as { content: ContentPart[] }).content = [...parts(a), { type: 'text', text: '\n\n' }, ...parts(b)];
  }
}

export function toWireMessages(messages: readonly LmMessage[], opts: WireOptions): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const message of messages) {
    if (message.role === 'assistant') {
      const m = assistantMessage(message.parts, opts);
      if (m) append(out, m);
      continue;
    }
    for (const part of message.parts) {
      if (part.kind === 'toolResult') out.push({ role: 'tool', tool_call_id: part.callId, content: toolResultText(part.content) });
    }
    if (message.role === 'system') {
      const text = message.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
      if (text) append(out, { role: 'system', content: text });
      continue;
    }
    const content = userContent(message.parts, opts);
    if (content !== undefined) append(out, { role: 'user', content });
  }
  return out;
}
