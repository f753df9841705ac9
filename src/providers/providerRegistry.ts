// Resolves the active provider, its key, its model and the request settings into a ready ChatTarget, and
// is the ProviderService the commands, the status bar and the native-chat provider use. The parts it
// composes each do one job: SettingsStore (settings cache and workspace warnings), KeyStore (SecretStorage),
// ModelCatalog (model lists), ClientFactory (API clients). Binds each key to its own provider: a client is
// only ever built from that provider's base URL.
import * as vscode from 'vscode';
import type { ModelInfo, OpenAICompatibleClient } from '../api/types';
import { DisposableStore } from '../common/disposables';
import { AppError } from '../common/appError';
import { resolveModelProfile, type ModelProfile, type ReasoningEffort } from '../models/modelProfile';
import { modelRequestFields, providerTraits } from '../models/requestFields';
import { calibrationKey, TokenCalibration } from '../models/tokenEstimate';
import type { Logger } from '../common/logger';
import { rawUserValue, SETTING_IDS, type SettingProblem, type Settings } from '../config/settings';
import type { SettingsStore } from '../config/settingsStore';
import type { TargetView } from '../protocol';
import type { ChatTarget, ProviderConnection, ProviderService } from './core/providerService';
import type { ClientFactory } from './core/clientFactory';
import { SECRET_PREFIX, type KeyStore } from './keyStore';
import { ModelCatalog } from './core/modelCatalog';
import type { RecentModels } from './core/recentModels';
import { allProviders, type ProviderDefinition } from './core/presets';
import { checkBaseUrl } from './core/urlPolicy';
import { l10n } from '../common/l10n';

