// Sets the context keys the walkthrough's steps complete on (walkthroughProgress.ts), from events the services
// already expose: the provider service's onDidChange (provider, key, model), the chat's posts (a finished reply)
// and the native-chat provider's onDidServeRequest. VS Code keeps a step checked once its key was true.
import * as vscode from 'vscode';
import type { HostToWebview } from '../protocol';
import type { ProviderService } from '../providers/core/providerService';
import { ChatProgress, providerSteps, WALKTHROUGH_CONTEXT, type WalkthroughStep } from './core/walkthroughProgress';

const setContext = (step: WalkthroughStep, value: boolean): Thenable<unknown> =>
  vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT[step], value);

export function registerWalkthroughContext(
  context: vscode.ExtensionContext,
  deps: { providers: ProviderService; chat: { readonly onDidPostMessage: vscode.Event<HostToWebview> }; nativeChat: { readonly onDidServeRequest: vscode.Event<void> } },
): void {
  const { providers } = deps;
  const refresh = async (): Promise<void> => {
    const target = await providers.describe();
    const active = providers.activeProviderId();
    const steps = providerSteps({
      providerSetByUser: vscode.workspace.getConfiguration('inferenceChat').inspect('provider')?.globalValue !== undefined,
      hasKey: target.hasKey,
      modelChosen: Boolean(providers.settings().models[active]),
    });
    for (const [step, value] of Object.entries(steps)) await setContext(step as WalkthroughStep, value);
  };
  const progress = new ChatProgress();
  context.subscriptions.push(
    providers.onDidChange(() => void refresh().catch(() => undefined)),
    deps.chat.onDidPostMessage((message) => {
      const step = progress.observe(message);
      if (step) void setContext(step, true);
    }),
    deps.nativeChat.onDidServeRequest(() => void setContext('nativeChatServed', true)),
  );
  void refresh().catch(() => undefined);
}
