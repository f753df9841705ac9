// The interfaces the feature modules use to talk to each other. extension.ts creates the
// implementations and passes them in, so each feature depends on an interface, not on another feature.
import type * as vscode from 'vscode';
import type { ChatRequest, ModelInfo, OpenAICompatibleClient } from './api/types';
import type { ApplyService } from './apply/applyService';
import type { ProposalStore } from './apply/proposals';
import type { ReadGate } from './context/readGate';
import type { Logger } from './common/logger';
import type { PromptKind, Settings } from './config/core/parseSettings';
import type { ModelProfile, ReasoningEffort } from './models/modelProfile';
import type { TokenCalibration } from './models/tokenEstimate';
import type { HostToWebview, SelectionContext, TargetView } from './protocol';
import type { ProviderDefinition } from './providers/core/presets';
import type { ConfirmCredentials } from './chat/credentialCheck';
import type { HeldNotice } from './chat/noticeQueue';

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
  readonly onDidChange: vscode.Event<void>;
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
  readonly onDidChange: vscode.Event<void>;
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

/** A prompt sent into the sidebar chat from outside it (Explain selection and its siblings). */
export interface ExternalPrompt {
  /** What is sent to the model as the user message. */
  content: string;
  /** What the chat shows for the user message (e.g. "Explain selection" plus the code). */
  display: string;
  /** Replaces the chat's system prompt for this request when set. */
  systemPrompt?: string;
  context?: SelectionContext;
  /** The selection command's template it was built from (a workspace's template is shown on the message). */
  template?: PromptKind;
}

/** What the chat asks or tells the user outside its view: VS Code dialogs and notifications (the tests answer them). */
export interface ChatDialogs {
  confirmCredentials: ConfirmCredentials;
  notify: (notice: HeldNotice) => void;
  /** How long a notice waits for a chat view before it becomes a notification (ms). */
  noticeGraceMs: number;
}

/** The sidebar chat, as other features see it. */
export interface ChatService {
  /** Opens the chat view and sends the prompt in the current conversation; resolves when the reply has finished. */
  ask(prompt: ExternalPrompt): Promise<void>;
  /** Reveals and focuses the chat view. */
  reveal(): Promise<void>;
  newChat(): Promise<void>;
}

/** VS Code's own chat, served by our models (src/lm), as other features see it. */
export interface NativeChatService {
  /** Fires when a request from VS Code's chat (or any vscode.lm caller) was answered in full. */
  readonly onDidServeRequest: vscode.Event<void>;
}

/**
 * What activate() returns. Used by the integration tests (run inside VS Code) to drive the
 * extension as the webview would and to observe what it posts.
 */
export interface ExtensionApi {
  chat: ChatService & {
    /** Feeds a raw message into the host exactly as if the webview had posted it. */
    handleWebviewMessage(raw: unknown): Promise<void>;
    /** Every message the host posts to the webview (also while no view is visible). */
    readonly onDidPostMessage: vscode.Event<HostToWebview>;
    /** Every message a live chat view was handed (notices held while no view was ready come after its state). */
    readonly onDidDeliverToView: vscode.Event<HostToWebview>;
    /** Answers the chat's dialogs instead of the user (the credential warning, notices no view took); returns the undo. */
    useDialogs(dialogs: Partial<ChatDialogs>): () => void;
  };
  providers: ProviderService;
  /** Apply (code blocks as reviewed diffs): its pending proposals, and the dialogs the tests answer. */
  apply: Pick<ApplyService, 'accept' | 'reject' | 'useUi'> & { readonly proposals: Pick<ProposalStore, 'pending'> };
  /** The one read gate: what may be read for a message; its confirmation can be answered by the tests. */
  readGate: Pick<ReadGate, 'mayRead' | 'readText' | 'useConfirm'>;
  /** The extension's one log; `recentLines()` are its last lines, already redacted (tests check no key reaches it). */
  log: Logger & { recentLines(): readonly string[] };
}
