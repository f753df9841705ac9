// What the user reads when a file is not read, or is read only after their yes: each reason in its own words
// (a link to /dev/zero is "not a regular file", never "excluded by files.exclude"). Pure.
import { sizeLabel } from '../../prompt/attachments';
import { l10n } from '../../common/l10n';
import type { ConfirmReason, NotRegularKind, ReadPurpose, ReadReason } from './readPolicy';

function notRegular(name: string, what: NotRegularKind): string {
  switch (what) {
    case 'folder':
      return l10n.t('{0} is a folder: attach the files in it one by one.', name);
    case 'device':
      return l10n.t('{0} is a device, not a regular file, so it is not read.', name);
    case 'fifo':
      return l10n.t('{0} is a named pipe (FIFO), not a regular file, so it is not read.', name);
    case 'socket':
      return l10n.t('{0} is a socket, not a regular file, so it is not read.', name);
    case 'pseudo':
      return l10n.t('{0} is a file of the operating system (/proc, /sys or /dev), not a regular file, so it is not read.', name);
    case 'other':
      return l10n.t('{0} is not a regular file, so it is not read.', name);
    default: {
      const unreachable: never = what;
      return unreachable;
    }
  }
}

/** One sentence for a refusal, naming its real cause. */
export function refusalMessage(name: string, reason: ReadReason): string {
  switch (reason.kind) {
    case 'outside-workspace':
      return l10n.t('{0} is outside the workspace folders, so it is not read. From the chat view only workspace files can be attached; use "Add to Chat" in its editor instead.', name);
    case 'link-outside':
      return l10n.t('{0} is a link to {1}, outside the workspace folders, so it is not read.', name, reason.target);
    case 'not-a-file':
      return l10n.t('{0} is not a file on disk, so it is not read.', name);
    case 'missing':
      return l10n.t('{0} does not exist.', name);
    case 'unreadable':
      return l10n.t('{0} could not be read.', name);
    case 'not-regular':
      return notRegular(name, reason.what);
    case 'too-large':
      return reason.bytes !== undefined
        ? l10n.t('{0} is too large to attach ({1}; the limit is {2} characters). Attach a selection of it instead.', name, sizeLabel(reason.bytes), reason.limitChars.toLocaleString('en-US'))
        : l10n.t('{0} is larger than the limit of {1} characters, so it is not read.', name, reason.limitChars.toLocaleString('en-US'));
    case 'binary':
      return l10n.t('{0} is a binary file: only text files can be attached.', name);
    case 'ignored':
      return l10n.t('{0} is excluded by {1} (the pattern "{2}"), so it is not read.', name, reason.source, reason.pattern);
    case 'never-sent':
      return l10n.t('{0} is listed in {1} (the pattern "{2}"), so it is never sent to the model.', name, reason.source, reason.pattern);
    case 'files-exclude':
      return l10n.t('{0} is excluded by the files.exclude setting, so it is not read.', name);
    case 'secret':
      return l10n.t('{0} looks like a file with secrets (it matches "{1}"), so it is not read.', name, reason.pattern);
    case 'declined':
      return l10n.t('{0} was not attached: you chose not to send it ({1}).', name, confirmCause(reason.cause));
    default: {
      const unreachable: never = reason;
      return unreachable;
    }
  }
}

/** Why a file needs the user's yes, as a short clause (the modal's detail, a declined refusal). */
export function confirmCause(reason: ConfirmReason): string {
  switch (reason.kind) {
    case 'secret':
      return l10n.t('its name matches "{0}", a pattern of files that hold keys or passwords', reason.pattern);
    case 'link-outside':
      return l10n.t('it is a link to {0}, outside the workspace folders', reason.target);
    case 'ignored':
      return l10n.t('{0} excludes it (the pattern "{1}")', reason.source, reason.pattern);
    case 'files-exclude':
      return l10n.t('the files.exclude setting excludes it');
    default: {
      const unreachable: never = reason;
      return unreachable;
    }
  }
}

/** The modal dialog's question and detail; the agent's question says the agent asks (a path the model named). */
export function confirmQuestion(name: string, reason: ConfirmReason, also: readonly ConfirmReason[], purpose?: ReadPurpose): { message: string; detail: string } {
  const causes = [reason, ...also].map((r) => `• ${confirmCause(r)}`).join('\n');
  if (purpose === 'agent') {
    const agentMessage =
      reason.kind === 'secret'
        ? l10n.t('The agent wants to read {0}, which looks like a file with secrets. Let it?', name)
        : reason.kind === 'link-outside'
          ? l10n.t('The agent wants to read {0}, which leads outside the workspace. Let it?', name)
          : l10n.t('The agent wants to read {0}, which is excluded in this workspace. Let it?', name);
    return { message: agentMessage, detail: `${causes}\n\n${l10n.t("Its text goes to the model's server as the tool's result.")}` };
  }
  const message =
    reason.kind === 'secret'
      ? l10n.t('{0} looks like a file with secrets. Send it to the model anyway?', name)
      : reason.kind === 'link-outside'
        ? l10n.t('{0} leads outside the workspace. Send it to the model anyway?', name)
        : l10n.t('{0} is excluded in this workspace. Send it to the model anyway?', name);
  return { message, detail: `${causes}\n\n${l10n.t("Its whole text goes to the model's server with your next message.")}` };
}
