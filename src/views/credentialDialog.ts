// The credential warning before a send (src/chat/credentialCheck.ts), as a modal dialog of VS Code itself: a
// compromised webview cannot see or answer it. Closing the dialog (Escape, Cancel) sends nothing.
import * as vscode from 'vscode';
import { type CredentialChoice, type CredentialQuestion, credentialQuestionText } from '../chat/credentialCheck';

export async function confirmCredentialsModal(question: CredentialQuestion): Promise<CredentialChoice> {
  const { message, detail } = credentialQuestionText(question);
  const sendAnyway = vscode.l10n.t('Send Anyway');
  const remove = vscode.l10n.t('Remove');
  const dontSend = vscode.l10n.t("Don't Send");
  // The first button is the default (Enter), so it is always a safe answer: Remove where the attachments can go,
  // else Don't Send (VS Code keeps its own Cancel apart and never makes it the default).
  const buttons = question.canRemove ? [remove, sendAnyway] : [dontSend, sendAnyway];
  const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
  return answer === sendAnyway ? 'send' : answer === remove ? 'remove' : 'cancel';
}
