// What the rest of the extension asks of the providers: a ready request target for the active provider, the
// models and the choice of one, and (for the commands and the tests) providers and keys. ProviderRegistry
// implements it; the chat, the native-chat provider and the status bar depend on this interface only.
import type { ChatRequest, ModelInfo, OpenAICompatibleClient } from '../../api/types';
import type { Event } from '../../common/event';
import type { Settings } from '../../config/core/parseSettings';
import type { ModelProfile, ReasoningEffort } from '../../models/modelProfile';
import type { TokenCalibration } from '../../models/tokenEstimate';
import type { TargetView } from '../../protocol';
import type { ProviderDefinition } from './presets';

/** Everything needed to send a request for the active provider. */
export interface ChatTarget {
  providerId: string;
  providerName: string;
  /** The model for new requests. */
  model: string;
  /** A client bound to this provider's base URL, key, team id and headers. */
  client: OpenAICompatibleClient;
  /** temperature / max_tokens / top_p / stop from the settings (already validated). */
  sampling: Omit<ChatRequest, 'model' | 'messages'>;
  /** The system prompt for the sidebar chat ('' for none). */
  systemPrompt: string;
  /** Values never to show the user (the provider's key), for redacting server messages that echo them. */
  secrets: readonly string[];
  /** The model as one object: window, reply limit, capabilities, reasoning effort, prices. */
  profile: ModelProfile;
  /** Provider- and model-specific request fields (reasoning effort, usage.include, the user's extraBody). */
  extra: Record<string, unknown>;
  /** What the server's usage teaches about this model's tokenizer, under `calibrationKey`. */
  calibration: TokenCalibration;
  calibrationKey: string;
  /** The provider's billing page, when known (offered when the account is out of credits). */
  billingUrl?: string;
}

/** Resolves the active provider, key, model and settings into a ready ChatTarget. */
export interface TargetResolver {
  /** Throws an AppError with `actions` when something the user must fix is missing or invalid. */
  resolve(): Promise<ChatTarget>;
  /** What the status bar / chat header shows; never throws. */
  describe(): Promise<TargetView>;
  /** Fires when the provider, key, model or settings change. */
  readonly onDidChange: Event<void>;
}

/** A provider with its key, ready to talk to (no model needed: used for /models and key checks). */
export interface ProviderConnection {
  provider: ProviderDefinition;
  settings: Settings;
  client: OpenAICompatibleClient;
  hasKey: boolean;
  /** The key, when set: for redacting what the server echoes back. */
  secrets: readonly string[];
}

/** The models of the providers, and the choice of one (the status-bar picker, the native-chat provider). */
export interface ModelService {
  /** Fires when the provider, key, model or settings change. */
  readonly onDidChange: Event<void>;
  /** Validates settings, URL and key for a provider (default: the active one) and builds its client. */
  connect(providerId?: string): Promise<ProviderConnection>;
  /** A provider's models (default: the active one's), cached for a while unless `force`. */
  listModels(options?: { providerId?: string; force?: boolean; signal?: AbortSignal }): Promise<ModelInfo[]>;
  /** Drops cached model lists (Refresh). */
  invalidateModels(providerId?: string): void;
  /**
   * The model as one object (window, reply limit, capabilities, prices) from the last listing, the user's
   * overrides and defaults; works for ids the server does not list. Never fetches.
   */
  modelProfile(providerId: string, modelId: string): ModelProfile;
  /** What the servers' usage taught about each model's tokenizer: scales every token estimate (chat budget, native chat). */
  readonly tokenCalibration: TokenCalibration;
  currentModel(providerId: string): string | undefined;
  /** The models chosen lately for this provider, newest first. */
  recentModels(providerId: string): string[];
  setModel(providerId: string, model: string): Promise<void>;
  /** Sets (or, undefined, clears) the reasoning effort of a model in the user's modelOverrides. */
  setReasoningEffort(modelId: string, effort: ReasoningEffort | undefined): Promise<void>;
  describe: TargetResolver['describe'];
}

/** Everything about providers and keys: what the commands (and the integration tests) drive. */
export interface ProviderService extends TargetResolver, ModelService {
  providers(): ProviderDefinition[];
  provider(id: string): ProviderDefinition | undefined;
  activeProviderId(): string;
  /** Loopback servers (Ollama, LM Studio, vLLM on this machine) may run without a key. */
  needsKey(provider: ProviderDefinition): boolean;
  setActiveProvider(providerId: string): Promise<void>;
  hasKey(providerId: string): Promise<boolean>;
  /** Stores the key (throws an AppError 'secret_storage' with a clear message when the store fails). */
  setApiKey(providerId: string, key: string): Promise<void>;
  clearApiKey(providerId: string): Promise<void>;
  /** A client for this provider with this key, before the key is saved (the key check). */
  clientFor(provider: ProviderDefinition, key: string | undefined): OpenAICompatibleClient;
  /** The current settings (validated), for the commands that show or edit them. */
  settings(): Settings;
  writeUserSetting(key: string, value: unknown): Promise<void>;
}
