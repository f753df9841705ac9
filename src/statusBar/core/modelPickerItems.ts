// Builds the model picker's entries. Pure (no `vscode`): unit-tested directly.
// Order: "Use a model id…" and Refresh first, then the recently used models, then the rest of the server's
// list. A model id the server does not list (typed by the user, or no longer offered) stays visible.
import type { ModelInfo } from '../../api/types';
import { modelDetail } from '../../models/modelFormat';
import { l10n } from '../../common/l10n';

export type ModelPickEntry =
  | { type: 'separator'; label: string }
  | { type: 'custom'; label: string; description: string }
  | { type: 'refresh'; label: string; description: string }
  | { type: 'retry'; label: string; detail: string }
  | { type: 'model'; modelId: string; label: string; description?: string; detail?: string; current: boolean };

/** The "type an id" entry's label (read when shown: the translator comes at activation). */
export const customIdLabel = (): string => `$(edit) ${l10n.t('Use a model id…')}`;

/** The "type an id" entry; with `typed` (the filter text) it offers that id directly. */
export function customIdEntry(typed = ''): ModelPickEntry {
  const id = typed.trim();
  return id && !/\s/.test(id)
    ? { type: 'custom', label: `$(edit) ${l10n.t('Use "{0}" as the model id', id)}`, description: l10n.t('even if the server does not list it') }
    : { type: 'custom', label: customIdLabel(), description: l10n.t('for a model the server does not list') };
}

function modelEntry(id: string, info: ModelInfo | undefined, current: boolean): ModelPickEntry {
  const detail = info ? modelDetail(info) : undefined;
  const notes = [current ? l10n.t('current') : undefined, info ? undefined : l10n.t('not in the server list')].filter(Boolean).join(' · ');
  return {
    type: 'model',
    modelId: id,
    label: current ? `$(check) ${id}` : id,
    ...(notes ? { description: notes } : {}),
    ...(detail ? { detail } : {}),
    current,
  };
}

export function buildModelPickEntries(
  providerName: string,
  models: readonly ModelInfo[],
  currentModel: string | undefined,
  recent: readonly string[] = [],
): ModelPickEntry[] {
  const entries: ModelPickEntry[] = [
    customIdEntry(),
    { type: 'refresh', label: `$(refresh) ${l10n.t('Refresh models')}`, description: l10n.t('Fetch the list from {0} again', providerName) },
  ];
  const byId = new Map(models.map((m) => [m.id, m]));
  // The current model counts as recently used even when it was set before recents were recorded.
  const recentIds = [...new Set([...(currentModel ? [currentModel] : []), ...recent])];
  if (recentIds.length > 0) {
    entries.push({ type: 'separator', label: l10n.t('Recently used') });
    for (const id of recentIds) entries.push(modelEntry(id, byId.get(id), id === currentModel));
  }
  const rest = models.filter((m) => !recentIds.includes(m.id));
  if (rest.length > 0) {
    entries.push({ type: 'separator', label: providerName });
    for (const model of rest) entries.push(modelEntry(model.id, model, false));
  }
  return entries;
}

/**
 * The entries when the list could not be fetched: the reason, Retry, and "Use a model id…" — a server that
 * does not implement /models (a proxy, SolidRust's vllm-primary) is still usable.
 */
export function buildModelErrorEntries(providerName: string, message: string, currentModel: string | undefined): ModelPickEntry[] {
  const entries: ModelPickEntry[] = [
    customIdEntry(),
    { type: 'retry', label: `$(refresh) ${l10n.t('Retry listing the models')}`, detail: message },
  ];
  if (currentModel) {
    entries.push({ type: 'separator', label: providerName });
    entries.push(modelEntry(currentModel, undefined, true));
  }
  return entries;
}

/** A model id as typed: trimmed, non-empty, no whitespace inside (ids never have any). */
export function validateModelId(text: string): string | undefined {
  const id = text.trim();
  if (!id) return l10n.t('Type the model id, e.g. {0}', 'meta-llama/llama-3.1-70b-instruct');
  if (/\s/.test(id)) return l10n.t('A model id has no spaces');
  if (id.length > 300) return l10n.t('A model id is at most {0} characters', 300);
  return undefined;
}
