// A complete ChatTarget for chat tests: the given client and fields, a model profile as resolveModelProfile
// makes it (defaults unless the test gives server info or overrides), no extra fields, a fresh calibration.
import type { ModelInfo } from '../../src/api/types';
import { resolveModelProfile, type ModelOverride } from '../../src/models/modelProfile';
import { TokenCalibration } from '../../src/models/tokenEstimate';
import type { ChatTarget } from '../../src/providers/core/providerService';

type Basics = Pick<ChatTarget, 'client'> & Partial<Omit<ChatTarget, 'client'>>;

export function chatTarget(basics: Basics, model?: { info?: ModelInfo; override?: ModelOverride }): ChatTarget {
  const id = basics.model ?? 'fixture-model';
  return {
    providerId: 'fixture',
    providerName: 'Fixture',
    model: id,
    sampling: {},
    systemPrompt: '',
    secrets: [],
    profile: resolveModelProfile(id, model?.info, model?.override),
    extra: {},
    calibration: new TokenCalibration(),
    calibrationKey: `fixture\u0000${id}`,
    ...basics,
  };
}
