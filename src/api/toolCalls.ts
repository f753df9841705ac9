// Assembles streamed tool-call deltas into whole calls, and the reasoning a server wants back with them.
// What servers send (see test/fixtures/tool-streams/): `index` says which call a piece belongs to; id, type and
// function.name come on a call's first piece only (later pieces may lack the id: continue#13225); arguments
// arrive as many string pieces, sometimes as one whole object; several calls may interleave by index; some
// servers send every call whole at index 0 with its own id, and Gemini's OpenAI compatibility sends no index.
import { redact as redactShapes } from '../common/redact';
import { ApiError, type Redact } from './apiError';
import type { ToolCallDelta } from './schemas';
import type { ReasoningReplay, StreamEvent, ToolCallEvent } from './types';
import { l10n } from '../common/l10n';

interface PendingCall {
  /** The server's id, when it sent one. */
  serverId?: string;
  id: string;
  name: string;
  args: string;
  extra?: Record<string, unknown>;
  emitted: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

let idCounter = 0;
/** An id for a call the server sent without one: unique in this session, the same for every piece of that call. */
export function generatedCallId(): string {
  idCounter = (idCounter + 1) % 0x7fffffff;
  return `call_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}${idCounter.toString(36)}`;
}

/**
 * A short excerpt of untrusted text (a model's arguments) for an error message: redacted first (the client's key in
 * every form, and key shapes), then cut at a word boundary, so no cut leaves a fragment of something secret.
 */
export function safeExcerpt(text: string, redact: Redact = redactShapes, max = 60): string {
  const flat = redact(text).replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let cut = max;
  while (cut > 0 && /[\w.~+/=-]/.test(flat[cut]!) && /[\w.~+/=-]/.test(flat[cut - 1]!)) cut--;
  return `${flat.slice(0, cut || max)}… (${flat.length} characters)`;
}

/** The arguments' JSON text as an object: '' (no-argument tools) is {}, double-encoded JSON is unwrapped. */
export function parseToolArguments(name: string, text: string, redact?: Redact): Record<string, unknown> {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    throw new ApiError('server', 'invalid_response', l10n.t('The model called the tool "{0}" with arguments that are not valid JSON: {1}', name, safeExcerpt(trimmed, redact)));
  }
  if (typeof value === 'string') {
    try {
      const inner: unknown = JSON.parse(value);
      if (isRecord(inner)) return inner;
    } catch {
      // not double-encoded: reported below
    }
  }
  if (value === null) return {};
  if (isRecord(value)) return value;
  throw new ApiError('server', 'invalid_response', l10n.t('The model called the tool "{0}" with arguments that are not a JSON object: {1}', name, safeExcerpt(trimmed, redact)));
}

/** Merges OpenRouter's streamed reasoning_details: pieces of one block (same index and type) are joined. */
export function mergeReasoningDetails(into: Record<string, unknown>[], incoming: unknown): void {
  if (!Array.isArray(incoming)) return;
  for (const item of incoming) {
    if (!isRecord(item)) continue;
    const block = into.find((b) => b.index === item.index && b.type === item.type);
    if (!block) {
      into.push({ ...item });
      continue;
    }
    for (const key of Object.keys(item)) {
      const value = item[key];
      if (value === null || value === undefined || key === 'index' || key === 'type') continue;
      if ((key === 'text' || key === 'summary') && typeof value === 'string' && typeof block[key] === 'string') block[key] += value;
      else block[key] = value;
    }
  }
}

/** Collects one reply's tool calls and reasoning replay; `flush` emits the calls not emitted yet. */
export class ToolCallAssembler {
  private readonly calls: PendingCall[] = [];
  private readonly byIndex = new Map<number, PendingCall>();
  private reasoningContent = '';
  private readonly details: Record<string, unknown>[] = [];
  private replaySent = false;

  /** How many calls were emitted so far. */
  emitted = 0;

  /** `redact`: the client's redactor, for the excerpt of unreadable arguments. */
  constructor(private readonly redact?: Redact) {}