export class ProviderRegistry implements ProviderService, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables = new DisposableStore();
  private readonly models = new ModelCatalog();
  readonly tokenCalibration = new TokenCalibration();

  constructor(
    private readonly settingsStore: SettingsStore,
    private readonly keys: KeyStore,
    private readonly clients: ClientFactory,
    private readonly recents: RecentModels,
    private readonly log: Logger,
  ) {
    this.disposables.add(this.changed);
    this.disposables.add(settingsStore.onDidChange(() => this.changed.fire()));
  }

  /** Wires SecretStorage change events (another window set or cleared a key). */
  watchSecrets(secrets: vscode.SecretStorage): void {
    this.disposables.add(
      secrets.onDidChange((event) => {
        if (!event.key.startsWith(SECRET_PREFIX)) return;
        const providerId = event.key.slice(SECRET_PREFIX.length);
        this.keys.invalidate(providerId);
        this.models.invalidate(providerId);
        this.changed.fire();
      }),
    );
  }

  dispose(): void {
    this.disposables.dispose();
  }

  // ---------- settings and providers ----------

  settings(): Settings {
    return this.settingsStore.current().settings;
  }

  writeUserSetting(key: string, value: unknown): Promise<void> {
    return this.settingsStore.writeUser(key, value);
  }

  providers(): ProviderDefinition[] {
    return allProviders(this.settings().customProviders);
  }

  provider(id: string): ProviderDefinition | undefined {
    return this.providers().find((p) => p.id === id);
  }

  activeProviderId(): string {
    return this.settings().provider;
  }

  needsKey(provider: ProviderDefinition): boolean {
    const check = checkBaseUrl(provider.baseUrl);
    return !(check.ok && check.loopback);
  }

  currentModel(providerId: string): string | undefined {
    return this.settings().models[providerId] || this.provider(providerId)?.defaultModel;
  }

  // ---------- TargetResolver ----------

  async resolve(): Promise<ChatTarget> {
    const connection = await this.connect();
    const { provider } = connection;
    const model = this.currentModel(provider.id);
    if (!model) {
      throw new AppError('model', 'no_model', l10n.t('No model is chosen for {0}. Pick one from the model list.', provider.name), { actions: ['pickModel'] });
    }
    // The model's window and prices come from the server's list (cached for minutes); a server without one
    // (a proxy, SolidRust's vllm-primary) still answers, with the documented defaults.
    await this.listModels({ providerId: provider.id }).catch(() => undefined);
    const profile = this.modelProfile(provider.id, model);
    return {
      providerId: provider.id,
      providerName: provider.name,
      model,
      client: connection.client,
      sampling: { ...connection.settings.sampling },
      systemPrompt: connection.settings.systemPrompt,
      secrets: connection.secrets,
      profile,
      extra: modelRequestFields(profile, providerTraits(provider)),
      calibration: this.tokenCalibration,
      calibrationKey: calibrationKey(provider.id, model),
      ...(provider.billingUrl ? { billingUrl: provider.billingUrl } : {}),
    };
  }

  async describe(): Promise<TargetView> {
    try {
      const active = this.activeProvider();
      if ('problem' in active) return { providerName: this.activeProviderId(), hasKey: false };
      const { provider } = active;
      const stored = (await this.keyFor(provider).catch(() => ({ key: undefined }))).key !== undefined;
      const keyOptional = !stored && !this.needsKey(provider);
      const model = this.currentModel(provider.id);
      const profile = model ? this.modelProfile(provider.id, model) : undefined;
      return {
        providerName: provider.name,
        hasKey: stored || keyOptional,
        ...(keyOptional ? { keyOptional } : {}),
        ...(model ? { model } : {}),
        ...(profile?.reasoning ? { reasoning: true } : {}),
        ...(profile?.reasoningEffort ? { reasoningEffort: profile.reasoningEffort } : {}),
      };
    } catch {
      return { providerName: 'Inference Chat', hasKey: false };
    }
  }

  async connect(providerId?: string): Promise<ProviderConnection> {
    const read = this.settingsStore.current();
    const blocking = blockingProblems(read.problems, providerId ?? read.settings.provider);
    if (blocking[0]) {
      throw new AppError('config', 'bad_setting', blocking.map((p) => p.message).join(' '), { actions: ['openSettings'] });
    }
    let provider: ProviderDefinition | undefined;
    if (providerId) {
      provider = this.provider(providerId);
      if (!provider) throw new AppError('config', 'unknown_provider', l10n.t('There is no provider with id "{0}".', providerId), { actions: ['switchProvider'] });
    } else {
      const active = this.activeProvider();
      if ('problem' in active) throw new AppError('config', 'unknown_provider', active.problem, { actions: ['openSettings', 'switchProvider'] });
      provider = active.provider;
    }
    const urlCheck = checkBaseUrl(provider.baseUrl);
    if (!urlCheck.ok) {
      throw new AppError('config', 'bad_base_url', l10n.t('The base URL of {0} cannot be used: {1}', provider.name, urlCheck.message), { actions: ['openSettings'] });
    }
    const { key, movedFrom } = await this.keyFor(provider); // a failing secret store throws its own AppError
    if (movedFrom && !urlCheck.loopback) {
      throw new AppError(
        'auth',
        'key_origin_changed',
        l10n.t(
          'The base URL of {0} now points to {1}, but its API key was set for {2}. Set the key again to use it with the new address (the old key is not sent there).',
          provider.name, urlCheck.url.origin, movedFrom,
        ),
        { actions: ['setApiKey'] },
      );
    }
    if (movedFrom) this.log.warn(`${provider.name} moved from ${movedFrom} to ${urlCheck.url.origin}: its key is not sent to the new address.`);
    if (!key && !urlCheck.loopback) {
      throw new AppError('auth', 'no_key', l10n.t('No API key is set for {0}. Set one to start chatting.', provider.name), { actions: ['setApiKey'] });
    }
    const client = this.clients.clientFor(provider, key, read.settings);
    return { provider, settings: read.settings, client, hasKey: key !== undefined, secrets: key ? [key] : [] };
  }

  clientFor(provider: ProviderDefinition, key: string | undefined): OpenAICompatibleClient {
    return this.clients.clientFor(provider, key, this.settings());
  }

  // ---------- keys ----------

  async hasKey(providerId: string): Promise<boolean> {
    const provider = this.provider(providerId);
    if (!provider) return (await this.keys.get(providerId)) !== undefined;
    return (await this.keyFor(provider)).key !== undefined;
  }

  async setApiKey(providerId: string, key: string): Promise<void> {
    const origin = this.originOf(providerId);
    if (!origin) throw new AppError('config', 'unknown_provider', l10n.t('There is no usable provider with id "{0}" to set a key for.', providerId), { actions: ['switchProvider'] });
    await this.keys.set(providerId, key.trim(), origin);
    this.models.invalidate(providerId);
    this.log.info(`API key for ${providerId} saved in secret storage.`);
    this.changed.fire();
  }

  async clearApiKey(providerId: string): Promise<void> {
    await this.keys.delete(providerId);
    this.models.invalidate(providerId);
    this.log.info(`API key for ${providerId} removed.`);
    this.changed.fire();
  }

  // ---------- provider and model choice ----------

  async setActiveProvider(providerId: string): Promise<void> {
    await this.settingsStore.writeUser('provider', providerId);
  }

  async setModel(providerId: string, model: string): Promise<void> {
    await this.recents.add(providerId, model);
    await this.settingsStore.writeUser('models', { ...this.settings().models, [providerId]: model });
  }

  async setReasoningEffort(modelId: string, effort: ReasoningEffort | undefined): Promise<void> {
    const raw = rawUserValue('modelOverrides');
    const all: Record<string, unknown> = raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
    const current = all[modelId];
    const entry: Record<string, unknown> = current && typeof current === 'object' && !Array.isArray(current) ? { ...(current as Record<string, unknown>) } : {};
    if (effort) entry.reasoningEffort = effort;
    else delete entry.reasoningEffort;
    if (Object.keys(entry).length > 0) all[modelId] = entry;
    else delete all[modelId];
    await this.settingsStore.writeUser('modelOverrides', all);
  }

  recentModels(providerId: string): string[] {
    return this.recents.list(providerId);
  }

  async listModels(options: { providerId?: string; force?: boolean; signal?: AbortSignal } = {}): Promise<ModelInfo[]> {
    const connection = await this.connect(options.providerId);
    return this.models.list(connection.provider.id, connection.provider.baseUrl, connection.client, options);
  }

  invalidateModels(providerId?: string): void {
    this.models.invalidate(providerId);
  }

  modelProfile(providerId: string, modelId: string): ModelProfile {
    return resolveModelProfile(modelId, this.models.find(providerId, modelId), this.settings().modelOverrides[modelId], this.models.serverProps(providerId));
  }

  // ---------- internals ----------

  private originOf(providerId: string): string | undefined {
    const provider = this.provider(providerId);
    const check = provider ? checkBaseUrl(provider.baseUrl) : undefined;
    return check?.ok ? check.url.origin : undefined;
  }

  /**
   * The provider's key, if it belongs to the provider's current origin; `movedFrom` when the key was set for
   * another origin (the base URL was edited, or the id re-added elsewhere). A key saved before keys were bound
   * to an origin is bound to the current one the first time it is used.
   */
  private async keyFor(provider: ProviderDefinition): Promise<{ key?: string; movedFrom?: string }> {
    const stored = await this.keys.get(provider.id);
    if (!stored) return {};
    const origin = this.originOf(provider.id);
    if (!origin) return {};
    if (stored.origin === undefined) {
      await this.keys.set(provider.id, stored.key, origin);
      return { key: stored.key };
    }
    return stored.origin === origin ? { key: stored.key } : { movedFrom: stored.origin };
  }

  /** The active provider, or the problem that prevents using it. */
  private activeProvider(): { provider: ProviderDefinition } | { problem: string } {
    const { settings, problems } = this.settingsStore.current();
    const found = this.provider(settings.provider);
    if (found) return { provider: found };
    const broken = problems.find((p) => p.providerId === settings.provider);
    if (broken) return { problem: broken.message };
    const known = this.providers().map((p) => `"${p.id}"`).join(', ');
    return { problem: l10n.t('Setting {0} is "{1}", which is neither a preset nor a custom provider (known: {2}).', SETTING_IDS.provider, settings.provider, known) };
  }
}

/**
 * Problems that stop a request: request settings always; a broken custom provider only when it is the one
 * in use; the selection-command settings (prompts, maxChars) are checked by those commands, the completions'
 * settings by completions.
 */
function blockingProblems(problems: SettingProblem[], providerId: string): SettingProblem[] {
  return problems.filter((p) => {
    if (p.setting.startsWith('inferenceChat.prompts.') || p.setting === SETTING_IDS.selectionMaxChars) return false;
    // The completions' own settings stop only completions (their status-bar item says so).
    if (p.setting.startsWith('inferenceChat.completions.')) return false;
    return p.setting !== SETTING_IDS.customProviders || p.providerId === providerId;
  });
}
