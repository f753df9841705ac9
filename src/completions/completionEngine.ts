// The completions' engine, a chunk of its own (dist/chunks/completions.js, src/chunks.ts): the inline provider, the
// document context and snippet ring, the targets and endpoint memory, the picker and the menu. Activation carries
// only the status item and the commands; this loads when completions are first needed.
import type * as vscode from 'vscode';
import type { Logger } from '../common/logger';
import type { CompletionSettings } from '../config/core/completionSettings';
import type { ReadGate } from '../context/readGate';
import type { ProviderService } from '../providers/core/providerService';
import type { CompletionHealth } from './core/completionHealth';
import { CompletionTargets } from './completionTarget';
import { DocumentContext } from './documentContext';
import { InlineProvider } from './inlineProvider';

export { showCompletionMenu } from './completionMenu';
export { pickCompletionModel } from './completionPicker';

export interface CompletionEngine extends vscode.Disposable {
  provider: InlineProvider;
  targets: CompletionTargets;
}

export function createCompletionEngine(deps: {
  providers: ProviderService;
  settings: () => CompletionSettings;
  gate: Pick<ReadGate, 'mayRead'>;
  health: CompletionHealth;
  activeFor: (languageId: string) => boolean;
  onResolved: () => void;
  log: Logger;
}): CompletionEngine {
  const targets = new CompletionTargets(deps.providers, deps.settings, (target) => {
    deps.log.info(`completions: ${target.providerName} · ${target.model} through ${target.endpoint} (${target.why})`);
    deps.onResolved();
  });
  const documents = new DocumentContext(deps.gate);
  const provider = new InlineProvider({ settings: deps.settings, targets, context: documents, health: deps.health, activeFor: deps.activeFor, log: deps.log });
  return {
    provider,
    targets,
    dispose() {
      provider.dispose();
      documents.dispose();
    },
  };
}
