// The credential warning before a send (src/chat/credentialCheck.ts), as a modal dialog of VS Code itself: a
// compromised webview cannot see or answer it. Closing the dialog (Escape, Cancel) sends nothing.
import * as vscode from 'vscode';
import { type CredentialChoice, type CredentialQuestion, credentialQuestionText } from '../chat/credentialCheck';

export async function confirmCredentialsModal(question: CredentialQuestion): Promise<CredentialChoice> {
  const { message, detail } = credentialQuestionText(question);
  const sendAnyway = vscode.l10n.t('Send Anyway');
  const remove = vscode.l10n.t('Remove');
  // The first button is the default (Enter): where the attachments can go, that is the safe answer.
  const buttons = question.canRemove ? [remove, sendAnyway] : [sendAnyway];
  const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
  return answer === sendAnyway ? 'send' : answer === remove ? 'remove' : 'cancel';
}
