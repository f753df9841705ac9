// Before a message is sent: does an attachment, the instructions file or a command's code (Explain selection,
// /fix…) hold something that looks like a credential? Then the user is asked — "Send anyway" or "Remove" the
// attachments that hold it — through a dialog of the host (src/views/credentialDialog.ts), never the webview's
// (a compromised page must not be able to answer it). Nothing is altered silently: the text is sent unchanged
// or not at all. Pure.
import { credentialKindLabel, findCredentials, type CredentialKind } from '../common/credentials';
import { l10n } from '../common/l10n';
import type { Attachment } from '../prompt/attachments';

export interface CredentialWarning {
  /** The attachment that holds it; absent for a command's own text (the selected code it sends). */
  attachmentId?: string;
  /** What the user knows it by: the attachment's name, or the selection's file. */
  source: string;
  kind: CredentialKind;
  /** A short masked hint ("sk-…abcd"), never the secret. */
  hint: string;
}

export interface CredentialQuestion {
  warnings: readonly CredentialWarning[];
  /** Every warning is in an attachment, so removing them leaves nothing of it in the message. */
  canRemove: boolean;
}

export type CredentialChoice = 'send' | 'remove' | 'cancel';
export type ConfirmCredentials = (question: CredentialQuestion) => Promise<CredentialChoice>;

/** At most this many findings are named per attachment (the dialog stays short; one is reason enough). */
const PER_SOURCE = 3;

/** What in this send looks like a credential: each attachment's text and, for a command, the text it sends. */
export function credentialWarnings(
  attachments: readonly Attachment[],
  command: { source: string; text: string } | undefined,
  knownSecrets: Iterable<string>,
): CredentialWarning[] {
  const secrets = [...knownSecrets];
  const warnings: CredentialWarning[] = [];
  const add = (source: string, text: string, attachmentId?: string): void => {
    for (const f of findCredentials(text, secrets).slice(0, PER_SOURCE)) {
      warnings.push({ ...(attachmentId !== undefined ? { attachmentId } : {}), source, kind: f.kind, hint: f.hint });
    }
  };
  for (const a of attachments) if (a.text) add(a.name, a.text, a.id);
  if (command) add(command.source, command.text);
  return warnings;
}

/** The dialog's words: what was found where, and what each answer does. */
export function credentialQuestionText(question: CredentialQuestion): { message: string; detail: string } {
  const lines = question.warnings.map((w) => l10n.t('{0}: {1} {2}', w.source, credentialKindLabel(w.kind), w.hint));
  const what = question.canRemove
    ? l10n.t('"Send Anyway" sends it unchanged to the model\'s provider. "Remove" takes the attachments that hold it out of this message; your text stays.')
    : l10n.t('"Send Anyway" sends it unchanged to the model\'s provider. "Don\'t Send" and Cancel send nothing.');
  return {
    message: l10n.t('This message contains what looks like a credential. Send it?'),
    detail: [...lines, '', what].join('\n'),
  };
}

export interface CredentialGate {
  confirm: ConfirmCredentials | undefined;
  knownSecrets: () => Iterable<string>;
  /** Takes these attachments out of the conversation's next message (the instructions file: turned off for it). */
  remove: (ids: ReadonlySet<string>) => void;
}

/**
 * What may be sent: the attachments as they are ("Send Anyway", or nothing found), without the ones that hold a
 * credential ("Remove": `reload` reads them again after the removal), or undefined (cancelled: send nothing).
 */
export async function clearCredentials(
  gate: CredentialGate,
  attachments: readonly Attachment[],
  command: { source: string; text: string } | undefined,
  reload: () => readonly Attachment[],
): Promise<readonly Attachment[] | undefined> {
  if (!gate.confirm) return attachments;
  const warnings = credentialWarnings(attachments, command, gate.knownSecrets());
  if (warnings.length === 0) return attachments;
  const canRemove = warnings.every((w) => w.attachmentId !== undefined);
  const choice = await gate.confirm({ warnings, canRemove });
  if (choice === 'send') return attachments;
  if (choice !== 'remove' || !canRemove) return undefined;
  gate.remove(new Set(warnings.map((w) => w.attachmentId!)));
  return reload();
}
