// What the user attaches to a message (a file, a selection, the problems of a file, the terminal's last command,
// an image, the project's instructions file): the text each one becomes in the prompt, its size in tokens and
// the reasons one is refused — a binary, huge or excluded file says so, nothing is ever cut silently. Pure: the
// host (src/context) reads the files and hands the bytes or text in.
import { l10n } from '../common/l10n';
import { estimateTextTokens, IMAGE_TOKENS } from '../models/tokenEstimate';
import { fencedBlock } from './selectionPrompt';

import type { AttachmentKind } from '../protocol';

/** An attachment as sent and stored with the message (storage/schemaV2.ts AttachmentRecordV2). */
export interface Attachment {
  id: string;
  kind: AttachmentKind;
  /** What the chip shows: a workspace-relative path, "path:3-7", "Problems: path", "Terminal: npm test"… */
  name: string;
  /** The estimate of what it adds to the prompt. */
  tokens: number;
  /** The text it contributes (every kind but images): a heading and a fenced block. */
  text?: string;
  /** Files and selections: the workspace-relative path, language and 1-based lines. */
  fileName?: string;
  languageId?: string;
  startLine?: number;
  endLine?: number;
  /** Selections: the code itself, for the slash commands (not stored: the text has it). */
  code?: string;
  /** Images: a `data:image/…;base64,` URL. */
  dataUrl?: string;
}

/** An attachment that could not be made, and why (shown as a notice; the rest of the draft is kept). */
export interface Refusal {
  name: string;
  message: string;
}

export type AttachResult = { ok: true; attachment: Attachment } | { ok: false; refusal: Refusal };

/** The largest file or selection attached whole (characters); a larger one is refused, never cut. */
export const MAX_ATTACHMENT_CHARS = 200_000;
/** The largest image (bytes of its data URL, about 3 MB of picture). */
export const MAX_IMAGE_DATA_URL = 4_000_000;
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

export function newAttachmentId(): string {
  return globalThis.crypto.randomUUID();
}

/** A NUL byte in the first 8 KB, or bytes that are not valid UTF-8, mean binary. */
export function isBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.length < bytes.length ? trimPartial(head) : head);
    return false;
  } catch {
    return true;
  }
}

/** Drops a UTF-8 sequence cut at the end of a prefix (so a prefix of a text file never looks binary). */
function trimPartial(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    if (b >= 0xc0) end -= back; // a lead byte whose sequence may be incomplete
    break;
  }
  return bytes.subarray(0, end);
}

/** A byte count as the refusals say it: "12 KB", "3.4 MB". */
export function sizeLabel(n: number): string {
  return n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function finish(a: Omit<Attachment, 'id' | 'tokens'>): Attachment {
  const tokens = a.dataUrl !== undefined ? IMAGE_TOKENS : estimateTextTokens(a.text ?? '');
  return { id: newAttachmentId(), tokens, ...a };
}

export interface FileInput {
  fileName: string;
  languageId: string;
  bytes: Uint8Array;
}

/** A whole file: refused when binary or longer than MAX_ATTACHMENT_CHARS. */
export function fileAttachment(input: FileInput): AttachResult {
  const { fileName } = input;
  if (isBinary(input.bytes)) {
    return refuse(fileName, l10n.t('{0} is a binary file: only text files can be attached.', fileName));
  }
  const text = new TextDecoder().decode(input.bytes);
  if (text.length > MAX_ATTACHMENT_CHARS) return tooLargeFile(fileName, input.bytes.length);
  return ok(finish({ kind: 'file', name: fileName, fileName, languageId: input.languageId, text: `File \`${fileName}\`:\n\n${fencedBlock(text, input.languageId)}` }));
}

/** A file too large to attach (also said without reading it, from its size). */
export function tooLargeFile(fileName: string, bytes: number): AttachResult {
  return refuse(fileName, l10n.t('{0} is too large to attach ({1}; the limit is {2} characters). Attach a selection of it instead.', fileName, sizeLabel(bytes), MAX_ATTACHMENT_CHARS.toLocaleString('en-US')));
}

export interface SelectionInput {
  fileName: string;
  languageId: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  code: string;
}

export function selectionLabel(s: Pick<SelectionInput, 'fileName' | 'startLine' | 'endLine'>): string {
  return s.startLine === s.endLine ? `${s.fileName}:${s.startLine}` : `${s.fileName}:${s.startLine}-${s.endLine}`;
}

export function selectionAttachment(input: SelectionInput): AttachResult {
  const name = selectionLabel(input);
  if (!input.code.trim()) return refuse(name, l10n.t('The selection in {0} is empty.', input.fileName));
  if (input.code.length > MAX_ATTACHMENT_CHARS) {
    return refuse(name, l10n.t('The selection in {0} is too large to attach ({1} characters; the limit is {2}).', input.fileName, input.code.length, MAX_ATTACHMENT_CHARS));
  }
  const range = input.startLine === input.endLine ? `line ${input.startLine}` : `lines ${input.startLine}-${input.endLine}`;
  return ok(finish({
    kind: 'selection',
    name,
    fileName: input.fileName,
    languageId: input.languageId,
    startLine: input.startLine,
    endLine: input.endLine,
    code: input.code,
    text: `Selection from \`${input.fileName}\` (${range}):\n\n${fencedBlock(input.code, input.languageId)}`,
  }));
}

/** Plain text under a heading (problems, terminal output, instructions). */
export function textAttachment(kind: 'problems' | 'terminal' | 'instructions', name: string, heading: string, body: string): AttachResult {
  if (body.length > MAX_ATTACHMENT_CHARS) {
    return refuse(name, l10n.t('{0} is too large to attach ({1} characters; the limit is {2}).', name, body.length, MAX_ATTACHMENT_CHARS));
  }
  const text = kind === 'instructions' ? `${heading}\n\n${body.trim()}` : `${heading}\n\n${fencedBlock(body, kind === 'terminal' ? 'console' : 'text')}`;
  return ok(finish({ kind, name, text }));
}

/** A pasted or dropped image, as a data URL; refused when it is not a PNG/JPEG/GIF/WebP or too large. */
export function imageAttachment(name: string, dataUrl: string): AttachResult {
  const type = /^data:([\w/+.-]+);base64,/.exec(dataUrl)?.[1];
  if (!type || !(IMAGE_TYPES as readonly string[]).includes(type)) {
    return refuse(name, l10n.t('{0} is not an image the chat can send (PNG, JPEG, GIF or WebP).', name));
  }
  if (dataUrl.length > MAX_IMAGE_DATA_URL) {
    return refuse(name, l10n.t('{0} is too large to send ({1}; the limit is {2}).', name, sizeLabel(dataUrl.length), sizeLabel(MAX_IMAGE_DATA_URL)));
  }
  return ok(finish({ kind: 'image', name, dataUrl }));
}

/** Why an image cannot go to this model (undefined when it can). */
export function imageRefusal(model: string, vision: boolean): string | undefined {
  if (vision) return undefined;
  return l10n.t(
    '{0} does not take images, so nothing was sent; the image is kept. Remove it or pick a vision model (if this model does take images, set "vision": true for it in inferenceChat.modelOverrides).',
    model,
  );
}

function ok(attachment: Attachment): AttachResult {
  return { ok: true, attachment };
}

function refuse(name: string, message: string): AttachResult {
  return { ok: false, refusal: { name, message } };
}
