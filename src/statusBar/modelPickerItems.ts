// Builds the model picker's entries from GET /models results. Pure (no `vscode`): unit-tested directly.
import type { ModelInfo } from '../api/types';
import { modelDetail } from '../models/modelFormat';

export type ModelPickEntry =
  | { type: 'separator'; label: string }
  | { type: 'refresh'; label: string; description: string }
  | { type: 'model'; modelId: string; label: string; description?: string; detail?: string; current: boolean };

export function buildModelPickEntries(providerName: string, models: readonly ModelInfo[], currentModel: string | undefined): ModelPickEntry[] {
  const entries: ModelPickEntry[] = [{ type: 'refresh', label: '$(refresh) Refresh models', description: `Fetch the list from ${providerName} again` }];
  entries.push({ type: 'separator', label: providerName });
  const ids = new Set(models.map((m) => m.id));
  // A chosen model the server no longer lists stays visible, so the user sees what is in use.
  if (currentModel && !ids.has(currentModel)) {
    entries.push({ type: 'model', modelId: currentModel, label: `$(check) ${currentModel}`, description: 'current · not in the server list', current: true });
  }
  for (const model of models) {
    const current = model.id === currentModel;
    const detail = modelDetail(model);
    entries.push({
      type: 'model',
      modelId: model.id,
      label: current ? `$(check) ${model.id}` : model.id,
      ...(current ? { description: 'current' } : {}),
      ...(detail ? { detail } : {}),
      current,
    });
  }
  return entries;
}
