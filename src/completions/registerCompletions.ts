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
import { CompletionHealth, type HealthView } from './core/completionHealth';
import type { LocalServerKind } from './core/localServers';
import { showCompletionMenu } from './completionMenu';
import { pickCompletionModel } from './completionPicker';
import { CompletionStatusBar } from './completionStatusBar';
import { CompletionTargets, type CompletionTarget } from './completionTarget';
import { DocumentContext } from './documentContext';
import { InlineProvider } from './inlineProvider';

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
  deps: { providers: ProviderService; settings: { current(): ReadSettings }; gate: Pick<ReadGate, 'mayRead'>; log: Logger },
): CompletionsApi {
  const settings = (): CompletionSettings => deps.settings.current().settings.completions;
  const statusBar = new CompletionStatusBar();
  const targets = new CompletionTargets(deps.providers, settings, (target) =>
    deps.log.info(`completions: ${target.providerName} · ${target.model} through ${target.endpoint} (${target.why})`),
  );
  const health = new CompletionHealth(() => statusBar.render(health.current, targets.lastResolved));
  const documents = new DocumentContext(deps.gate);
  let localServers: readonly LocalServerKind[] | undefined;

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
    targets.invalidate();
    health.setOff(offReason());
    health.reset();
    statusBar.render(health.current, targets.lastResolved);
    // The tooltip names the endpoint: resolve it now (free: no paid request) when completions are on.
    if (health.current.state !== 'off') void targets.current().then(() => statusBar.render(health.current, targets.lastResolved), () => undefined);
  };

  const provider = new InlineProvider({
    settings,
    targets,
    context: documents,
    health,
    activeFor: (languageId) => health.current.state !== 'off' && languageEnabled(settings().languages, languageId),
    log: deps.log,
  });

  context.subscriptions.push(
    statusBar,
    documents,
    provider,
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider),
    deps.providers.onDidChange(refresh),
    vscode.commands.registerCommand(COMMANDS.toggleCompletions, async () => {
      await deps.providers.writeUserSetting('completions.enabled', health.current.state === 'off' ? true : false);
    }),
    vscode.commands.registerCommand(COMMANDS.triggerCompletion, () => vscode.commands.executeCommand('editor.action.inlineSuggest.trigger')),
    vscode.commands.registerCommand(COMMANDS.pickCompletionModel, () => pickCompletionModel(deps.providers, localServers)),
    vscode.commands.registerCommand(COMMANDS.completionsMenu, () =>
      showCompletionMenu({ on: health.current.state !== 'off', endpoint: settings().endpoint, view: health.current }, (endpoint) =>
        deps.providers.writeUserSetting('completions.endpoint', endpoint),
      ),
    ),
  );
  refresh();

  return {
    health: () => health.current,
    target: () => targets.current(),
    useLocalServers(kinds) {
      const previous = localServers;
      localServers = kinds;
      return () => (localServers = previous);
    },
  };
}
