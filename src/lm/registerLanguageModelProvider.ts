// Offers the active provider's models in VS Code's native chat (vscode.lm), streaming through the same client.
import * as vscode from 'vscode';
import { COMMANDS } from '../common/commands';
import type { ModelInfo } from '../api/types';
import { asAppError, errorKind, errorMessage, type ErrorKind } from '../common/errors';
import { shortModelName } from '../providers/presets';
import type { RedactingLogger } from '../common/logger';
import type { ModelService, NativeChatService } from '../services';
import { modelDetail } from '../models/modelFormat';
import { languageModelErrorMessage } from './lmErrors';
import { textOf, toChatMessages } from './lmMessages';

export const LM_VENDOR = 'inferenceChat';
const DEFAULT_CONTEXT_TOKENS = 32_768;
const DEFAULT_OUTPUT_TOKENS = 4_096;

interface InferenceChatModel extends vscode.LanguageModelChatInformation {
  providerId: string;
}

export function registerLanguageModelProvider(
  context: vscode.ExtensionContext,
  deps: { models: ModelService; log: RedactingLogger },
): NativeChatService {
  const served = new vscode.EventEmitter<void>();
  context.subscriptions.push(served);
  if (typeof vscode.lm?.registerLanguageModelChatProvider !== 'function') {
    deps.log.warn('This VS Code has no language model provider API; models are not offered in the native chat.');
    return { onDidServeRequest: served.event };
  }
  const provider = new InferenceChatModelProvider(deps.models, deps.log, () => served.fire());
  context.subscriptions.push(provider, vscode.lm.registerLanguageModelChatProvider(LM_VENDOR, provider));
  return { onDidServeRequest: served.event };
}

function toModelInformation(providerId: string, providerName: string, model: ModelInfo, maxTokens: number | undefined): InferenceChatModel {
  const context = model.contextLength && model.contextLength > 0 ? model.contextLength : DEFAULT_CONTEXT_TOKENS;
  const maxOutputTokens = Math.min(maxTokens ?? DEFAULT_OUTPUT_TOKENS, Math.max(1, Math.floor(context / 2)));
  const detail = modelDetail(model);
  return {
    id: model.id,
    providerId,
    name: shortModelName(model.id),
    family: model.id.split('/').pop() ?? model.id,
    version: model.created ? String(model.created) : '1',
    tooltip: `${providerName}: ${model.id}${detail ? `\n${detail}` : ''}`,
    detail: providerName,
    maxInputTokens: Math.max(1, context - maxOutputTokens),
    maxOutputTokens,
    capabilities: { imageInput: false, toolCalling: false },
  };
}

/** VS Code's error for a failure, chosen by its kind (and reason), never by its text. */
function toLanguageModelError(error: unknown, message: string): Error {
  const kind: ErrorKind = errorKind(error);
  if (kind === 'auth') return vscode.LanguageModelError.NoPermissions(message);
  if (kind === 'model' || asAppError(error)?.reason === 'unknown_provider') return vscode.LanguageModelError.NotFound(message);
  return new Error(message);
}

class InferenceChatModelProvider implements vscode.LanguageModelChatProvider<InferenceChatModel>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly registry: ModelService,
    private readonly log: RedactingLogger,
    private readonly onServed: () => void = () => undefined,
  ) {
    // Provider, key or settings changed: VS Code asks for the model list again.
    this.subscription = registry.onDidChange(() => this.changed.fire());
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  async provideLanguageModelChatInformation(
    options: vscode.PrepareLanguageModelChatModelOptions,
    token: vscode.CancellationToken,
  ): Promise<InferenceChatModel[]> {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const connection = await this.registry.connect();
      const models = await this.registry.listModels({ providerId: connection.provider.id, signal: abort.signal });
      const maxTokens = connection.settings.sampling.max_tokens;
      return models.map((m) => toModelInformation(connection.provider.id, connection.provider.name, m, maxTokens));
    } catch (error) {
      // No key or an unreachable server: offer no models, and only bother the user when asked to.
      if (errorKind(error) !== 'cancelled') this.log.warn(`Native chat: no models from the active provider — ${errorMessage(error)}`);
      if (!options.silent && asAppError(error)?.actions?.includes('setApiKey')) {
        void vscode.commands.executeCommand(COMMANDS.setApiKey);
      }
      return [];
    } finally {
      sub.dispose();
    }
  }

  async provideLanguageModelChatResponse(
    model: InferenceChatModel,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    let connection;
    try {
      connection = await this.registry.connect(model.providerId);
    } catch (error) {
      throw toLanguageModelError(error, errorMessage(error));
    }
    const chatMessages = toChatMessages(messages);
    if (chatMessages.length === 0) throw new Error('The request has no text to send (only text parts are supported).');
    const sampling = { ...connection.settings.sampling };
    const modelOptions = options.modelOptions ?? {};
    if (typeof modelOptions.temperature === 'number') sampling.temperature = modelOptions.temperature;
    if (typeof modelOptions.max_tokens === 'number') sampling.max_tokens = modelOptions.max_tokens;
    if (typeof modelOptions.top_p === 'number') sampling.top_p = modelOptions.top_p;

    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      for await (const event of connection.client.streamChat({ model: model.id, messages: chatMessages, ...sampling }, { signal: abort.signal })) {
        if (event.type === 'text' && event.text) progress.report(new vscode.LanguageModelTextPart(event.text));
      }
      if (!token.isCancellationRequested) this.onServed();
    } catch (error) {
      if (errorKind(error) === 'cancelled' || token.isCancellationRequested) return;
      this.log.error(`Native chat request to ${model.id} failed`, error);
      throw toLanguageModelError(error, languageModelErrorMessage(error, (text) => this.log.redact(text)));
    } finally {
      sub.dispose();
    }
  }

  async provideTokenCount(_model: InferenceChatModel, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    // No tokenizer for arbitrary servers: ~4 characters per token is the usual estimate for English and code.
    const content = typeof text === 'string' ? text : textOf(text.content);
    return Math.ceil(content.length / 4);
  }
}
