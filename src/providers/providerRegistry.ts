// The active provider, its key, its model and the request settings, resolved into a ready ChatTarget.
// Binds each key to its own provider: a client is only ever built from that provider's base URL.
import * as vscode from 'vscode';
import { createClient, createServerMemory } from '../api';
import type { ModelInfo, OpenAICompatibleClient, RequestLogInfo } from '../api/types';
import { affectsSettings, readSettings, SETTING_IDS, writeUserSetting, type ReadSettings, type SettingProblem } from '../config/settings';
import { ignoredWorkspaceSettingMessage } from '../config/userScope';
import { DisposableStore } from '../common/disposables';
import { AppError } from '../common/errors';
import type { RedactingLogger } from '../common/logger';
import type { ChatTarget, TargetResolver } from '../services';
import { KeyStore, SECRET_PREFIX } from './keyStore';
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
  private readonly disposables = new DisposableStore();
  private cachedSettings: ReadSettings | undefined;
  private readonly warnedSettings = new Set<string>();
  private readonly modelCache = new Map<string, { baseUrl: string; models: ModelInfo[]; fetchedAt: number }>();
  /** What the clients learn about servers (e.g. one rejects stream_options), kept across requests. */
  private readonly serverMemory = createServerMemory();

  constructor(
    private readonly keys: KeyStore,
    readonly log: RedactingLogger,
  ) {
    this.disposables.add(this.changed);
    this.disposables.add(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!affectsSettings(event)) return;
        this.cachedSettings = undefined;
        this.changed.fire();
      }),
    );
  }

  /** Wires SecretStorage change events (another window set or cleared a key). */
  watchSecrets(secrets: vscode.SecretStorage): void {
    this.disposables.add(
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
    this.disposables.dispose();
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
      throw new AppError('model', 'no_model', `No model is chosen for ${connection.provider.name}. Pick one from the model list.`, { actions: ['pickModel'] });
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
      throw new AppError('config', 'bad_setting', blocking.map((p) => p.message).join(' '), { actions: ['openSettings'] });
    }
    let provider: ProviderDefinition | undefined;
    if (providerId) {
      provider = this.provider(providerId);
      if (!provider) throw new AppError('config', 'unknown_provider', `There is no provider with id "${providerId}".`, { actions: ['switchProvider'] });
    } else {
      const active = this.activeProvider();
      if ('problem' in active) throw new AppError('config', 'unknown_provider', active.problem, { actions: ['openSettings', 'switchProvider'] });
      provider = active.provider;
    }
    const urlCheck = checkBaseUrl(provider.baseUrl);
    if (!urlCheck.ok) {
      throw new AppError('config', 'bad_base_url', `The base URL of ${provider.name} cannot be used: ${urlCheck.message}`, { actions: ['openSettings'] });
    }
    const key = await this.keys.get(provider.id); // a failing secret store throws its own AppError
    if (!key && !urlCheck.loopback) {
      throw new AppError('auth', 'no_key', `No API key is set for ${provider.name}. Set one to start chatting.`, { actions: ['setApiKey'] });
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
      memory: this.serverMemory,
    });
  }

  // ---------- keys ----------

  async hasKey(providerId: string): Promise<boolean> {
    return (await this.keys.get(providerId)) !== undefined;
  }

  /** Stores the key for a provider (throws an AppError 'secret_storage' with a clear message when the store fails). */
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
