// The attachments waiting for the next message of each conversation: added by the pickers, drops, pastes and
// "Add to Chat", shown as chips (with the suggested active editor and the instructions file), removed or
// toggled by the chips' buttons, and taken by the send. The instructions file is attached to every message
// unless turned off for the conversation. Pure: the editor side is the ContextSource.
import type { AttachmentChip, HostToWebview, WebviewToHost } from '../protocol';
import { type Attachment, type AttachResult, imageAttachment } from '../prompt/attachments';
import type { ContextSource } from '../prompt/contextSource';

export type AttachMessage = Extract<WebviewToHost, { type: `attach.${string}` }>;

export function isAttachMessage(message: WebviewToHost): message is AttachMessage {
  return message.type.startsWith('attach.');
}

export interface AttachmentTrayDeps {
  source: ContextSource | undefined;
  post: (message: HostToWebview) => void;
  notice: (level: 'info' | 'warning', message: string) => void;
  activeId: () => string;
  /** What is attached changed (the meter counts it). */
  changed: () => void;
}

const SUGGESTED_ID = 'suggested';

export class AttachmentTray {
  private readonly pending = new Map<string, Attachment[]>();
  private readonly instructionsOff = new Set<string>();
  private instructions: Attachment | undefined;
  /** The instructions files refused at the last read (a notice is shown when this changes, not on every re-read). */
  private instructionsRefused = '[]';
  private dismissed: string | undefined;
  /** What the view shows (conversation and chips), so only changes are posted. */
  private shown = '';
  private readonly sourceEvents: { dispose(): void } | undefined;

  constructor(private readonly deps: AttachmentTrayDeps) {
    // Only an instructions change re-reads the files; a new suggestion (the editor or selection moved) is just posted.
    this.sourceEvents = deps.source?.onDidChange((change) => (change.instructions ? void this.refresh() : this.postChips()));
  }

  /** Re-reads the instructions file and posts the chips; an instructions file that was refused says why (once). */
  async refresh(): Promise<void> {
    const read = await this.deps.source?.instructions().catch(() => undefined);
    this.instructions = read?.attachment;
    const refusals = read?.refusals ?? [];
    const said = JSON.stringify(refusals);
    if (said !== this.instructionsRefused) {
      this.instructionsRefused = said;
      for (const refusal of refusals) this.deps.notice('warning', refusal.message);
    }
    this.postChips();
    this.deps.changed();
  }

  async handle(message: AttachMessage): Promise<void> {
    const source = this.deps.source;
    switch (message.type) {
      case 'attach.pick':
        if (source) this.add(await source.pick(message.source));
        return;
      case 'attach.uris':
        if (source) this.add(await source.fromUris(message.uris));
        return;
      case 'attach.image':
        this.add([imageAttachment(message.name || 'image', message.dataUrl)]);
        return;
      case 'attach.remove':
        if (message.id === SUGGESTED_ID) this.dismissed = source?.suggestion()?.key;
        else this.pending.set(this.deps.activeId(), this.list().filter((a) => a.id !== message.id));
        return this.update();
      case 'attach.toggle': {
        const id = this.deps.activeId();
        if (message.id === SUGGESTED_ID) {
          const taken = await source?.takeSuggestion();
          if (taken) {
            this.dismissed = source?.suggestion()?.key;
            this.add([taken]);
          }
          return;
        }
        if (this.instructions && message.id === this.instructions.id) {
          if (this.instructionsOff.has(id)) this.instructionsOff.delete(id);
          else this.instructionsOff.add(id);
          return this.update();
        }
        return;
      }
      default: {
        const unreachable: never = message;
        void unreachable;
      }
    }
  }

  /** Adds what was made; each refusal becomes a notice (nothing is cut or dropped silently). */
  add(results: readonly AttachResult[]): void {
    const id = this.deps.activeId();
    const list = [...this.list(id)];
    for (const result of results) {
      if (!result.ok) {
        this.deps.notice('warning', result.refusal.message);
        continue;
      }
      const a = result.attachment;
      // The same file or selection twice is one attachment (the newer read wins).
      const same = list.findIndex((b) => b.kind === a.kind && b.name === a.name);
      if (same >= 0) list.splice(same, 1, a);
      else list.push(a);
    }
    this.pending.set(id, list);
    this.update();
  }

