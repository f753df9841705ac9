// Slash commands in the composer: `/explain`, `/fix`, `/tests`, `/doc` on the attached selection (or the
// suggested one) with the same templates as the editor's selection commands (inferenceChat.prompts.*), and
// `/new` for a new chat. Text after the command is added to the request. Pure.
import { buildSelectionPrompt, selectionSystemPrompt } from '../prompt/selectionPrompt';
import { DEFAULT_PROMPTS, type PromptKind } from '../config/core/settingsTable';
import { l10n } from '../common/l10n';
import type { SelectionContext } from '../protocol';
import type { Attachment } from '../prompt/attachments';
import type { TargetResolver } from '../providers/core/providerService';
import type { AttachmentTray } from './attachmentTray';

export const SLASH_COMMANDS = ['explain', 'fix', 'tests', 'doc', 'new'] as const;
export type SlashName = (typeof SLASH_COMMANDS)[number];

const KINDS: Record<Exclude<SlashName, 'new'>, PromptKind> = { explain: 'explain', fix: 'fix', tests: 'tests', doc: 'document' };

export interface SlashCommand {
  name: SlashName;
  /** What follows the command (may be empty). */
  rest: string;
}

/** `/name rest…` for a known command; undefined for any other text (a path such as /usr/bin is no command). */
export function parseSlash(text: string): SlashCommand | undefined {
  const match = /^\/([a-z]+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match || !(SLASH_COMMANDS as readonly string[]).includes(match[1]!)) return undefined;
  return { name: match[1] as SlashName, rest: (match[2] ?? '').trim() };
}

export interface SelectionTemplates {
  prompts: Record<PromptKind, string>;
  maxChars: number;
}

export interface SlashPrompt {
  content: string;
  display: string;
  systemPrompt: string;
  context: SelectionContext;
  /** The template it was built from. */
  template: PromptKind;
}

/** The request for a selection command, as the editor's command builds it; undefined when `selection` is no selection. */
export function slashPrompt(
  command: SlashCommand & { name: Exclude<SlashName, 'new'> },
  selection: Attachment,
  chatSystemPrompt: string,
  templates: SelectionTemplates = { prompts: DEFAULT_PROMPTS, maxChars: 20_000 },
): SlashPrompt | undefined {
  if (selection.kind !== 'selection' || selection.code === undefined || !selection.fileName || selection.startLine === undefined || selection.endLine === undefined) return undefined;
  const kind = KINDS[command.name];
  const built = buildSelectionPrompt(kind, templates.prompts[kind], {
    code: selection.code,
    fileName: selection.fileName,
    languageId: selection.languageId ?? 'plaintext',
    startLine: selection.startLine,
    endLine: selection.endLine,
    maxChars: templates.maxChars,
  });
  const extra = command.rest ? `\n\n${command.rest}` : '';
  return { content: built.content + extra, display: built.display + extra, systemPrompt: selectionSystemPrompt(chatSystemPrompt), context: built.context, template: kind };
}

export function noSelectionMessage(name: SlashName): string {
  return l10n.t('/{0} works on a selection: select code in an editor (it is suggested above the input) or attach one, then send again.', name);
}

export interface SlashDeps {
  tray: Pick<AttachmentTray, 'selection' | 'consume' | 'restore'>;
  targets: Pick<TargetResolver, 'resolve'>;
  templates?: (() => SelectionTemplates) | undefined;
  /** A new chat; the text that asked for it leaves the old conversation's input. */
  newChat: (text: string) => Promise<void>;
  /** Sends as if typed in the composer: shown as `display`, the draft cleared, the other attachments sent along; false when refused or cancelled. */
  send: (prompt: SlashPrompt & { typed: string }) => Promise<boolean>;
  /** Refused: says why; the text stays in the input. */
  refuse: (message: string, text: string) => void;
}

export class SlashRunner {
  constructor(private readonly deps: SlashDeps) {}

  /** Runs the text as a slash command; false when it is none (then it is sent as it is). */
  async run(text: string): Promise<boolean> {
    const command = parseSlash(text);
    if (!command) return false;
    if (command.name === 'new') {
      await this.deps.newChat(text);
      return true;
    }
    const selection = await this.deps.tray.selection();
    const chatSystemPrompt = await this.deps.targets.resolve().then((t) => t.systemPrompt, () => '');
    const prompt = selection && slashPrompt({ ...command, name: command.name }, selection, chatSystemPrompt, this.deps.templates?.());
    if (!selection || !prompt) {
      this.deps.refuse(noSelectionMessage(command.name), text);
      return true;
    }
    this.deps.tray.consume(selection.id);
    // Refused or cancelled (the credential warning): nothing is lost, the selection is attached again.
    if (!(await this.deps.send({ ...prompt, typed: text }))) this.deps.tray.restore(selection);
    return true;
  }
}
