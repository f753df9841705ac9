// What the completion benchmark types, where, and when: a method of real code typed into the middle of a real
// ~300-line source file of this repository, at a human pace with pauses, from a seeded random generator so every
// run replays the same session. Enter types the newline and the next line's indentation at once (as the editor's
// auto-indent does).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { seededRandom } from '../helpers/seededRandom';

/** The file typed into (a few hundred lines) and two others of the same language for the snippet ring. */
export const DOCUMENT_FILE = 'src/chat/chatController.ts';
export const SNIPPET_FILES = ['src/chat/replyStream.ts', 'src/history/conversationStore.ts'];

/** Typed code, a method of the class it is typed into (no leading indentation: the blank line already has it). */
export const SCRIPT = [
  'private median(values: readonly number[]): number {',
  '    const sorted = [...values].sort((a, b) => a - b);',
  '    const middle = Math.floor(sorted.length / 2);',
  '    if (sorted.length % 2) return sorted[middle]!;',
  '    return (sorted[middle - 1]! + sorted[middle]!) / 2;',
  '  }',
].join('\n');

export interface BenchText {
  /** Document text before the cursor at the start (ends with the new line's indentation). */
  before: string;
  /** Document text after the cursor. */
  after: string;
  /** The document once the script is typed (what the "oracle" model predicts from). */
  finalText: string;
  lines: number;
  others: Array<{ path: string; text: string }>;
}

/** The document with a blank line opened between two methods past its middle, the cursor on it. */
export function loadBenchText(root: string): BenchText {
  const text = fs.readFileSync(path.join(root, DOCUMENT_FILE), 'utf8');
  const lines = text.split('\n');
  let at = lines.findIndex((line, i) => i >= lines.length / 2 && line === '' && lines[i - 1] === '  }');
  if (at < 0) at = Math.floor(lines.length / 2);
  const head = lines.slice(0, at).join('\n');
  const before = `${head}\n\n  `;
  const after = `\n${lines.slice(at).join('\n')}`;
  const others = SNIPPET_FILES.map((file) => ({ path: file, text: fs.readFileSync(path.join(root, file), 'utf8') }));
  return { before, after, finalText: before + SCRIPT + after, lines: (before + after).split('\n').length, others };
}

export interface Keystroke {
  /** What the keystroke inserts. */
  text: string;
  /** Milliseconds since the session started. */
  atMs: number;
  /** The user pauses after this keystroke (the next comes ≥ 500 ms later, or never). */
  pauseAfter: boolean;
}

/** The script's keystrokes without times: one per character, Enter with the next line's indentation. */
export function scriptKeys(script = SCRIPT): string[] {
  const keys: string[] = [];
  for (let i = 0; i < script.length; i++) {
    if (script[i] !== '\n') {
      keys.push(script[i]!);
      continue;
    }
    const indent = /^[ \t]*/.exec(script.slice(i + 1))![0];
    keys.push(`\n${indent}`);
    i += indent.length;
  }
  return keys;
}


export interface Pace {
  /** Between two keys: uniform in [min, max] ms. */
  keyMs: [number, number];
  /** A pause: uniform in [min, max] ms. */
  pauseMs: [number, number];
  /** Chance of a pause at a line end (before Enter). */
  lineEndPause: number;
  /** Chance of a pause after an identifier of 3 or more characters. */
  identifierPause: number;
}

export const HUMAN_PACE: Pace = { keyMs: [60, 180], pauseMs: [500, 1500], lineEndPause: 0.9, identifierPause: 0.2 };

/** The timed session: the first key at 0 ms; a pause ends with the last key too. */
export function typingSession(seed: number, pace: Pace = HUMAN_PACE, script = SCRIPT): Keystroke[] {
  const random = seededRandom(seed);
  const between = ([min, max]: [number, number]): number => Math.round(min + random() * (max - min));
  const keys = scriptKeys(script);
  const out: Keystroke[] = [];
  let at = 0;
  let typed = '';
  keys.forEach((text, i) => {
    typed += text;
    const next = keys[i + 1];
    const lineEnd = next?.startsWith('\n') === true;
    const identifier = /[A-Za-z_$][\w$]{2,}$/.test(typed) && next !== undefined && !/^[\w$]/.test(next);
    const pause = next === undefined || random() < (lineEnd ? pace.lineEndPause : identifier ? pace.identifierPause : 0);
    out.push({ text, atMs: at, pauseAfter: pause });
    at += pause ? between(pace.pauseMs) : between(pace.keyMs);
  });
  return out;
}
