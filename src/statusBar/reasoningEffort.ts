// "Set Reasoning Effort…": low / medium / high (or the server's default) for the current model, kept in the
// user's inferenceChat.modelOverrides and sent as reasoning_effort (or OpenRouter's reasoning.effort).
import * as vscode from 'vscode';
import { errorMessage } from '../common/errors';
import type { Logger } from '../common/logger';
import { REASONING_EFFORTS, type ReasoningEffort } from '../models/modelProfile';
import type { ModelService } from '../services';

type EffortItem = vscode.QuickPickItem & { effort: ReasoningEffort | undefined };

const DESCRIPTIONS: Record<ReasoningEffort, string> = {
  low: 'faster and cheaper: thinks briefly',
  medium: 'a balance of speed and depth',
  high: 'thinks longest: hard problems',
};

export async function pickReasoningEffort(models: ModelService, log: Logger): Promise<void> {
  let connection;
  try {
    connection = await models.connect();
  } catch (error) {
    void vscode.window.showErrorMessage(`Inference Chat: ${errorMessage(error)}`);
    return;
  }
  const modelId = models.currentModel(connection.provider.id);
  if (!modelId) {
    void vscode.window.showInformationMessage('Inference Chat: pick a model first, then set its reasoning effort.');
    return;
  }
  const profile = models.modelProfile(connection.provider.id, modelId);
  const items: EffortItem[] = [
    { label: 'Server default', description: 'send no reasoning effort', effort: undefined, picked: profile.reasoningEffort === undefined },
    ...REASONING_EFFORTS.map((effort) => ({ label: effort, description: DESCRIPTIONS[effort], effort, picked: profile.reasoningEffort === effort })),
  ];
  const choice = await vscode.window.showQuickPick(items, {
    title: `Reasoning effort for ${modelId}`,
    placeHolder: profile.reasoning ? 'How hard the model thinks before it answers' : 'The server does not say this model reasons; the effort is sent anyway',
  });
  if (!choice) return;
  await models.setReasoningEffort(modelId, choice.effort);
  log.info(`Reasoning effort for ${modelId}: ${choice.effort ?? 'server default'}.`);
}
