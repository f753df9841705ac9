// Local models that write their tool calls as text instead of the API's tool_calls: Hermes / Qwen style
// `<tool_call>{"name": …, "arguments": …}</tool_call>` anywhere in the reply, or a whole reply that is one bare JSON
// object `{"name": "<an offered tool>", "arguments": {…}}`. Streaming-safe: text before a tag streams as it comes, a
// tag's content (and text that may be the start of a tag) is held back until it is complete. Only the names of
// tools that were offered count; anything else is passed through as the text it was. Off unless the user turns on
// inferenceChat.parseToolCallsFromText.
import { generatedCallId } from './toolCalls';
import type { StreamEvent, ToolCallEvent } from './types';

const OPEN = '<tool_call>';
const CLOSE = '</tool_call>';
/** How much of a reply that starts with `{` is read before deciding whether it can be a bare call. */
const BARE_PROBE = 16;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How many characters at the end of `text` could be the start of `tag`. */
function partialTagAt(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) if (tag.startsWith(text.slice(-n))) return n;
  return 0;
}

export class TextToolCallParser {
  private mode: 'start' | 'bare' | 'text' | 'tag' = 'start';
  private held = '';

  constructor(
    private readonly tools: ReadonlySet<string>,
    private readonly newId: () => string = generatedCallId,
  ) {}

  /** A call written as JSON `{"name", "arguments" | "parameters"}` naming an offered tool, else undefined. */
  private call(json: string): ToolCallEvent | undefined {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      return undefined;
    }
    if (!isRecord(value) || typeof value.name !== 'string' || !this.tools.has(value.name)) return undefined;
    let args: unknown = value.arguments ?? value.parameters ?? {};
    if (typeof args === 'string') {
      try {
        args = JSON.parse(args);
      } catch {
        return undefined;
      }
    }
    return isRecord(args) ? { type: 'tool_call', id: this.newId(), name: value.name, arguments: args } : undefined;
  }

  push(text: string, out: StreamEvent[]): void {
    if (this.tools.size === 0 || !text) {
      if (text) out.push({ type: 'text', text });
      return;
    }
    this.held += text;
    if (this.mode === 'start') {
      const trimmed = this.held.trimStart();
      if (!trimmed) return; // only whitespace so far
      this.mode = trimmed.startsWith('{') ? 'bare' : 'text';
    }
    if (this.mode === 'bare') {
      const trimmed = this.held.trimStart();
      // Held until the end only while it still looks like {"name": … (or "arguments" first).
      if (trimmed.length < BARE_PROBE || /^\{\s*"(name|arguments|parameters)"\s*:/.test(trimmed)) return;
      this.mode = 'text';
    }
    this.scan(out);
  }

  private scan(out: StreamEvent[]): void {
    for (;;) {
      if (this.mode === 'tag') {
        const close = this.held.indexOf(CLOSE);
        if (close < 0) return;
        const inner = this.held.slice(0, close);
        this.held = this.held.slice(close + CLOSE.length);
        this.mode = 'text';
        const call = this.call(inner.trim());
        out.push(call ?? { type: 'text', text: `${OPEN}${inner}${CLOSE}` });
        continue;
      }
      const open = this.held.indexOf(OPEN);
      if (open >= 0) {
        if (open > 0) out.push({ type: 'text', text: this.held.slice(0, open) });
        this.held = this.held.slice(open + OPEN.length);
        this.mode = 'tag';
        continue;
      }
      const keep = partialTagAt(this.held, OPEN);
      const ready = this.held.slice(0, this.held.length - keep);
      if (ready) out.push({ type: 'text', text: ready });
      this.held = this.held.slice(this.held.length - keep);
      return;
    }
  }

  /** The reply ended: a bare call, an unclosed tag that holds a whole call, or the text that was held back. */
  end(out: StreamEvent[]): void {
    if (!this.held) return;
    if (this.mode === 'bare' || this.mode === 'tag') {
      const call = this.call(this.held.trim());
      if (call) {
        this.held = '';
        out.push(call);
        return;
      }
    }
    out.push({ type: 'text', text: this.mode === 'tag' ? `${OPEN}${this.held}` : this.held });
    this.held = '';
  }
}
