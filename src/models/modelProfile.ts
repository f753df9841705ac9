// The model as the rest of the extension sees it: one object with its window, its reply limit, what it can
// take (images, tools, a reasoning effort) and its prices. It merges, in this order of precedence, what the
// user set (inferenceChat.modelOverrides), what the running server says (llama.cpp's /props), what its
// /models entry says, and defaults for what nobody said. The chat's budget, the picker, the cost line and
// the native-chat provider all read this object. Pure.
import type { ModelInfo, ModelPricing, ServerProps } from '../api/types';

export const REASONING_EFFORTS = ['low', 'medium', 'high'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/** What a user may set per model (validated in src/models/modelOverrides.ts). */
export interface ModelOverride {
  contextWindow?: number;
  maxOutputTokens?: number;
  vision?: boolean;
  toolCalling?: boolean;
  reasoningEffort?: ReasoningEffort;
  /** Extra fields merged into every chat request body for this model (e.g. {"top_k": 20}). */
  extraBody?: Record<string, unknown>;
}

/** Where a value came from: shown in tooltips so a user knows what to override. */
export type ProfileSource = 'user' | 'server' | 'default';

/**
 * Defaults for what no one said, chosen so that an unknown model works: 32K tokens is the smallest window of
 * current mainstream chat models; 4K tokens (at most a quarter of the window) is a long answer; tool calling
 * is assumed (a server that cannot do it answers with a clear error, while assuming "no" would silently
 * hide the model from VS Code's agent mode; set `toolCalling: false` to hide it); images are not assumed.
 */
export const DEFAULT_CONTEXT_WINDOW = 32_768;
export const DEFAULT_MAX_OUTPUT_TOKENS = 4_096;
export const DEFAULT_TOOL_CALLING = true;
export const DEFAULT_VISION = false;

export interface ModelProfile {
  id: string;
  ownedBy?: string;
  /** Whether the server's /models lists this id (a model id typed by the user may not be). */
  listed: boolean;
  contextWindow: number;
  maxOutputTokens: number;
  vision: boolean;
  toolCalling: boolean;
  /** The model takes a reasoning effort (the server says so, or the user set one). */
  reasoning: boolean;
  reasoningEffort?: ReasoningEffort;
  pricing?: ModelPricing;
  extraBody?: Record<string, unknown>;
  sources: Record<'contextWindow' | 'maxOutputTokens' | 'vision' | 'toolCalling', ProfileSource>;
}

function pick<T>(user: T | undefined, server: T | undefined, fallback: T): [T, ProfileSource] {
  if (user !== undefined) return [user, 'user'];
  if (server !== undefined) return [server, 'server'];
  return [fallback, 'default'];
}

export function resolveModelProfile(id: string, info?: ModelInfo, override: ModelOverride = {}, props?: ServerProps): ModelProfile {
  const [contextWindow, contextSource] = pick(override.contextWindow, props?.contextLength ?? info?.contextLength, DEFAULT_CONTEXT_WINDOW);
  const [maxOutput, maxOutputSource] = pick(
    override.maxOutputTokens,
    info?.maxOutputTokens,
    Math.max(1, Math.min(DEFAULT_MAX_OUTPUT_TOKENS, Math.floor(contextWindow / 4))),
  );
  const [vision, visionSource] = pick(override.vision, props?.vision ?? info?.capabilities.vision, DEFAULT_VISION);
  const [toolCalling, toolSource] = pick(override.toolCalling, info?.capabilities.tools, DEFAULT_TOOL_CALLING);
  const profile: ModelProfile = {
    id,
    listed: info !== undefined,
    contextWindow,
    // A reply can never be longer than the window it has to fit in.
    maxOutputTokens: Math.min(maxOutput, contextWindow),
    vision,
    toolCalling,
    reasoning: override.reasoningEffort !== undefined || info?.capabilities.reasoning === true,
    sources: { contextWindow: contextSource, maxOutputTokens: maxOutputSource, vision: visionSource, toolCalling: toolSource },
  };
  if (info?.owned_by) profile.ownedBy = info.owned_by;
  if (override.reasoningEffort) profile.reasoningEffort = override.reasoningEffort;
  if (info?.pricing) profile.pricing = info.pricing;
  if (override.extraBody && Object.keys(override.extraBody).length > 0) profile.extraBody = override.extraBody;
  return profile;
}

/**
 * How many tokens to keep free for the reply when checking that a prompt fits: the max-tokens setting when
 * the user set one (it is sent, and servers such as vLLM refuse prompt + max_tokens beyond the window), else
 * the model's reply limit — but then at most half the window, so a model that allows very long replies still
 * leaves room for the conversation.
 */
export function replyReserve(profile: Pick<ModelProfile, 'contextWindow' | 'maxOutputTokens'>, maxTokensSetting?: number): number {
  if (maxTokensSetting !== undefined) return maxTokensSetting;
  return Math.max(1, Math.min(profile.maxOutputTokens, Math.floor(profile.contextWindow / 2)));
}
