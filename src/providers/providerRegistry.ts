// The active provider, its key, its model and the request settings, resolved into a ready ChatTarget.
// Binds each key to its own provider: a client is only ever built from that provider's base URL.
import * as vscode from 'vscode';
import { createClient } from '../api';
import type { ModelInfo, OpenAICompatibleClient, RequestLogInfo } from '../api/types';
import { affectsSettings, readSettings, SETTING_IDS, writeUserSetting, type ReadSettings, type SettingProblem } from '../config/settings';
import { ignoredWorkspaceSettingMessage } from '../config/userScope';
import { UserFacingError, type ChatTarget, type TargetResolver } from '../services';
import { KeyStore, KeyStoreError, SECRET_PREFIX } from './keyStore';
import type { RedactingLogger } from './logger';
import { allProviders, type ProviderDefinition } from './presets';
import { checkBaseUrl } from './urlPolicy';

const MODELS_TTL_MS = 10 * 60 * 1000;

/** A provider with its key, ready to talk to (no model needed: used for /models and key checks). */
export interface ProviderConnection {
  provider: ProviderDefinition;
  settings: ReadSettings;
  client: OpenAICompatibleClient;
  hasKey: boolean;
  /** The key, when set: for redacting what the server echoes back. */
  secrets: readonly string[];
}

