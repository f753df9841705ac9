// The completions menu (a click on the status-bar item): turn them on or off, choose the model and the endpoint,
// and the fix for the current error (set the key, open the settings), or the log.
import * as vscode from 'vscode';
import type { ErrorAction } from '../common/appError';
import { COMMANDS } from '../common/commands';
import { COMPLETION_ENDPOINTS, type CompletionEndpointSetting } from '../config/core/completionSettings';
import type { HealthView } from './core/completionHealth';

type MenuItem = vscode.QuickPickItem & { run: () => Thenable<unknown> | Promise<unknown> };

export interface MenuState {
  on: boolean;
  endpoint: CompletionEndpointSetting;
  view: Readonly<HealthView>;
}

export async function showCompletionMenu(state: MenuState, writeEndpoint: (endpoint: CompletionEndpointSetting) => Promise<void>): Promise<void> {
  const items: MenuItem[] = [];
  for (const action of state.view.error?.actions ?? []) {
    const fix = actionItem(action);
    if (fix) items.push(fix);
  }
  items.push(
    state.on
      ? { label: `$(circle-slash) ${vscode.l10n.t('Turn off inline completions')}`, run: () => vscode.commands.executeCommand(COMMANDS.toggleCompletions) }
      : { label: `$(sparkle) ${vscode.l10n.t('Turn on inline completions')}`, run: () => vscode.commands.executeCommand(COMMANDS.toggleCompletions) },
    { label: `$(symbol-misc) ${vscode.l10n.t('Pick completion model…')}`, run: () => vscode.commands.executeCommand(COMMANDS.pickCompletionModel) },
    { label: `$(plug) ${vscode.l10n.t('Endpoint: {0}', state.endpoint)}`, detail: vscode.l10n.t('auto, llama.cpp infill, /completions with a fill-in-the-middle template, or a chat prompt'), run: () => pickEndpoint(state.endpoint, writeEndpoint) },
    { label: `$(gear) ${vscode.l10n.t('Open completion settings')}`, run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'inferenceChat.completions') },
    { label: `$(output) ${vscode.l10n.t('Show log')}`, run: () => vscode.commands.executeCommand(COMMANDS.showLog) },
  );
  const chosen = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Inline completions'), placeHolder: state.view.error?.message ?? state.view.offReason });
  await chosen?.run();
}

function actionItem(action: ErrorAction): MenuItem | undefined {
  switch (action) {
    case 'setApiKey':
      return { label: `$(key) ${vscode.l10n.t('Set API key…')}`, run: () => vscode.commands.executeCommand(COMMANDS.setApiKey) };
    case 'pickModel':
      return { label: `$(symbol-misc) ${vscode.l10n.t('Pick completion model…')}`, run: () => vscode.commands.executeCommand(COMMANDS.pickCompletionModel) };
    case 'openSettings':
      return { label: `$(gear) ${vscode.l10n.t('Open completion settings')}`, run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'inferenceChat.completions') };
    case 'switchProvider':
      return { label: `$(server) ${vscode.l10n.t('Switch Provider…')}`, run: () => vscode.commands.executeCommand(COMMANDS.switchProvider) };
    case 'retry':
    case 'dropOldest':
    case 'newChat':
    case 'openBilling':
    case 'openWalkthrough':
      return undefined; // the chat's own fixes, or one the next keystroke makes (retry)
  }
}

async function pickEndpoint(current: CompletionEndpointSetting, write: (endpoint: CompletionEndpointSetting) => Promise<void>): Promise<void> {
  const words: Record<CompletionEndpointSetting, string> = {
    auto: vscode.l10n.t('the best the server offers'),
    infill: vscode.l10n.t('llama.cpp /infill'),
    completions: vscode.l10n.t('/completions with the model family\'s fill-in-the-middle template'),
    chat: vscode.l10n.t('a chat prompt (chat-only APIs; slower)'),
  };
  const chosen = await vscode.window.showQuickPick(
    COMPLETION_ENDPOINTS.map((endpoint) => ({ label: endpoint, description: words[endpoint], picked: endpoint === current })),
    { title: vscode.l10n.t('Inline completions: endpoint') },
  );
  if (chosen) await write(chosen.label);
}
