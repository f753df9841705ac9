// Registers inline completions: the provider of ghost text for every language, its status-bar item and menu,
// and the commands (toggle, suggest now, pick the model). On a provider that is not on this machine (it may bill
// every request) completions stay off until the user turns them on in their own settings.
import * as vscode from 'vscode';
import { COMMANDS } from '../common/commands';
import { l10n } from '../common/l10n';
import type { Logger } from '../common/logger';
import { languageEnabled, type CompletionSettings } from '../config/core/completionSettings';
import { explicitUserValue, type ReadSettings } from '../config/settings';
import type { ReadGate } from '../context/readGate';
import { checkBaseUrl } from '../providers/core/urlPolicy';
import type { ProviderService } from '../providers/core/providerService';
import type * as EngineModule from './completionEngine';
import type { CompletionEngine } from './completionEngine';
import { CompletionHealth, type HealthView } from './core/completionHealth';
import type { LocalServerKind } from './core/localServers';
import { CompletionStatusBar } from './completionStatusBar';
import type { CompletionTarget } from './completionTarget';

/** What the integration tests observe and steer. */
export interface CompletionsApi {
  health(): Readonly<HealthView>;
  /** The resolved target (provider, model, endpoint and why), or the error that stops it. */
  target(): Promise<CompletionTarget>;
  /** Probe these instead of the default local ports (the tests' own loopback servers); returns the undo. */
  useLocalServers(kinds: readonly LocalServerKind[]): () => void;
}

export function registerCompletions(
  context: vscode.ExtensionContext,
  deps: {
    providers: ProviderService;
    settings: { current(): ReadSettings };
    gate: Pick<ReadGate, 'mayRead'>;
    log: Logger;
    /** The engine's chunk (dist/chunks/completions.js), loaded when completions are first needed. */
    loadEngine: () => typeof EngineModule;
  },
): CompletionsApi {
  const settings = (): CompletionSettings => deps.settings.current().settings.completions;
  const statusBar = new CompletionStatusBar();
  const render = (): void => statusBar.render(health.current, loaded?.targets.lastResolved);
  const health = new CompletionHealth(render);
  let localServers: readonly LocalServerKind[] | undefined;
  let loaded: CompletionEngine | undefined;
  const activeFor = (languageId: string): boolean => health.current.state !== 'off' && languageEnabled(settings().languages, languageId);
  const engine = (): CompletionEngine =>
    (loaded ??= deps.loadEngine().createCompletionEngine({ providers: deps.providers, settings, gate: deps.gate, health, activeFor, onResolved: render, log: deps.log }));

  const offReason = (): string | undefined => {
    const wanted = settings();
    if (!wanted.enabled) return l10n.t('Turned off in the settings.');
    const provider = deps.providers.provider(wanted.provider || deps.providers.activeProviderId());
    const url = provider ? checkBaseUrl(provider.baseUrl) : undefined;
    const billed = url?.ok === true && !url.loopback;
    if (billed && explicitUserValue('completionsEnabled') !== true) {
      return l10n.t('{0} may bill every request: turn inline completions on to use it.', provider!.name);
    }
    return undefined;
  };
  const refresh = (): void => {
    loaded?.targets.invalidate();
    health.setOff(offReason());
    health.reset();
    render();
    // The tooltip names the endpoint: resolve it soon after (free: no paid request), off activation's path.
    if (health.current.state !== 'off') setTimeout(() => void engine().targets.current().catch(() => undefined), 0);
  };

  // Registered at once (VS Code asks it from the first keystroke); the engine behind it loads on that first call.
  const provider: vscode.InlineCompletionItemProvider = {
    provideInlineCompletionItems: (document, position, completionContext, token): Promise<vscode.InlineCompletionItem[] | undefined> | undefined =>
      activeFor(document.languageId) ? engine().provider.provideInlineCompletionItems(document, position, completionContext, token) : undefined,
  };

  context.subscriptions.push(
    statusBar,
    { dispose: () => void loaded?.dispose() },
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider),
    deps.providers.onDidChange(refresh),
    vscode.commands.registerCommand(COMMANDS.toggleCompletions, async () => {
      await deps.providers.writeUserSetting('completions.enabled', health.current.state === 'off');
    }),
    vscode.commands.registerCommand(COMMANDS.triggerCompletion, () => vscode.commands.executeCommand('editor.action.inlineSuggest.trigger')),
    vscode.commands.registerCommand(COMMANDS.pickCompletionModel, () => deps.loadEngine().pickCompletionModel(deps.providers, localServers)),
    vscode.commands.registerCommand(COMMANDS.completionsMenu, () =>
      deps.loadEngine().showCompletionMenu({ on: health.current.state !== 'off', endpoint: settings().endpoint, view: health.current }, (endpoint) =>
        deps.providers.writeUserSetting('completions.endpoint', endpoint),
      ),
    ),
  );
  refresh();

  return {
    health: () => health.current,
    target: (): Promise<CompletionTarget> => engine().targets.current(),
    useLocalServers(kinds) {
      const previous = localServers;
      localServers = kinds;
      return () => (localServers = previous);
    },
  };
}
