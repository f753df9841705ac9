// What VS Code is told about each model: its window, reply limit and capabilities, all from the model's profile
// (ModelService.modelProfile: server metadata, the user's inferenceChat.modelOverrides, documented defaults).
import type * as vscode from 'vscode';
import type { ModelInfo } from '../api/types';
import { formatContextLength, modelDetail } from '../models/modelFormat';
import { replyReserve, type ModelProfile } from '../models/modelProfile';
import { shortModelName } from '../providers/core/presets';
import { l10n } from '../common/l10n';

export interface InferenceChatModel extends vscode.LanguageModelChatInformation {
  providerId: string;
}

const sourceNote = (source: string): string => (source === 'default' ? ` ${l10n.t('(default)')}` : source === 'user' ? ` ${l10n.t('(your override)')}` : '');

export function toModelInformation(
  providerId: string,
  providerName: string,
  model: ModelInfo,
  profile: ModelProfile,
  maxTokensSetting: number | undefined,
): InferenceChatModel {
  const reserve = replyReserve(profile, maxTokensSetting);
  const { sources } = profile;
  const facts = [
    `${formatContextLength(profile.contextWindow)}${sourceNote(sources.contextWindow)}`,
    `${profile.toolCalling ? l10n.t('tools') : l10n.t('no tools')}${sourceNote(sources.toolCalling)}`,
    `${profile.vision ? l10n.t('images') : l10n.t('no images')}${sourceNote(sources.vision)}`,
  ].join(' · ');
  const detail = modelDetail(model);
  return {
    id: model.id,
    providerId,
    name: shortModelName(model.id),
    family: model.id.split('/').pop() ?? model.id,
    version: model.created ? String(model.created) : '1',
    tooltip: `${providerName}: ${model.id}${detail ? `\n${detail}` : ''}\n${facts}`,
    detail: providerName,
    maxInputTokens: Math.max(1, profile.contextWindow - reserve),
    maxOutputTokens: Math.max(1, Math.min(maxTokensSetting ?? profile.maxOutputTokens, profile.contextWindow)),
    capabilities: { imageInput: profile.vision, toolCalling: profile.toolCalling },
  };
}

/** Everything VS Code shows of a list, to tell a list that changed from the one it already has. */
export function listSignature(models: readonly InferenceChatModel[]): string {
  return JSON.stringify(models.map((m) => [m.providerId, m.id, m.name, m.tooltip, m.maxInputTokens, m.maxOutputTokens, m.capabilities]));
}