  /** What the next message of the conversation carries: the pending attachments and the instructions file (when on). */
  forSend(conversationId: string, includePending: boolean): Attachment[] {
    const out = includePending ? [...this.list(conversationId)] : [];
    if (this.instructions && !this.instructionsOff.has(conversationId)) out.push(this.instructions);
    return out;
  }

  /** The selection a slash command works on: the last attached one, else the suggested one (read now). */
  async selection(): Promise<Attachment | undefined> {
    const attached = [...this.list()].reverse().find((a) => a.kind === 'selection');
    if (attached) return attached;
    const suggestion = this.deps.source?.suggestion();
    if (suggestion?.kind !== 'selection' || suggestion.key === this.dismissed) return undefined;
    const taken = await this.deps.source?.takeSuggestion();
    return taken?.ok ? taken.attachment : undefined;
  }

  /** A slash command used this attachment: it goes into the request as the command's code, not as a chip. */
  consume(id: string): void {
    const conversationId = this.deps.activeId();
    this.pending.set(conversationId, this.list(conversationId).filter((a) => a.id !== id));
    this.dismissed = this.deps.source?.suggestion()?.key;
  }

  /** Takes these out of the conversation's next message ("Remove" in the credential warning); the instructions file is turned off for it. */
  drop(conversationId: string, ids: ReadonlySet<string>): void {
    this.pending.set(conversationId, this.list(conversationId).filter((a) => !ids.has(a.id)));
    if (this.instructions && ids.has(this.instructions.id)) this.instructionsOff.add(conversationId);
    this.update();
  }

  /** A slash command's selection goes back where it was: its send was refused or cancelled. */
  restore(attachment: Attachment): void {
    const id = this.deps.activeId();
    if (!this.list(id).some((a) => a.id === attachment.id)) this.pending.set(id, [...this.list(id), attachment]);
    this.update();
  }

  /** The send took them. */
  clear(conversationId: string): void {
    this.pending.delete(conversationId);
    this.update();
  }

  chips(conversationId: string): AttachmentChip[] {
    const chips: AttachmentChip[] = this.list(conversationId).map((a) => chipOf(a));
    const suggestion = this.deps.source?.suggestion();
    if (suggestion && suggestion.key !== this.dismissed && !chips.some((c) => c.name === suggestion.name)) {
      chips.unshift({ id: SUGGESTED_ID, kind: suggestion.kind, name: suggestion.name, tokens: suggestion.tokens, suggested: true });
    }
    if (this.instructions) chips.push({ ...chipOf(this.instructions), ...(this.instructionsOff.has(conversationId) ? { off: true } : {}) });
    return chips;
  }

  /** Posts the chips of the active conversation when they differ from what the view shows. */
  postChips(): void {
    const conversationId = this.deps.activeId();
    const chips = this.chips(conversationId);
    const key = JSON.stringify([conversationId, chips]);
    if (key === this.shown) return;
    this.shown = key;
    this.deps.post({ type: 'attachments', conversationId, chips });
  }

  /** A whole state went out: the view cleared its chips (it does on every state); post them again if there are any. */
  stateSent(): void {
    this.shown = JSON.stringify([this.deps.activeId(), []]);
    this.postChips();
  }

  dispose(): void {
    this.sourceEvents?.dispose();
  }

  private list(conversationId = this.deps.activeId()): readonly Attachment[] {
    return this.pending.get(conversationId) ?? [];
  }

  private update(): void {
    this.postChips();
    this.deps.changed();
  }
}

export function chipOf(a: Pick<Attachment, 'id' | 'kind' | 'name' | 'tokens'>): AttachmentChip {
  return { id: a.id, kind: a.kind, name: a.name, tokens: a.tokens };
}
