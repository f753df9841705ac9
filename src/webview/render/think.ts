// Splits reasoning that a model writes inline as <think>…</think> from the answer text.
// Pure, so it is cheap to run on every frame and easy to test.

export interface ThinkSplit {
  /** Reasoning text found inline ('' when none). */
  reasoning: string;
  /** The answer text with the reasoning removed. */
  answer: string;
  /** True while an opened <think> has not been closed yet (the reasoning is still growing). */
  thinking: boolean;
}

const OPEN = '<think>';
const CLOSE = '</think>';

/**
 * Recognises a leading `<think>` (after optional whitespace) and its `</think>`; a `</think>` with no opening
 * tag (some servers drop it) makes everything before it reasoning. While streaming, a text that is still a
 * prefix of `<think>` (e.g. "<th") shows nothing yet rather than flashing the tag as answer text.
 */
export function splitThink(text: string, streaming = false): ThinkSplit {
  const start = text.length - text.trimStart().length;
  const head = text.slice(start, start + OPEN.length);
  if (head === OPEN) {
    const bodyStart = start + OPEN.length;
    const close = text.indexOf(CLOSE, bodyStart);
    if (close === -1) return { reasoning: text.slice(bodyStart).trim(), answer: '', thinking: true };
    return {
      reasoning: text.slice(bodyStart, close).trim(),
      answer: text.slice(close + CLOSE.length).replace(/^\s+/, ''),
      thinking: false,
    };
  }
  if (streaming && head.length < OPEN.length && head.length > 0 && OPEN.startsWith(head) && start + head.length === text.length) {
    return { reasoning: '', answer: '', thinking: false };
  }
  const close = text.indexOf(CLOSE);
  if (close !== -1 && !text.slice(0, close).includes('```')) {
    return { reasoning: text.slice(0, close).trim(), answer: text.slice(close + CLOSE.length).replace(/^\s+/, ''), thinking: false };
  }
  return { reasoning: '', answer: text, thinking: false };
}
