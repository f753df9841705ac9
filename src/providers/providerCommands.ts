// The commands that manage providers and keys: switch provider, add a custom provider, set/clear the key,
// set the Prime Intellect team id, show the log.
import * as vscode from 'vscode';
import { COMMANDS } from '../common/commands';
import type { RedactingLogger } from '../common/logger';
import { rawUserCustomProviders } from '../config/settings';
import type { ProviderService } from '../services';
import { asAppError, errorKind, errorMessage } from '../common/errors';
import { validateApiKeyInput } from './apiKeyInput';
import { parseHeadersJson, PROVIDER_TEMPLATES, providerIdFromName, validateBaseUrlInput } from './customProviderInput';
import type { ProviderDefinition } from './presets';
import { checkBaseUrl } from './urlPolicy';

export function registerProviderCommands(registry: ProviderService, log: RedactingLogger): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.switchProvider, () => switchProvider(registry, log)),
    vscode.commands.registerCommand(COMMANDS.addCustomProvider, () => addCustomProvider(registry, log)),
    vscode.commands.registerCommand(COMMANDS.setApiKey, (providerId?: unknown) =>
      setApiKeyInteractive(registry, log, typeof providerId === 'string' ? providerId : undefined),
    ),
    vscode.commands.registerCommand(COMMANDS.clearApiKey, () => clearApiKey(registry)),
    vscode.commands.registerCommand(COMMANDS.setTeamId, () => setTeamId(registry)),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
  ];
}

function host(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

interface ProviderPick extends vscode.QuickPickItem {
  providerId?: string;
  addCustom?: boolean;
}

async function switchProvider(registry: ProviderService, log: RedactingLogger): Promise<void> {
  const activeId = registry.activeProviderId();
  const providers = registry.providers();
  const keyStates = await Promise.all(providers.map((p) => registry.hasKey(p.id).catch(() => false)));
  const items: ProviderPick[] = [{ label: 'Presets', kind: vscode.QuickPickItemKind.Separator }];
  providers.forEach((p, i) => {
    if (i > 0 && !p.preset && providers[i - 1]?.preset) items.push({ label: 'Custom providers', kind: vscode.QuickPickItemKind.Separator });
    const keyState = keyStates[i] ? 'key set' : registry.needsKey(p) ? 'no key yet' : 'no key needed';
    items.push({
      label: `${p.id === activeId ? '$(check) ' : ''}${p.name}`,
      description: `${host(p.baseUrl)} · ${keyState}`,
      providerId: p.id,
    });
  });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: '$(add) Add OpenAI-compatible provider…', addCustom: true });
  const choice = await vscode.window.showQuickPick(items, { title: 'Inference Chat: Switch Provider', matchOnDescription: true });
  if (!choice) return;
  if (choice.addCustom) return addCustomProvider(registry, log);
  if (!choice.providerId) return;
  await registry.setActiveProvider(choice.providerId);
  const provider = registry.provider(choice.providerId);
  if (provider) await offerKeyIfMissing(registry, log, provider);
}

async function offerKeyIfMissing(registry: ProviderService, log: RedactingLogger, provider: ProviderDefinition): Promise<void> {
  if (!registry.needsKey(provider) || (await registry.hasKey(provider.id).catch(() => false))) return;
  const action = await vscode.window.showInformationMessage(`${provider.name} needs an API key.`, 'Set API Key…');
  if (action) await setApiKeyInteractive(registry, log, provider.id);
}

async function addCustomProvider(registry: ProviderService, log: RedactingLogger): Promise<void> {
  const templateItems: Array<vscode.QuickPickItem & { template?: (typeof PROVIDER_TEMPLATES)[number] }> = [
    ...PROVIDER_TEMPLATES.map((t) => ({ label: t.label, description: t.baseUrl, template: t })),
    { label: 'Other OpenAI-compatible server…' },
  ];
  const picked = await vscode.window.showQuickPick(templateItems, { title: 'Add provider (1/4): kind of server' });
  if (!picked) return;
  const name = await vscode.window.showInputBox({
    title: 'Add provider (2/4): name',
    prompt: 'A name for the provider, shown in the status bar and the chat',
    value: picked.template?.name ?? '',
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() ? undefined : 'Enter a name'),
  });
  if (!name) return;
  const baseUrl = await vscode.window.showInputBox({
    title: 'Add provider (3/4): base URL',
    prompt: 'The OpenAI-compatible base URL (ends before /chat/completions). http:// only for servers on this machine.',
    value: picked.template?.baseUrl ?? '',
    placeHolder: 'https://api.example.com/v1',
    ignoreFocusOut: true,
    validateInput: validateBaseUrlInput,
  });
  if (!baseUrl) return;
  const headersText = await vscode.window.showInputBox({
    title: 'Add provider (4/4): extra headers (optional)',
    prompt: 'A JSON object of extra headers sent with every request, or leave empty. Not for the key.',
    placeHolder: '{"HTTP-Referer": "https://example.com"}',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const parsed = parseHeadersJson(text);
      return parsed.ok ? undefined : parsed.message;
    },
  });
  if (headersText === undefined) return;
  const headers = parseHeadersJson(headersText);
  if (!headers.ok) return;

  const raw = rawUserCustomProviders();
  const takenIds = [...registry.providers().map((p) => p.id), ...raw.map((r) => (r as { id?: unknown })?.id).filter((id): id is string => typeof id === 'string')];
  const id = providerIdFromName(name, takenIds);
  const entry = { id, name: name.trim(), baseUrl: baseUrl.trim(), ...(headers.headers ? { headers: headers.headers } : {}) };
  await registry.writeUserSetting('customProviders', [...raw, entry]);
  await registry.setActiveProvider(id);
  log.info(`Added custom provider "${id}" (${host(entry.baseUrl)}) and made it active.`);

  const loopback = !registry.needsKey({ ...entry, preset: false });
  const choice = await vscode.window.showInformationMessage(
    `Added ${entry.name}. ${loopback ? 'Servers on this machine often need no key.' : 'It needs an API key.'}`,
    'Set API Key…',
    'Pick Model…',
  );
  if (choice === 'Set API Key…') await setApiKeyInteractive(registry, log, id);
  else if (choice === 'Pick Model…') await vscode.commands.executeCommand(COMMANDS.pickModel);
}

