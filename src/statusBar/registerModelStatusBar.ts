// The status-bar item: shows provider · model, opens the model picker (modelPicker.ts), and reflects the
// loading / no-key / error states. No network until the user clicks (or another feature needs models).
import * as vscode from 'vscode';
import { COMMANDS } from '../common/commands';
import { openSettings } from '../config/settings';
import { DisposableStore } from '../common/disposables';
import { AppError, asAppError, errorMessage } from '../common/appError';
import { shortModelName } from '../providers/core/presets';
import type { RedactingLogger } from '../common/logger';
import type { ModelService, ProviderConnection } from '../providers/core/providerService';
import type * as Pickers from './pickerChunk';

export function registerModelStatusBar(
  context: vscode.ExtensionContext,
  deps: { models: ModelService; log: RedactingLogger; loadPickers: () => typeof Pickers },
): void {
  const picker = new ModelStatusBar(deps.models, deps.log, deps.loadPickers);
  context.subscriptions.push(
    picker,
    vscode.commands.registerCommand(COMMANDS.pickModel, (modelId?: unknown) =>
      typeof modelId === 'string' ? picker.chooseModel(modelId) : picker.pick(),
    ),
    vscode.commands.registerCommand(COMMANDS.refreshModels, () => picker.refresh()),
    vscode.commands.registerCommand(COMMANDS.setReasoningEffort, () => deps.loadPickers().pickReasoningEffort(deps.models, deps.log)),
  );
}

class ModelStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('inferenceChat.modelPicker', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables = new DisposableStore();
  /** Set while the last model fetch failed; cleared on success or any change. */
  private error: string | undefined;
  private loading = false;
  private renderSeq = 0;

  constructor(
    private readonly registry: ModelService,
    private readonly log: RedactingLogger,
    private readonly pickers: () => typeof Pickers,
  ) {
    this.item.name = vscode.l10n.t('Inference Chat Model');
    this.disposables.add(this.item);
    this.disposables.add(
      registry.onDidChange(() => {
        this.error = undefined;
        void this.render();
      }),
    );
    void this.render();
    this.item.show();
  }

  dispose(): void {
    this.disposables.dispose();
  }

  /** Opens the model picker (see modelPicker.ts); models load inside it and come from the cache when fresh. */
  async pick(force = false): Promise<void> {
    const connection = await this.connectOrExplain();
    if (!connection) return;
    await this.pickers().pickModel(this.registry, this.log, connection, {
      onLoading: (loading) => this.setLoading(loading),
      onListError: (message) => {
        this.error = message;
        void this.render();
      },
    }, force);
  }

  /** Sets the model directly (command argument: keybindings, tests). */
  async chooseModel(modelId: string): Promise<void> {
    const connection = await this.connectOrExplain();
    if (!connection) return;
    await this.registry.setModel(connection.provider.id, modelId.trim());
  }

  async refresh(): Promise<void> {
    this.registry.invalidateModels();
    await this.pick(true);
  }

  /** The active provider's connection, or undefined after telling the user what to fix. */
  private async connectOrExplain(): Promise<ProviderConnection | undefined> {
    try {
      return await this.registry.connect();
    } catch (error) {
      void this.offerFix(asAppError(error) ?? new AppError('other', 'unexpected', errorMessage(error)));
      return undefined;
    }
  }

  private setLoading(loading: boolean): void {
    this.loading = loading;
    void this.render();
  }

  private async offerFix(error: AppError): Promise<void> {
    const buttons: Record<string, string> = {
      setApiKey: vscode.l10n.t('Set API Key…'),
      openSettings: vscode.l10n.t('Open Settings'),
      switchProvider: vscode.l10n.t('Switch Provider…'),
    };
    const labels = (error.actions ?? []).map((a) => buttons[a]).filter((b): b is string => b !== undefined);
    const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Inference Chat: {0}', error.message), ...labels);
    if (choice === buttons.setApiKey) await vscode.commands.executeCommand(COMMANDS.setApiKey);
    else if (choice === buttons.openSettings) await openSettings();
    else if (choice === buttons.switchProvider) await vscode.commands.executeCommand(COMMANDS.switchProvider);
  }

  private async render(): Promise<void> {
    const seq = ++this.renderSeq;
    const info = await this.registry.describe();
    if (seq !== this.renderSeq) return;
    const item = this.item;
    if (this.loading) {
      item.text = `$(loading~spin) ${info.providerName}`;
      item.tooltip = vscode.l10n.t('Loading the models of {0}…', info.providerName);
      item.command = undefined;
      return;
    }
    if (!info.hasKey) {
      item.text = `$(key) ${vscode.l10n.t('Set API key')}`;
      item.tooltip = vscode.l10n.t("{0} needs an API key. Click to set it (stored in VS Code's secret storage).", info.providerName);
      item.command = COMMANDS.setApiKey;
      return;
    }
    if (this.error) {
      item.text = `$(warning) ${info.providerName}`;
      item.tooltip = vscode.l10n.t('Could not list models: {0}\nClick to retry.', this.error);
      item.command = COMMANDS.pickModel;
      return;
    }
    item.text = `$(sparkle) ${info.providerName} · ${info.model ? shortModelName(info.model) : vscode.l10n.t('pick a model')}`;
    item.tooltip = info.model
      ? vscode.l10n.t('{0}: {1}\nClick to change the model.', info.providerName, info.model)
      : vscode.l10n.t('Pick a model for {0}.', info.providerName);
    item.command = COMMANDS.pickModel;
  }
}
