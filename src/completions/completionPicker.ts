// Choosing where completions come from: a provider (the configured ones, and the servers found running on this
// machine — Ollama, LM Studio, llama.cpp, vLLM — added with one pick), then a model, with the models that can
// fill in the middle first and marked. The choice goes to the user settings completions.provider/.model.
import * as vscode from 'vscode';
import type { ModelInfo } from '../api/types';
import { errorMessage } from '../common/appError';
import { rawUserCustomProviders } from '../config/settings';
import type { ProviderService } from '../providers/core/providerService';
import { freeProviderId, type LocalServerKind } from './core/localServers';
import { canFillInMiddle } from './core/fimModels';
import { findLocalServers, type FoundServer } from './localServerProbe';

type ProviderItem = vscode.QuickPickItem & ({ providerId: string } | { found: FoundServer });
type ModelItem = vscode.QuickPickItem & { modelId?: string; typeId?: true };

export async function pickCompletionModel(providers: ProviderService, localServers?: readonly LocalServerKind[]): Promise<boolean> {
  const providerId = await pickProvider(providers, localServers);
  if (!providerId) return false;
  const modelId = await pickModel(providers, providerId);
  if (!modelId) return false;
  await providers.writeUserSetting('completions.provider', providerId);
  await providers.writeUserSetting('completions.model', modelId);
  return true;
}

async function pickProvider(providers: ProviderService, localServers?: readonly LocalServerKind[]): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<ProviderItem>();
  pick.title = vscode.l10n.t('Inline completions: provider');
  pick.placeholder = vscode.l10n.t('Where suggestions come from (looking for servers on this machine…)');
  pick.busy = true;
  const configured: ProviderItem[] = providers.providers().map((p) => ({
    label: p.name,
    description: p.id === providers.activeProviderId() ? vscode.l10n.t('the chat\'s provider') : '',
    detail: p.baseUrl,
    providerId: p.id,
  }));
  pick.items = configured;
  const scan = new AbortController();
  const known = new Set(providers.providers().map((p) => new URL(p.baseUrl).origin));
  void findLocalServers(scan.signal, localServers).then((found) => {
    const fresh = found.filter((f) => !known.has(new URL(f.baseUrl).origin));
    const extra: ProviderItem[] = fresh.map((f) => ({
      label: `$(vm-running) ${f.kind.name}`,
      description: vscode.l10n.t('found on this machine: add it'),
      detail: vscode.l10n.t('{0} · {1} models', f.baseUrl, f.models.length),
      found: f,
    }));
    if (extra.length) pick.items = [...configured, { label: vscode.l10n.t('On this machine'), kind: vscode.QuickPickItemKind.Separator } as ProviderItem, ...extra];
    pick.busy = false;
    pick.placeholder = vscode.l10n.t('Where suggestions come from');
  });
  pick.show();
  const chosen = await new Promise<ProviderItem | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]));
    pick.onDidHide(() => resolve(undefined));
  });
  scan.abort();
  pick.dispose();
  if (!chosen) return undefined;
  if ('providerId' in chosen) return chosen.providerId;
  return addLocalServer(providers, chosen.found);
}

/** Adds a found server as a custom provider (user settings), so it also serves the chat (Switch Provider…). */
async function addLocalServer(providers: ProviderService, found: FoundServer): Promise<string> {
  const raw = rawUserCustomProviders();
  const taken = new Set([...providers.providers().map((p) => p.id)]);
  const id = freeProviderId(found.kind.id, taken);
  await providers.writeUserSetting('customProviders', [...raw, { id, name: found.kind.name, baseUrl: found.baseUrl }]);
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} ({1}) was added as a provider: it serves inline completions, and the chat through Switch Provider….', found.kind.name, found.baseUrl));
  return id;
}

async function pickModel(providers: ProviderService, providerId: string): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<ModelItem>();
  pick.title = vscode.l10n.t('Inline completions: model');
  pick.placeholder = vscode.l10n.t('Models that fill in the middle come first');
  pick.busy = true;
  const typeItem: ModelItem = { label: `$(edit) ${vscode.l10n.t('Use a model id…')}`, typeId: true };
  pick.items = [typeItem];
  pick.show();
  void providers.listModels({ providerId }).then(
    (models) => {
      pick.items = [...modelItems(models), typeItem];
      pick.busy = false;
    },
    (error: unknown) => {
      pick.busy = false;
      pick.placeholder = vscode.l10n.t('The model list could not be read: {0}', errorMessage(error));
    },
  );
  const chosen = await new Promise<ModelItem | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0] ?? (pick.value ? { label: pick.value, modelId: pick.value } : undefined)));
    pick.onDidHide(() => resolve(undefined));
  });
  pick.dispose();
  if (!chosen) return undefined;
  if (chosen.typeId) {
    const typed = await vscode.window.showInputBox({ title: vscode.l10n.t('Inline completions: model id'), prompt: vscode.l10n.t('A model id the server accepts, e.g. qwen2.5-coder:1.5b-base') });
    return typed?.trim() || undefined;
  }
  return chosen.modelId;
}

function modelItems(models: readonly ModelInfo[]): ModelItem[] {
  const rated = models.map((m) => ({ model: m, fim: canFillInMiddle(m) }));
  rated.sort((a, b) => Number(b.fim.fim) - Number(a.fim.fim) || a.model.id.localeCompare(b.model.id));
  return rated.map(({ model, fim }) => ({
    label: `${fim.fim ? '$(check)' : '$(comment-discussion)'} ${model.id}`,
    description: fim.fim ? vscode.l10n.t('fills in the middle') : vscode.l10n.t('chat prompt only (slower)'),
    detail: fim.why,
    modelId: model.id,
  }));
}
