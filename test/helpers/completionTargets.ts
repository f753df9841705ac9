// The completion settings and CompletionTargets the real InlineProvider is built with in plain Node (the benchmark,
// the provider's unit tests): one loopback provider and one model of the Qwen2.5-Coder family, whose `completions`
// endpoint renders its FIM template. Imports `vscode` through CompletionTargets: load after installVscodeStub().
import type { OpenAICompatibleClient } from '../../src/api/types';
import type { CompletionSettings } from '../../src/config/core/completionSettings';
import { resolveModelProfile } from '../../src/models/modelProfile';
import type { ModelService } from '../../src/providers/core/providerService';
import { CompletionTargets } from '../../src/completions/completionTarget';

export const FIM_MODEL = 'qwen2.5-coder:1.5b-base';

export function settingsWith(debounceMs: number): CompletionSettings {
  return { enabled: true, provider: '', model: FIM_MODEL, endpoint: 'completions', debounceMs, maxTokens: 128, languages: { '*': true }, lines: 'auto' };
}

/** CompletionTargets over a ModelService that knows one loopback provider (the rest of the service is never called). */
export function targetsFor(client: OpenAICompatibleClient, baseUrl: string, settings: CompletionSettings): CompletionTargets {
  const models: Pick<ModelService, 'connect' | 'currentModel' | 'modelProfile'> = {
    connect: async () => ({
      provider: { id: 'bench', name: 'Bench server', baseUrl, preset: false },
      settings: undefined as never,
      client,
      hasKey: false,
      secrets: [],
    }),
    currentModel: () => FIM_MODEL,
    modelProfile: (_provider, model) => resolveModelProfile(model),
  };
  return new CompletionTargets(models, () => settings);
}