/** Asks for the key (password box), checks it against the provider's /models, and stores it. */
export async function setApiKeyInteractive(registry: ProviderService, log: RedactingLogger, providerId?: string): Promise<void> {
  const provider = registry.provider(providerId ?? registry.activeProviderId());
  if (!provider) {
    void vscode.window.showErrorMessage(`Inference Chat: there is no provider "${providerId ?? registry.activeProviderId()}". Switch provider first.`);
    return;
  }
  const urlCheck = checkBaseUrl(provider.baseUrl);
  if (!urlCheck.ok) {
    void vscode.window.showErrorMessage(`Inference Chat: ${provider.name} cannot be used: ${urlCheck.message}`);
    return;
  }
  const key = await vscode.window.showInputBox({
    title: `API key for ${provider.name}`,
    prompt: `Stored only in VS Code's secret storage and sent only to ${urlCheck.url.host}.${provider.keyHint ? ` ${provider.keyHint}.` : ''}`,
    password: true,
    ignoreFocusOut: true,
    validateInput: validateApiKeyInput,
  });
  if (!key) return;
  const trimmed = key.trim();

  const verdict = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Checking the key with ${provider.name}…`, cancellable: true },
    async (_progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        await registry.clientFor(provider, trimmed).listModels({ signal: abort.signal });
        return { ok: true as const };
      } catch (error) {
        return { ok: false as const, error };
      } finally {
        sub.dispose();
      }
    },
  );

  if (!verdict.ok) {
    // The key is not stored yet, so the logger does not know it: name it, in case the server echoes it.
    const detail = log.redact(errorMessage(verdict.error), [trimmed]);
    const kind = errorKind(verdict.error);
    if (kind === 'auth') {
      void vscode.window.showErrorMessage(`Inference Chat: ${provider.name} rejected this key (${detail}). It was NOT saved.`);
      return;
    }
    const why = kind === 'network' || kind === 'timeout' ? `could not reach ${urlCheck.url.host}` : `could not check the key`;
    const answer = await vscode.window.showWarningMessage(
      `Inference Chat ${why}: ${detail}. Save the key anyway?`,
      { modal: true },
      'Save Anyway',
    );
    if (answer !== 'Save Anyway') return;
  }
  try {
    await registry.setApiKey(provider.id, trimmed);
  } catch (error) {
    const message = asAppError(error)?.reason === 'secret_storage' ? errorMessage(error) : `The API key was NOT saved: ${errorMessage(error)}`;
    log.error(message);
    void vscode.window.showErrorMessage(`Inference Chat: ${message}`);
    return;
  }
  void vscode.window.showInformationMessage(`Inference Chat: API key for ${provider.name} saved.`);
}

async function clearApiKey(registry: ProviderService): Promise<void> {
  const provider = registry.provider(registry.activeProviderId());
  if (!provider) return;
  try {
    await registry.clearApiKey(provider.id);
    void vscode.window.showInformationMessage(`Inference Chat: API key for ${provider.name} removed.`);
  } catch (error) {
    void vscode.window.showErrorMessage(`Inference Chat: ${errorMessage(error)}`);
  }
}

async function setTeamId(registry: ProviderService): Promise<void> {
  const current = registry.settings().teamId;
  const value = await vscode.window.showInputBox({
    title: 'Prime Intellect Team ID',
    prompt: 'Requests are billed to this team (sent as X-Prime-Team-ID). Leave empty for your personal account.',
    value: current,
    ignoreFocusOut: true,
    validateInput: (text) => (text.length > 200 ? 'At most 200 characters' : /\s/.test(text.trim()) ? 'A team id has no spaces' : undefined),
  });
  if (value === undefined) return;
  await registry.writeUserSetting('primeIntellect.teamId', value.trim());
  void vscode.window.showInformationMessage(
    value.trim() ? `Inference Chat: requests to Prime Intellect now use team ${value.trim()}.` : 'Inference Chat: team id cleared; requests use your personal account.',
  );
}
