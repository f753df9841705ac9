// "Set Reasoning Effort…": low / medium / high (or the server's default) for the current model, kept in the
// user's inferenceChat.modelOverrides and sent as reasoning_effort (or OpenRouter's reasoning.effort).
import * as vscode from 'vscode';
import { errorMessage } from '../common/appError';
import type { Logger } from '../common/logger';
import { REASONING_EFFORTS, type ReasoningEffort } from '../models/modelProfile';
import type { ModelService } from '../providers/core/providerService';

type EffortItem = vscode.QuickPickItem & { effort: ReasoningEffort | undefined };

function description(effort: ReasoningEffort): string {
  switch (effort) {
    case 'low': return vscode.l10n.t('faster and cheaper: thinks briefly');
    case 'medium': return vscode.l10n.t('a balance of speed and depth');
    case 'high': return vscode.l10n.t('thinks longest: hard problems');
  }
}

export async function pickReasoningEffort(models: ModelService, log: Logger): Promise<void> {
  let connection;
  try {
    connection = await models.connect();
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Inference Chat: {0}', errorMessage(error)));
    return;
  }
  const modelId = models.currentModel(connection.provider.id);
  if (!modelId) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Inference Chat: pick a model first, then set its reasoning effort.'));
    return;
  }
  const profile = models.modelProfile(connection.provider.id, modelId);
  const items: EffortItem[] = [
    { label: vscode.l10n.t('Server default'), description: vscode.l10n.t('send no reasoning effort'), effort: undefined, picked: profile.reasoningEffort === undefined },
    ...REASONING_EFFORTS.map((effort) => ({ label: effort, description: description(effort), effort, picked: profile.reasoningEffort === effort })),
  ];
  const choice = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Reasoning effort for {0}', modelId),
    placeHolder: profile.reasoning
      ? vscode.l10n.t('How hard the model thinks before it answers')
      : vscode.l10n.t('The server does not say this model reasons; the effort is sent anyway'),
  });
  if (!choice) return;
  await models.setReasoningEffort(modelId, choice.effort);
  log.info(`Reasoning effort for ${modelId}: ${choice.effort ?? 'server default'}.`);
}
