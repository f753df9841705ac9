// Only wiring: create the features, register them, push every disposable into context.subscriptions.
// activate() does no network and no heavy work; it returns the API the integration tests drive.
import * as vscode from 'vscode';
import { setTranslator } from './common/l10n';
import { RedactingLogger } from './common/logger';
import { registerApply } from './apply/registerApply';
import { SettingsStore } from './config/settingsStore';
import { registerChatView } from './views/registerChatView';
import { ReadGate } from './context/readGate';
import { registerSelectionCommands } from './commands/registerSelectionCommands';
import { registerLanguageModelProvider } from './lm/registerLanguageModelProvider';
import { KeyStore } from './providers/keyStore';
import { registerProviders } from './providers/registerProviders';
import { chunkLoader } from './chunks';
import type { ExtensionApi } from './extensionApi';
import { registerModelStatusBar } from './statusBar/registerModelStatusBar';
import { registerWalkthroughContext } from './onboarding/walkthroughContext';
import { registerCompletions } from './completions/registerCompletions';
import { registerAgent } from './agent/registerAgent';

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  // The pure layers translate through src/common/l10n.ts: give it VS Code's bundle for the display language.
  setTranslator((message, args) => vscode.l10n.t(message, ...args));
  const channel = vscode.window.createOutputChannel('Inference Chat', { log: true });
  context.subscriptions.push(channel);
  const keys = new KeyStore(context.secrets);
  // The one log every feature writes to: each line is redacted of every key the extension knows.
  const log = new RedactingLogger(channel, () => keys.knownKeys());

  const settings = new SettingsStore(log);
  context.subscriptions.push(settings);

  const providers = registerProviders(context, { settings, keys, log });
  const apply = registerApply(context, { log, loadService: chunkLoader('apply') });
  // The one gate every read for a message passes (attachments, instructions; next, completions and the agent).
  const readGate = new ReadGate();
  // Agent mode's tools: the chat's Agent turns run the model's calls through them (loaded on first use).
  const agent = registerAgent(context, { gate: readGate, settings, log, knownSecrets: () => keys.knownKeys(), loadToolbox: chunkLoader('agent') });
  const chat = registerChatView(context, { targets: providers, log, apply, settings, gate: readGate, agent, knownSecrets: () => keys.knownKeys(), loadFeature: chunkLoader('chat') });
  registerSelectionCommands(context, { chat, settings, log, gate: readGate });
  registerModelStatusBar(context, { models: providers, log, loadPickers: chunkLoader('pickers') });
  const nativeChat = registerLanguageModelProvider(context, { models: providers, log, loadRequest: chunkLoader('lmRequest') });
  registerWalkthroughContext(context, { providers, chat, nativeChat });
  const completions = registerCompletions(context, { providers, settings, gate: readGate, log, loadEngine: chunkLoader('completions') });

  return { chat, providers, log, apply, readGate, completions, agent };
}

export function deactivate(): void {}
