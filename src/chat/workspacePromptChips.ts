// The system prompt and templates a trusted workspace set (src/config/core/workspacePrompts.ts), where they act: a
// chip on the composer while they steer the next message, the same on each message sent with them (recorded
// with the message, text included), and the text itself, read-only, when a chip is clicked. Pure.
import { l10n } from '../common/l10n';
import { promptsForMessage, type WorkspacePrompt } from '../config/core/workspacePrompts';
import type { PromptKind } from '../config/core/settingsTable';
import type { HostToWebview } from '../protocol';
import type { ChatHost } from './chatHost';
import type { ConversationStore } from '../history/conversationStore';

export interface WorkspacePromptDeps {
  /** The workspace's settings in use now (none: the workspace set none, or is not trusted). */
  prompts: (() => readonly WorkspacePrompt[]) | undefined;
  post: (message: HostToWebview) => void;
  store: Pick<ConversationStore, 'active'>;
  host: Pick<ChatHost, 'showReadOnly'>;
  notice: (message: string) => void;
}

export class WorkspacePromptChips {
  /** What the composer shows, so only changes are posted. */
  private shown: string | undefined;

  constructor(private readonly deps: WorkspacePromptDeps) {}

  /** Posts the composer's chips when they changed (`afterState`: a whole state went out, the page may be new and show none). */
  postChips(afterState = false): void {
    const settings = this.current().map((p) => p.setting);
    const key = JSON.stringify(settings);
    const pageShows = afterState ? undefined : this.shown;
    this.shown = key;
    // A new page shows none: post only what it lacks; a page that lived on keeps its chips unless they changed.
    if (key === pageShows || (afterState && settings.length === 0)) return;
    this.deps.post({ type: 'workspacePrompts', settings });
  }

  /** What a message sent now is steered by: the system prompt, and the template it was built from. */
  forMessage(template: PromptKind | undefined): WorkspacePrompt[] {
    return promptsForMessage(this.current(), template).map((p) => ({ ...p }));
  }

  /** Shows the text: as the message was sent with it, or as it is now (the composer's chip). */
  async open(setting: string, messageId?: string): Promise<void> {
    const source = messageId === undefined
      ? this.current()
      : (this.deps.store.active().messages.find((m) => m.id === messageId)?.workspaceSettings ?? []);
    const prompt = source.find((p) => p.setting === setting);
    if (!prompt) {
      this.deps.notice(l10n.t('{0} is no longer set by this workspace.', setting));
      return;
    }
    await this.deps.host.showReadOnly(setting, prompt.text);
  }

  private current(): readonly WorkspacePrompt[] {
    return this.deps.prompts?.() ?? [];
  }
}
