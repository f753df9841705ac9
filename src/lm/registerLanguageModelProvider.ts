// Offers the active provider's models in VS Code's native chat and agent mode (vscode.lm), streaming through the
// same client: text, images, tool calls and reasoning. Here: the model list (modelInformation.ts) and its changes.
// The request path (request.ts: lmParts.ts reads VS Code's request, wireMessages.ts maps it to the API's messages,
// responseStream.ts streams the answer back, tokenCount.ts counts like the sidebar chat's budget) is its own bundle,
// loaded on the first request.
import * as vscode from 'vscode';
import { COMMANDS } from '../common/commands';
import { asAppError, errorKind, errorMessage } from '../common/appError';
import type { RedactingLogger } from '../common/logger';
import { calibrationKey } from '../models/tokenEstimate';
import type { ModelService } from '../providers/core/providerService';
import { languageModelErrorMessage } from './core/lmErrors';
import { listSignature, toModelInformation, type InferenceChatModel } from './modelInformation';
import { toLanguageModelError } from './vscodeErrors';

/** The request path (dist/chunks/lmRequest.js, src/chunks.ts), loaded on the first request. */
type RequestModule = typeof import('./request');

export const LM_VENDOR = 'inferenceChat';

/** VS Code's own chat, served by our models, as other features see it. */
export interface NativeChatService {
  /** Fires when a request from VS Code's chat (or any vscode.lm caller) was answered in full. */
  readonly onDidServeRequest: vscode.Event<void>;
}

export function registerLanguageModelProvider(
  context: vscode.ExtensionContext,
  deps: { models: ModelService; log: RedactingLogger; loadRequest: () => RequestModule },
): NativeChatService {
  const served = new vscode.EventEmitter<void>();
  context.subscriptions.push(served);
  if (typeof vscode.lm?.registerLanguageModelChatProvider !== 'function') {
    deps.log.warn('This VS Code has no language model provider API; models are not offered in the native chat.');
    return { onDidServeRequest: served.event };
  }
  const provider = new InferenceChatModelProvider(deps.models, deps.log, deps.loadRequest, () => served.fire());
  context.subscriptions.push(provider, vscode.lm.registerLanguageModelChatProvider(LM_VENDOR, provider));
  return { onDidServeRequest: served.event };
}

/** Runs `fn` with an AbortSignal that aborts as soon as the token is cancelled (also when it already is). */
async function withAbort<T>(token: vscode.CancellationToken, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const sub = token.onCancellationRequested(() => abort.abort());
  if (token.isCancellationRequested) abort.abort();
  try {
    return await fn(abort.signal);
  } finally {
    sub.dispose();
  }
}

class InferenceChatModelProvider implements vscode.LanguageModelChatProvider<InferenceChatModel>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** The list last given to VS Code, to notice when a refreshed one differs. */
  private lastSignature: string | undefined;
  private checking = false;

  constructor(
    private readonly registry: ModelService,
    private readonly log: RedactingLogger,
    private readonly requestPath: () => RequestModule,
    private readonly onServed: () => void = () => undefined,
  ) {
    // Provider, key or settings changed: VS Code asks for the model list again.
    this.subscription = registry.onDidChange(() => this.changed.fire());
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async models(signal?: AbortSignal): Promise<InferenceChatModel[]> {
    const connection = await this.registry.connect();
    const { id, name } = connection.provider;
    const models = await this.registry.listModels({ providerId: id, ...(signal ? { signal } : {}) });
    const maxTokens = connection.settings.sampling.max_tokens;
    return models.map((m) => toModelInformation(id, name, m, this.registry.modelProfile(id, m.id), maxTokens));
  }

  async provideLanguageModelChatInformation(
    options: vscode.PrepareLanguageModelChatModelOptions,
    token: vscode.CancellationToken,
  ): Promise<InferenceChatModel[]> {
    try {
      const models = await withAbort(token, (signal) => this.models(signal));
      this.lastSignature = listSignature(models);
      return models;
    } catch (error) {
      // No key or an unreachable server: offer no models, and only bother the user when asked to.
      if (errorKind(error) !== 'cancelled') this.log.warn(`Native chat: no models from the active provider — ${errorMessage(error)}`);
      if (!options.silent && asAppError(error)?.actions?.includes('setApiKey')) {
        void vscode.commands.executeCommand(COMMANDS.setApiKey);
      }
      this.lastSignature = '[]';
      return [];
    }
  }

  /**
   * A list refreshed since VS Code last asked (the model cache expired, Refresh Models) that differs from the one it
   * has: tell it to ask again. Asking gives the same list, so this never loops.
   */
  private async checkForChanges(): Promise<void> {
    if (this.checking || this.lastSignature === undefined) return;
    this.checking = true;
    try {
      const signature = listSignature(await this.models());
      if (signature !== this.lastSignature) {
        this.lastSignature = signature;
        this.changed.fire();
      }
    } catch {
      // the next provideLanguageModelChatInformation reports it
    } finally {
      this.checking = false;
    }
  }

  async provideLanguageModelChatResponse(
    model: InferenceChatModel,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    try {
      const connection = await this.registry.connect(model.providerId);
      const profile = this.registry.modelProfile(model.providerId, model.id);
      const modelKey = calibrationKey(model.providerId, model.id);
      const { respond } = this.requestPath();
      await withAbort(token, (signal) =>
        respond({ modelId: model.id, modelKey, profile, connection, messages, options, progress, signal, calibration: this.registry.tokenCalibration }),
      );
      if (!token.isCancellationRequested) this.onServed();
    } catch (error) {
      if (errorKind(error) === 'cancelled' || token.isCancellationRequested) return;
      this.log.error(`Native chat request to ${model.id} failed`, error);
      throw toLanguageModelError(error, languageModelErrorMessage(error, (text) => this.log.redact(text)));
    }
    void this.checkForChanges();
  }

  async provideTokenCount(model: InferenceChatModel, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    return this.registry.tokenCalibration.scale(calibrationKey(model.providerId, model.id), this.requestPath().estimateTokens(model.id, text));
  }
}
