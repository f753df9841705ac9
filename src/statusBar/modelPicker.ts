// The model QuickPick: the server's models (loading inside the picker, from the cache when fresh), the
// recently used ones on top, "Use a model id…" for ids the server does not list — typed in the filter or in
// an input box — and, when the list cannot be fetched, the reason with Retry instead of a dead end.
import * as vscode from 'vscode';
import { COMMANDS } from '../common/commands';
import { errorKind, errorMessage } from '../common/appError';
import type { RedactingLogger } from '../common/logger';
import type { ModelService, ProviderConnection } from '../providers/core/providerService';
import { buildModelErrorEntries, buildModelPickEntries, customIdEntry, validateModelId, type ModelPickEntry } from './core/modelPickerItems';

type Item = vscode.QuickPickItem & { entry?: ModelPickEntry };

function toItem(entry: ModelPickEntry): Item {
  switch (entry.type) {
    case 'separator':
      return { label: entry.label, kind: vscode.QuickPickItemKind.Separator };
    case 'custom':
    case 'refresh':
      return { label: entry.label, description: entry.description, alwaysShow: true, entry };
    case 'retry':
      return { label: entry.label, detail: entry.detail, alwaysShow: true, entry };
    case 'model':
      return {
        label: entry.label,
        ...(entry.description ? { description: entry.description } : {}),
        ...(entry.detail ? { detail: entry.detail } : {}),
        picked: entry.current,
        entry,
      };
  }
}

export interface PickerHooks {
  /** The picker started or stopped loading (the status bar shows a spinner). */
  onLoading(loading: boolean): void;
  /** The last listing failed (message, redacted) or worked (undefined). */
  onListError(message: string | undefined): void;
}

/** Shows the picker for the connected provider and sets the chosen model. */
export async function pickModel(models: ModelService, log: RedactingLogger, connection: ProviderConnection, hooks: PickerHooks, force = false): Promise<void> {
  const providerId = connection.provider.id;
  const providerName = connection.provider.name;
  const quickPick = vscode.window.createQuickPick<Item>();
  quickPick.title = vscode.l10n.t('Model for {0}', providerName);
  quickPick.placeholder = vscode.l10n.t('Loading models…');
  quickPick.matchOnDetail = true;
  quickPick.matchOnDescription = true;
  quickPick.busy = true;
  const abort = new AbortController();
  let entries: ModelPickEntry[] = [customIdEntry()];

  const show = (next: ModelPickEntry[]): void => {
    entries = next;
    quickPick.items = [toItem(customIdEntry(quickPick.value)), ...entries.filter((e) => e.type !== 'custom').map(toItem)];
    // Start on the current model, so Enter keeps it and the arrows move from there.
    const current = quickPick.items.filter((item) => item.picked);
    if (current.length > 0 && !quickPick.value) quickPick.activeItems = current;
  };

  const load = async (refresh: boolean): Promise<void> => {
    quickPick.busy = true;
    hooks.onLoading(true);
    try {
      const list = await models.listModels({ providerId, force: refresh, signal: abort.signal });
      show(buildModelPickEntries(providerName, list, models.currentModel(providerId), models.recentModels(providerId)));
      quickPick.placeholder =
        list.length > 0
          ? vscode.l10n.t('Choose the model for new requests ({0} available), or type a model id', list.length)
          : vscode.l10n.t('The server lists no models: type a model id');
      hooks.onListError(undefined);
    } catch (error) {
      if (errorKind(error) === 'cancelled') return;
      const message = log.redact(errorMessage(error));
      log.error(`Listing models of ${providerName} failed`, error);
      hooks.onListError(message);
      show(buildModelErrorEntries(providerName, message, models.currentModel(providerId)));
      quickPick.placeholder = errorKind(error) === 'auth'
        ? vscode.l10n.t('The server rejected the key')
        : vscode.l10n.t('Could not list the models of {0}: type a model id, or retry', providerName);
      if (errorKind(error) === 'auth') void offerKey(message);
    } finally {
      quickPick.busy = false;
      hooks.onLoading(false);
    }
  };

  quickPick.onDidChangeValue(() => show(entries));
  const chosen = new Promise<string | undefined>((resolve) => {
    let asking = false;
    quickPick.onDidAccept(() => {
      const entry = quickPick.selectedItems[0]?.entry;
      if (!entry) return;
      if (entry.type === 'refresh' || entry.type === 'retry') {
        void load(true);
        return;
      }
      const typed = quickPick.value.trim();
      if (entry.type === 'custom' && (!typed || validateModelId(typed))) {
        // Hide the picker first: the input box takes its place.
        asking = true;
        quickPick.hide();
        resolve(askForModelId(providerName, models.currentModel(providerId)));
        return;
      }
      resolve(entry.type === 'custom' ? typed : entry.type === 'model' ? entry.modelId : undefined);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      abort.abort();
      if (!asking) resolve(undefined);
    });
  });
  quickPick.show();
  void load(force);
  const modelId = await chosen;
  quickPick.dispose();
  if (modelId) await models.setModel(providerId, modelId);
}

function askForModelId(providerName: string, current: string | undefined): Thenable<string | undefined> {
  return vscode.window
    .showInputBox({
      title: vscode.l10n.t('Model id for {0}', providerName),
      prompt: vscode.l10n.t('The exact id the server expects (it need not be in its model list), e.g. {0} or {1}', 'vllm-primary', 'meta-llama/llama-3.1-70b-instruct'),
      value: current ?? '',
      ignoreFocusOut: true,
      validateInput: validateModelId,
    })
    .then((text) => text?.trim() || undefined);
}

async function offerKey(message: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Inference Chat: could not list models — {0}', message), vscode.l10n.t('Set API Key…'));
  if (choice) await vscode.commands.executeCommand(COMMANDS.setApiKey);
}
