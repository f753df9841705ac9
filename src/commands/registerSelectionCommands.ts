// Explain / Ask / Fix / Write tests / Document the editor selection: build the prompt from the template in the
// settings and send it into the sidebar chat.
import * as vscode from 'vscode';
import { COMMANDS } from '../common/commands';
import { openSettings, promptSettingId, SETTING_IDS, type PromptKind, type ReadSettings } from '../config/settings';
import { errorMessage } from '../common/appError';
import type { Logger } from '../common/logger';
import type { ChatService } from '../chat/chatService';
import { textHash } from '../common/textHash';
import { buildSelectionPrompt, selectionSystemPrompt, type SelectionInput } from '../prompt/selectionPrompt';
import type { ReadGate } from '../context/readGate';
import { refusalMessage } from '../context/core/readReasons';

const SELECTION_COMMANDS: ReadonlyArray<[command: string, kind: PromptKind]> = [
  [COMMANDS.explainSelection, 'explain'],
  [COMMANDS.askAboutSelection, 'ask'],
  [COMMANDS.fixSelection, 'fix'],
  [COMMANDS.writeTestsForSelection, 'tests'],
  [COMMANDS.documentSelection, 'document'],
];

interface SelectionDeps {
  chat: ChatService;
  /** The settings, read once and cached (src/config/settingsStore.ts). */
  settings: { current(): ReadSettings };
  log: Logger;
  /** The read gate: a selection of `.env` (or of an excluded file) is sent only after the user's yes in its dialog. */
  gate: Pick<ReadGate, 'admit'>;
}

export function registerSelectionCommands(
  context: vscode.ExtensionContext,
  deps: SelectionDeps,
): void {
  for (const [command, kind] of SELECTION_COMMANDS) {
    context.subscriptions.push(vscode.commands.registerCommand(command, () => runSelectionCommand(kind, deps)));
  }
}

/** The selection (or, when nothing is selected, the current line) as the prompt's input; undefined when there is nothing to send. */
function selectionInput(editor: vscode.TextEditor, maxChars: number): SelectionInput | undefined {
  const { document, selection } = editor;
  let range: vscode.Range = selection;
  if (selection.isEmpty) {
    const line = document.lineAt(selection.active.line);
    if (line.isEmptyOrWhitespace) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Inference Chat: select some code first (the current line is empty).'));
      return undefined;
    }
    range = line.range;
    void vscode.window.showInformationMessage(vscode.l10n.t('Inference Chat: nothing was selected, so line {0} is used.', line.lineNumber + 1));
  }
  // A selection ending at column 0 of the next line does not include that line.
  const endLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  const code = document.getText(range);
  // The exact range (a selection ending at column 0 of the next line ends at the end of the line before).
  const endCharacter = endLine === range.end.line ? range.end.character : document.lineAt(endLine).range.end.character;
  const exact = new vscode.Range(range.start, new vscode.Position(endLine, endCharacter));
  if (!code.trim()) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Inference Chat: the selection is empty (only whitespace).'));
    return undefined;
  }
  return {
    code,
    fileName: document.isUntitled ? document.uri.path : vscode.workspace.asRelativePath(document.uri, false),
    languageId: document.languageId,
    startLine: range.start.line + 1,
    endLine: endLine + 1,
    maxChars,
    where: {
      uri: document.uri.toString(),
      startCharacter: range.start.character,
      endCharacter,
      textHash: textHash(document.getText(exact)),
    },
  };
}

async function runSelectionCommand(kind: PromptKind, deps: SelectionDeps): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Inference Chat: open a file and select some code first.'));
    return;
  }
  const { settings, problems } = deps.settings.current();
  const problem = problems.find((p) => p.setting === promptSettingId(kind) || p.setting === SETTING_IDS.selectionMaxChars);
  if (problem) {
    const action = await vscode.window.showErrorMessage(vscode.l10n.t('Inference Chat: {0}', problem.message), vscode.l10n.t('Open Settings'));
    if (action) await openSettings(problem.setting);
    return;
  }

  const input = selectionInput(editor, settings.selectionMaxChars);
  if (!input) return;
  const admitted = await deps.gate.admit(editor.document.uri, 'attach', input.fileName);
  if (!admitted.ok) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Inference Chat: {0}', refusalMessage(input.fileName, admitted.reason)));
    return;
  }
  if (kind === 'ask') {
    const question = await vscode.window.showInputBox({
      title: vscode.l10n.t('Ask about the selection'),
      prompt: vscode.l10n.t('Your question about {0} (lines {1}–{2})', input.fileName, input.startLine, input.endLine),
      placeHolder: vscode.l10n.t('e.g. Why can this return undefined?'),
      ignoreFocusOut: true,
      validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('Type a question')),
    });
    if (!question?.trim()) return;
    input.question = question;
  }

  const prompt = buildSelectionPrompt(kind, settings.prompts[kind], input);
  if (prompt.truncatedChars > 0) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Inference Chat: the selection is longer than {0} ({1} characters); the last {2} characters were not sent.',
        SETTING_IDS.selectionMaxChars, settings.selectionMaxChars, prompt.truncatedChars,
      ),
    );
  }
  try {
    await deps.chat.ask({
      content: prompt.content,
      display: prompt.display,
      systemPrompt: selectionSystemPrompt(settings.systemPrompt),
      context: prompt.context,
      template: kind,
    });
  } catch (error) {
    const message = errorMessage(error);
    deps.log.error(`Selection command (${kind}) failed: ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Inference Chat: {0}', message));
  }
}