  get pending(): boolean {
    return this.calls.some((c) => !c.emitted);
  }

  /** Whether every call not emitted yet has a name and arguments that parse (a stream cut mid-call has not). */
  pendingReadable(): boolean {
    return this.calls.every((c) => {
      if (c.emitted) return true;
      if (!c.name) return false;
      try {
        parseToolArguments(c.name, c.args);
        return true;
      } catch {
        return false;
      }
    });
  }

  addReasoningContent(text: string): void {
    this.reasoningContent += text;
  }

  addReasoningDetails(details: unknown): void {
    mergeReasoningDetails(this.details, details);
  }

  push(deltas: readonly ToolCallDelta[]): void {
    for (const delta of deltas) this.pushOne(delta);
  }

  private pushOne(delta: ToolCallDelta): void {
    const serverId = typeof delta.id === 'string' && delta.id !== '' ? delta.id : undefined;
    const name = delta.function?.name || undefined;
    let call: PendingCall | undefined;
    if (typeof delta.index === 'number') {
      call = this.byIndex.get(delta.index);
      // Another id and a name at a known index is a new call (servers that send each call whole at index 0); another
      // id without a name is the same call (Kimi routes that change the id mid-call).
      if (call && name && serverId && call.serverId && serverId !== call.serverId) call = undefined;
    } else {
      // No index (Gemini): a piece with a name starts a call, unless it only repeats the id of the call it continues.
      const last = this.calls[this.calls.length - 1];
      const sameId = serverId !== undefined && serverId === last?.serverId;
      call = last && !(name && !sameId) ? last : undefined;
    }
    if (!call) {
      const known = serverId !== undefined && this.calls.some((c) => c.serverId === serverId);
      call = { id: serverId && !known ? serverId : generatedCallId(), name: '', args: '', emitted: false };
      if (serverId && !known) call.serverId = serverId;
      this.calls.push(call);
      if (typeof delta.index === 'number') this.byIndex.set(delta.index, call);
    }
    if (call.emitted) return; // pieces after the call was reported change nothing
    if (name && !call.name) call.name = name;
    const args = delta.function?.arguments;
    if (typeof args === 'string') call.args += args;
    else if (isRecord(args)) call.args = JSON.stringify(args);
    if (isRecord(delta.extra_content)) call.extra = { ...call.extra, ...delta.extra_content };
  }

  /** Appends the calls not emitted yet (after one reasoning_replay event, if the server sent reasoning to return). */
  flush(out: StreamEvent[]): void {
    const ready = this.calls.filter((c) => !c.emitted);
    if (ready.length === 0) return;
    const events: ToolCallEvent[] = [];
    for (const call of ready) {
      if (!call.name) throw new ApiError('server', 'invalid_response', l10n.t('The server sent a tool call without a function name'));
      const event: ToolCallEvent = { type: 'tool_call', id: call.id, name: call.name, arguments: {} };
      try {
        event.arguments = parseToolArguments(call.name, call.args, this.redact);
      } catch (err) {
        // A model's broken JSON is the model's mistake, not the stream's: the call is still reported, with why.
        event.argumentsError = err instanceof Error ? err.message : String(err);
      }
      if (call.extra) event.extra_content = call.extra;
      events.push(event);
    }
    for (const call of ready) call.emitted = true;
    const replay = this.replay();
    if (replay && !this.replaySent) {
      this.replaySent = true;
      out.push({ type: 'reasoning_replay', ...replay });
    }
    for (const event of events) out.push(event);
    this.emitted += events.length;
  }

  /** The reasoning to send back with these calls: DeepSeek-style reasoning_content, OpenRouter's reasoning_details. */
  replay(): ReasoningReplay | undefined {
    const replay: ReasoningReplay = {};
    if (this.reasoningContent) replay.reasoning_content = this.reasoningContent;
    if (this.details.length > 0) replay.reasoning_details = this.details;
    return replay.reasoning_content !== undefined || replay.reasoning_details !== undefined ? replay : undefined;
  }
}
