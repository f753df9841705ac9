// The VS Code side effects the chat controller asks for: clipboard, editors, links, commands.
import * as vscode from 'vscode';
import { COMMANDS } from '../common/commands';
import type { ChatHost } from '../chat/chatHost';
import type { ApplyService } from '../apply/applyService';
import { WALKTHROUGH_ID } from '../onboarding/core/walkthroughProgress';

/** The command (and its arguments) behind each error action the chat hands to VS Code. */
const ACTION_COMMANDS = {
  setApiKey: [COMMANDS.setApiKey],
  pickModel: [COMMANDS.pickModel],
  switchProvider: [COMMANDS.switchProvider],
  openSettings: ['workbench.action.openSettings', '@ext:infchat.inference-chat'],
  pickReasoningEffort: [COMMANDS.setReasoningEffort],
  // The third argument: open it in place rather than beside the current editor.
  openWalkthrough: ['workbench.action.openWalkthrough', `infchat.inference-chat#${WALKTHROUGH_ID}`, false],
} as const;

/** Fence labels models use → VS Code language ids. */
const LANGUAGE_ALIASES: Record<string, string> = {
  ts: 'typescript',
  tsx: 'typescriptreact',
  js: 'javascript',
  jsx: 'javascriptreact',
  py: 'python',
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
  shell: 'shellscript',
  console: 'shellscript',
  yml: 'yaml',
  md: 'markdown',
  rs: 'rust',
  golang: 'go',
  cs: 'csharp',
  'c#': 'csharp',
  'c++': 'cpp',
  kt: 'kotlin',
  rb: 'ruby',
  ps1: 'powershell',
  text: 'plaintext',
  txt: 'plaintext',
};

async function openUntitled(content: string, language?: string): Promise<vscode.TextDocument> {
  const languageId = language ? (LANGUAGE_ALIASES[language.toLowerCase()] ?? language.toLowerCase()) : undefined;
  const known = languageId ? (await vscode.languages.getLanguages()).includes(languageId) : false;
  return vscode.workspace.openTextDocument({ content, language: known ? languageId : 'plaintext' });
}

export function createChatHost(apply: Pick<ApplyService, 'apply'>, showReadOnly: ChatHost['showReadOnly']): ChatHost {
  return {
    showReadOnly,
    applyCode: (request) => apply.apply(request),
    copyText: async (text) => {
      await vscode.env.clipboard.writeText(text);
    },
    insertCode: async (code) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return vscode.l10n.t('There is no open editor to insert the code into. Open a file first (or use "Open in editor").');
      const ok = await editor.edit((edit) => {
        for (const selection of editor.selections) {
          if (selection.isEmpty) edit.insert(selection.active, code);
          else edit.replace(selection, code);
        }
      });
      if (!ok) return vscode.l10n.t('Could not insert the code into {0} (is it read-only?).', vscode.workspace.asRelativePath(editor.document.uri));
      await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      return undefined;
    },
    openInEditor: async (code, language) => {
      await vscode.window.showTextDocument(await openUntitled(code, language), { preview: false });
    },
    openExternal: async (href) => {
      await vscode.env.openExternal(vscode.Uri.parse(href, true));
    },
    runCommand: async (action) => {
      const [command, ...args] = ACTION_COMMANDS[action];
      await vscode.commands.executeCommand(command, ...args);
    },
    showMarkdown: async (fileName, markdown) => {
      // An untitled document named after the conversation: Save proposes that name, wherever the user likes
      // (no modal dialog in the way).
      const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: fileName }));
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), markdown));
      if (document.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    },
  };
}
