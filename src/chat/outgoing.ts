// The user message a send creates: what is shown, what is sent, the system prompt of a command, what was
// attached, and the selection the question is about (`context`: the command's, else the attached selection's,
// so Apply can target it). And why the attached images cannot go to the current model. Pure.
import type { PromptKind } from '../config/core/settingsTable';
import type { WorkspacePrompt } from '../config/core/workspacePrompts';
import type { SelectionContext } from '../protocol';
import type { TargetResolver } from '../providers/core/providerService';
import { type Attachment, imageRefusal } from '../prompt/attachments';
import { newId, type StoredMessage } from '../history/conversation';

/** How a send differs from a plain message typed in the composer. */
export interface SendOptions {
  display?: string;
  context?: SelectionContext;
  systemPrompt?: string;
  /** Typed in the composer (default: when there is no `display`); a slash command's request has both. */
  fromView?: boolean;
  /** What the composer held (a slash command as typed): the draft again when the send is refused or cancelled. */
  typed?: string;
  /** The selection command's template the text was built from (a workspace's template is shown on the message). */
  template?: PromptKind;
}

export interface Outgoing {
  /** What is sent. */
  text: string;
  /** What is shown (default: the text). */
  display?: string;
  systemPrompt?: string;
  context?: SelectionContext;
  attachments: readonly Attachment[];
  /** The workspace's settings that steer it (system prompt, template), recorded with their text. */
  workspaceSettings?: readonly WorkspacePrompt[];
  createdAt: number;
}

export function userMessage(o: Outgoing): StoredMessage {
  const display = o.display ?? o.text;
  const user: StoredMessage = { id: newId(), role: 'user', content: display, status: 'done', createdAt: o.createdAt };
  if (display !== o.text) user.sendContent = o.text;
  if (o.systemPrompt !== undefined) user.systemPrompt = o.systemPrompt;
  if (o.attachments.length > 0) user.attachments = o.attachments.map(({ code: _code, ...stored }) => stored);
  if (o.workspaceSettings?.length) user.workspaceSettings = o.workspaceSettings.map((w) => ({ setting: w.setting, text: w.text }));
  const context = o.context ?? selectionContext(o.attachments);
  if (context) user.context = context;
  return user;
}

/** The first attached selection as the message's context (workspace-relative file, 1-based lines). */
export function selectionContext(attachments: readonly Attachment[]): SelectionContext | undefined {
  const s = attachments.find((a) => a.kind === 'selection');
  if (!s?.fileName || s.startLine === undefined || s.endLine === undefined) return undefined;
  return { fileName: s.fileName, languageId: s.languageId ?? 'plaintext', startLine: s.startLine, endLine: s.endLine };
}

/** True (after `notice` said why) when the attached images cannot go to the current model; false without images or a target. */
export async function refuseImages(attachments: readonly Attachment[], targets: Pick<TargetResolver, 'resolve'>, notice: (message: string) => void): Promise<boolean> {
  if (!attachments.some((a) => a.kind === 'image')) return false;
  const target = await targets.resolve().catch(() => undefined);
  const problem = target ? imageRefusal(target.model, target.profile.vision) : undefined;
  if (problem) notice(problem);
  return problem !== undefined;
}