export class ProviderRegistry implements TargetResolver, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private cachedSettings: ReadSettings | undefined;
  private readonly warnedSettings = new Set<string>();
  private readonly modelCache = new Map<string, { baseUrl: string; models: ModelInfo[]; fetchedAt: number }>();

  constructor(
    private readonly keys: KeyStore,
    readonly log: RedactingLogger,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!affectsSettings(event)) return;
        this.cachedSettings = undefined;
        this.changed.fire();
      }),
    );
  }

  /** Wires SecretStorage change events (another window set or cleared a key). */
  watchSecrets(secrets: vscode.SecretStorage): void {
    this.disposables.push(
      secrets.onDidChange((event) => {
        if (!event.key.startsWith(SECRET_PREFIX)) return;
        const providerId = event.key.slice(SECRET_PREFIX.length);
        this.keys.invalidate(providerId);
        this.modelCache.delete(providerId);
        this.changed.fire();
      }),
    );
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  // ---------- settings and providers ----------

  settings(): ReadSettings {
    if (!this.cachedSettings) {
      this.cachedSettings = readSettings();
      this.warnIgnoredWorkspaceSettings(this.cachedSettings.ignoredWorkspaceSettings);
    }
    return this.cachedSettings;
  }

  providers(): ProviderDefinition[] {
    return allProviders(this.settings().settings.customProviders);
  }

  provider(id: string): ProviderDefinition | undefined {
    return this.providers().find((p) => p.id === id);
  }

  activeProviderId(): string {
    return this.settings().settings.provider;
  }

  /** The active provider, or the problem that prevents using it. */
  activeProvider(): { provider: ProviderDefinition } | { problem: string } {
    const { settings, problems } = this.settings();
    const found = this.provider(settings.provider);
    if (found) return { provider: found };
    const broken = problems.find((p) => p.providerId === settings.provider);
    if (broken) return { problem: broken.message };
    const known = this.providers().map((p) => `"${p.id}"`).join(', ');
    return {
      problem: `Setting ${SETTING_IDS.provider} is "${settings.provider}", which is neither a preset nor a custom provider (known: ${known}).`,
    };
  }

  /** Loopback servers (Ollama, LM Studio, vLLM on this machine) may run without a key. */
  needsKey(provider: ProviderDefinition): boolean {
    const check = checkBaseUrl(provider.baseUrl);
    return !(check.ok && check.loopback);
  }

  currentModel(providerId: string): string | undefined {
    const { settings } = this.settings();
    return settings.models[providerId] || this.provider(providerId)?.defaultModel;
  }

  // ---------- TargetResolver ----------

  async resolve(): Promise<ChatTarget> {
    const connection = await this.connect();
    const { settings } = connection.settings;
    const model = this.currentModel(connection.provider.id);
    if (!model) {
      throw new UserFacingError(`No model is chosen for ${connection.provider.name}. Pick one from the model list.`, 'model', ['pickModel']);
    }
    return {
      providerId: connection.provider.id,
      providerName: connection.provider.name,
      model,
      client: connection.client,
      sampling: { ...settings.sampling },
      systemPrompt: settings.systemPrompt,
      secrets: connection.secrets,
    };
  }

  async describe(): Promise<{ providerName: string; model?: string; hasKey: boolean; keyOptional?: boolean }> {
    try {
      const active = this.activeProvider();
      if ('problem' in active) return { providerName: this.activeProviderId(), hasKey: false };
      const { provider } = active;
      const stored = (await this.keys.get(provider.id).catch(() => undefined)) !== undefined;
      const keyOptional = !stored && !this.needsKey(provider);
      const model = this.currentModel(provider.id);
      return { providerName: provider.name, hasKey: stored || keyOptional, ...(keyOptional ? { keyOptional } : {}), ...(model ? { model } : {}) };
    } catch {
      return { providerName: 'Inference Chat', hasKey: false };
    }
  }

  /** Validates settings, URL and key for a provider (default: the active one) and builds its client. */
  async connect(providerId?: string): Promise<ProviderConnection> {
    const read = this.settings();
    const blocking = this.blockingProblems(read.problems, providerId ?? read.settings.provider);
    if (blocking[0]) {
      throw new UserFacingError(blocking.map((p) => p.message).join(' '), 'config', ['openSettings']);
    }
    let provider: ProviderDefinition | undefined;
    if (providerId) {
      provider = this.provider(providerId);
      if (!provider) throw new UserFacingError(`There is no provider with id "${providerId}".`, 'config', ['switchProvider']);
    } else {
      const active = this.activeProvider();
      if ('problem' in active) throw new UserFacingError(active.problem, 'config', ['openSettings', 'switchProvider']);
      provider = active.provider;
    }
    const urlCheck = checkBaseUrl(provider.baseUrl);
    if (!urlCheck.ok) {
      throw new UserFacingError(`The base URL of ${provider.name} cannot be used: ${urlCheck.message}`, 'config', ['openSettings']);
    }
    let key: string | undefined;
    try {
      key = await this.keys.get(provider.id);
    } catch (error) {
      throw new UserFacingError(error instanceof KeyStoreError ? error.message : String(error), 'auth', ['setApiKey']);
    }
    if (!key && !urlCheck.loopback) {
      throw new UserFacingError(`No API key is set for ${provider.name}. Set one to start chatting.`, 'auth', ['setApiKey']);
    }
    return { provider, settings: read, client: this.clientFor(provider, key, read), hasKey: key !== undefined, secrets: key ? [key] : [] };
  }

  /** A client for this provider with this key (also used to check a key before it is saved). */
  clientFor(provider: ProviderDefinition, key: string | undefined, read: ReadSettings = this.settings()): OpenAICompatibleClient {
    const { settings } = read;
    const timeoutMs = settings.requestTimeoutSeconds * 1000;
    const teamId = provider.usesTeamId && settings.teamId ? settings.teamId : undefined;
    return createClient({
      baseUrl: provider.baseUrl,
      ...(key ? { apiKey: key } : {}),
      ...(teamId ? { teamId } : {}),
      ...(provider.headers ? { headers: provider.headers } : {}),
      connectTimeoutMs: timeoutMs,
      idleTimeoutMs: Math.max(timeoutMs, 120_000),
      onRequest: (info: RequestLogInfo) => this.log.request(provider.id, info),
    });
  }

  // ---------- keys ----------

  async hasKey(providerId: string): Promise<boolean> {
    return (await this.keys.get(providerId)) !== undefined;
  }

  /** Stores the key for a provider (throws KeyStoreError with a clear message when the store fails). */
  async setApiKey(providerId: string, key: string): Promise<void> {
    await this.keys.set(providerId, key.trim());
    this.modelCache.delete(providerId);
    this.log.info(`API key for ${providerId} saved in secret storage.`);
    this.changed.fire();
  }

  async clearApiKey(providerId: string): Promise<void> {
    await this.keys.delete(providerId);
    this.modelCache.delete(providerId);
    this.log.info(`API key for ${providerId} removed.`);
    this.changed.fire();
  }

  // ---------- provider and model choice ----------

  async setActiveProvider(providerId: string): Promise<void> {
    await writeUserSetting('provider', providerId);
    this.cachedSettings = undefined;
    this.changed.fire();
  }

  async setModel(providerId: string, model: string): Promise<void> {
    const models = { ...this.settings().settings.models, [providerId]: model };
    await writeUserSetting('models', models);
    this.cachedSettings = undefined;
    this.changed.fire();
  }

  /** Models of a provider (default: the active one), cached for 10 minutes unless `force`. */
  async listModels(options: { providerId?: string; force?: boolean; signal?: AbortSignal } = {}): Promise<ModelInfo[]> {
    const connection = await this.connect(options.providerId);
    const cached = this.modelCache.get(connection.provider.id);
    if (!options.force && cached && cached.baseUrl === connection.provider.baseUrl && Date.now() - cached.fetchedAt < MODELS_TTL_MS) {
      return cached.models;
    }
    const models = await connection.client.listModels(options.signal ? { signal: options.signal } : {});
    models.sort((a, b) => a.id.localeCompare(b.id));
    this.modelCache.set(connection.provider.id, { baseUrl: connection.provider.baseUrl, models, fetchedAt: Date.now() });
    return models;
  }

  /** Drops cached model lists (Refresh). */
  invalidateModels(providerId?: string): void {
    if (providerId) this.modelCache.delete(providerId);
    else this.modelCache.clear();
  }

  /** The last log lines (already redacted): lets integration tests check that no key reaches the log. */
  recentLog(): readonly string[] {
    return this.log.recentLines();
  }

  // ---------- internals ----------

  /**
   * Problems that stop a request: request settings always; a broken custom provider only when it is the one
   * in use; the selection-command settings (prompts, maxChars) are checked by those commands.
   */
  private blockingProblems(problems: SettingProblem[], providerId: string): SettingProblem[] {
    return problems.filter((p) => {
      if (p.setting.startsWith('inferenceChat.prompts.') || p.setting === SETTING_IDS.selectionMaxChars) return false;
      return p.setting !== SETTING_IDS.customProviders || p.providerId === providerId;
    });
  }

  private warnIgnoredWorkspaceSettings(settingIds: string[]): void {
    for (const id of settingIds) {
      if (this.warnedSettings.has(id)) continue;
      this.warnedSettings.add(id);
      const message = ignoredWorkspaceSettingMessage(id);
      this.log.warn(message);
      void vscode.window.showWarningMessage(message);
    }
  }
}
