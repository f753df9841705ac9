// The interfaces the feature modules use to talk to each other. extension.ts creates the
// implementations and passes them in, so each feature depends on an interface, not on another feature.
import type * as vscode from 'vscode';
import type { ChatRequest, OpenAICompatibleClient } from './api/types';
import type { HostToWebview, SelectionContext } from './protocol';

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
}

/** Resolves the active provider, key, model and settings into a ready ChatTarget. */
export interface TargetResolver {
  /** Throws an AppError with `actions` when something the user must fix is missing or invalid. */
  resolve(): Promise<ChatTarget>;
  /** What the status bar / chat header shows; never throws. */
  describe(): Promise<{ providerName: string; model?: string; hasKey: boolean; keyOptional?: boolean }>;
  /** Fires when the provider, key, model or settings change. */
  readonly onDidChange: vscode.Event<void>;
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
}

/** The sidebar chat, as other features see it. */
export interface ChatService {
  /** Opens the chat view and sends the prompt in the current conversation; resolves when the reply has finished. */
  ask(prompt: ExternalPrompt): Promise<void>;
  /** Reveals and focuses the chat view. */
  reveal(): Promise<void>;
  newChat(): Promise<void>;
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
  };
  targets: TargetResolver;
}
