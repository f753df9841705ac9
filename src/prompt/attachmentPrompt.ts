// What a user message with attachments sends: the attachments' text before the user's own text, images as
// `image_url` content parts (only to a model that takes images; for any other model a note says one was left
// out), and the project's instructions file in the system prompt rather than in the message. Pure.
import type { ContentPart } from '../api/types';
import { estimateTextTokens, IMAGE_TOKENS } from '../models/tokenEstimate';
import type { ReadonlyMessage } from '../history/conversation';

/** A user message as it is sent: its text and the data URLs of its images. */
export interface UserPayload {
  text: string;
  images: string[];
}

type Attached = NonNullable<ReadonlyMessage['attachments']>[number];

/** The text and images a user message sends (`text` is what the user typed, or the full prompt of a command). */
export function userPayload(message: Pick<ReadonlyMessage, 'attachments'>, text: string, vision: boolean): UserPayload {
  const attached = (message.attachments ?? []).filter((a) => a.kind !== 'instructions');
  if (attached.length === 0) return { text, images: [] };
  const blocks: string[] = [];
  const images: string[] = [];
  for (const a of attached) {
    if (a.dataUrl !== undefined) {
      if (vision) images.push(a.dataUrl);
      else blocks.push(`[An image (${a.name}) was attached here but not sent: this model does not take images.]`);
    } else if (a.text) blocks.push(a.text);
  }
  blocks.push(text);
  return { text: blocks.join('\n\n'), images };
}

/** The instructions files attached to a message, as one text for the system prompt ('' when none). */
export function instructionsText(attachments: readonly Attached[] | undefined): string {
  return (attachments ?? [])
    .filter((a) => a.kind === 'instructions' && a.text)
    .map((a) => a.text!)
    .join('\n\n');
}

/** The heuristic estimate of a payload (without the message overhead). */
export function payloadTokens(payload: UserPayload): number {
  return estimateTextTokens(payload.text) + payload.images.length * IMAGE_TOKENS;
}

/** The message content for the request: a plain string without images, else a text part and the image parts. */
export function payloadContent(payload: UserPayload): string | ContentPart[] {
  if (payload.images.length === 0) return payload.text;
  return [{ type: 'text', text: payload.text }, ...payload.images.map((url): ContentPart => ({ type: 'image_url', image_url: { url } }))];
}
