// The native chat's request path: VS Code's messages → the API's request → the streamed answer back, and token
// counts. Bundled on its own (dist/chunks/lmRequest.js) and loaded on the first request, so the extension host's
// start-up bundle carries only the model list (see registerLanguageModelProvider.ts).
import type * as vscode from 'vscode';
import type { ChatRequest } from '../api/types';
import type { ModelProfile } from '../models/modelProfile';
import { modelRequestFields, providerTraits } from '../models/requestFields';
import { estimateTextTokens, type TokenCalibration } from '../models/tokenEstimate';
import type { ProviderConnection } from '../providers/core/providerService';
import { readMessage, readMessages, readTools } from './lmParts';
import { ReasoningCache } from './core/reasoningCache';
import { streamResponse } from './responseStream';
import { estimateRequest, estimateWireMessage } from './core/tokenCount';
import { toWireMessages } from './core/wireMessages';
import { l10n } from '../common/l10n';

const reasoning = new ReasoningCache();

export interface RespondInput {
  modelId: string;
  /** calibrationKey(provider, model) */
  modelKey: string;
  profile: ModelProfile;
  connection: ProviderConnection;
  messages: readonly vscode.LanguageModelChatRequestMessage[];
  options: vscode.ProvideLanguageModelChatResponseOptions;
  progress: vscode.Progress<vscode.LanguageModelResponsePart>;
  signal: AbortSignal;
  calibration: TokenCalibration;
}

export async function respond(input: RespondInput): Promise<void> {
  const { modelId, modelKey, connection } = input;
  // Mapping may refuse (an image for a model without vision): before anything is sent.
  const messages = toWireMessages(readMessages(input.messages), {
    modelId,
    vision: input.profile.vision,
    replayFor: (ids) => reasoning.lookup(modelKey, ids),
  });
  if (messages.length === 0) throw new Error(l10n.t('The request has no content to send.'));
  const request: ChatRequest = { model: modelId, messages, ...connection.settings.sampling, ...readTools(input.options) };
  // The model's own fields, as the sidebar chat sends them: reasoning effort, the cost ask, the user's extraBody.
  const extra = modelRequestFields(input.profile, providerTraits(connection.provider));
  if (Object.keys(extra).length > 0) request.extra = extra;
  const modelOptions = input.options.modelOptions ?? {};
  if (typeof modelOptions.temperature === 'number') request.temperature = modelOptions.temperature;
  if (typeof modelOptions.max_tokens === 'number') request.max_tokens = modelOptions.max_tokens;
  if (typeof modelOptions.top_p === 'number') request.top_p = modelOptions.top_p;
  await streamResponse({
    client: connection.client,
    request,
    signal: input.signal,
    progress: input.progress,
    parseToolCallsFromText: connection.settings.parseToolCallsFromText === true,
    modelKey,
    estimate: estimateRequest(messages, request.tools),
    calibration: input.calibration,
    reasoning,
  });
}

/** The uncalibrated estimate of a text or of one message as it would be sent (images at their flat cost). */
export function estimateTokens(modelId: string, text: string | vscode.LanguageModelChatRequestMessage): number {
  if (typeof text === 'string') return estimateTextTokens(text);
  return toWireMessages([readMessage(text)], { modelId, vision: true }).reduce((sum, m) => sum + estimateWireMessage(m), 0);
}
