// The commands that manage providers and keys: switch provider, add a custom provider, set/clear the key,
// set the Prime Intellect team id, show the log.
import * as vscode from 'vscode';
import { COMMANDS } from '../common/commands';
import type { RedactingLogger } from '../common/logger';
import { rawUserCustomProviders } from '../config/settings';
import type { ProviderService } from './core/providerService';
import { asAppError, errorKind, errorMessage } from '../common/appError';
import { askAndCheckKey } from './keyInputBox';
import { parseHeadersJson, PROVIDER_TEMPLATES, providerIdFromName, validateBaseUrlInput } from './core/customProviderInput';
import type { ProviderDefinition } from './core/presets';
import { checkBaseUrl } from './core/urlPolicy';

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
  const items: ProviderPick[] = [{ label: vscode.l10n.t('Presets'), kind: vscode.QuickPickItemKind.Separator }];
  providers.forEach((p, i) => {
    if (i > 0 && !p.preset && providers[i - 1]?.preset) items.push({ label: vscode.l10n.t('Custom providers'), kind: vscode.QuickPickItemKind.Separator });
    const keyState = keyStates[i] ? vscode.l10n.t('key set') : registry.needsKey(p) ? vscode.l10n.t('no key yet') : vscode.l10n.t('no key needed');
    items.push({
      label: `${p.id === activeId ? '$(check) ' : ''}${p.name}`,
      description: `${host(p.baseUrl)} · ${keyState}`,
      providerId: p.id,
    });
  });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: `$(add) ${vscode.l10n.t('Add OpenAI-compatible provider…')}`, addCustom: true });
  const choice = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Inference Chat: Switch Provider'), matchOnDescription: true });
  if (!choice) return;
  if (choice.addCustom) return addCustomProvider(registry, log);
  if (!choice.providerId) return;
  await registry.setActiveProvider(choice.providerId);
  const provider = registry.provider(choice.providerId);
  if (provider) await offerKeyIfMissing(registry, log, provider);
}

async function offerKeyIfMissing(registry: ProviderService, log: RedactingLogger, provider: ProviderDefinition): Promise<void> {
  if (!registry.needsKey(provider) || (await registry.hasKey(provider.id).catch(() => false))) return;
  const action = await vscode.window.showInformationMessage(vscode.l10n.t('{0} needs an API key.', provider.name), vscode.l10n.t('Set API Key…'));
  if (action) await setApiKeyInteractive(registry, log, provider.id);
}

async function addCustomProvider(registry: ProviderService, log: RedactingLogger): Promise<void> {
  const templateItems: Array<vscode.QuickPickItem & { template?: (typeof PROVIDER_TEMPLATES)[number] }> = [
    ...PROVIDER_TEMPLATES.map((t) => ({ label: t.label, description: t.baseUrl, template: t })),
    { label: vscode.l10n.t('Other OpenAI-compatible server…') },
  ];
  const picked = await vscode.window.showQuickPick(templateItems, { title: vscode.l10n.t('Add provider (1/4): kind of server') });
  if (!picked) return;
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add provider (2/4): name'),
    prompt: vscode.l10n.t('A name for the provider, shown in the status bar and the chat'),
    value: picked.template?.name ?? '',
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('Enter a name')),
  });
  if (!name) return;
  const baseUrl = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add provider (3/4): base URL'),
    prompt: vscode.l10n.t('The OpenAI-compatible base URL (ends before /chat/completions). http:// only for servers on this machine.'),
    value: picked.template?.baseUrl ?? '',
    placeHolder: 'https://api.example.com/v1',
    ignoreFocusOut: true,
    validateInput: validateBaseUrlInput,
  });
  if (!baseUrl) return;
  const headersText = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add provider (4/4): extra headers (optional)'),
    prompt: vscode.l10n.t('A JSON object of extra headers sent with every request, or leave empty. Not for the key.'),
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
  const setKey = vscode.l10n.t('Set API Key…');
  const pickModel = vscode.l10n.t('Pick Model…');
  const choice = await vscode.window.showInformationMessage(
    loopback ? vscode.l10n.t('Added {0}. Servers on this machine often need no key.', entry.name) : vscode.l10n.t('Added {0}. It needs an API key.', entry.name),
    setKey,
    pickModel,
  );
  if (choice === setKey) await setApiKeyInteractive(registry, log, id);
  else if (choice === pickModel) await vscode.commands.executeCommand(COMMANDS.pickModel);
}

/** Asks for the key (password box), checks it against the provider's /models, and stores it. */
export async function setApiKeyInteractive(registry: ProviderService, log: RedactingLogger, providerId?: string): Promise<void> {
  const provider = registry.provider(providerId ?? registry.activeProviderId());
  if (!provider) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Inference Chat: there is no provider "{0}". Switch provider first.', providerId ?? registry.activeProviderId()));
    return;
  }
  const urlCheck = checkBaseUrl(provider.baseUrl);
  if (!urlCheck.ok) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Inference Chat: {0} cannot be used: {1}', provider.name, urlCheck.message));
    return;
  }
  const answer = await askAndCheckKey({
    title: vscode.l10n.t('API key for {0}', provider.name),
    prompt: provider.keyHint
      ? vscode.l10n.t("Stored only in VS Code's secret storage and sent only to {0}. {1}.", urlCheck.url.host, provider.keyHint)
      : vscode.l10n.t("Stored only in VS Code's secret storage and sent only to {0}.", urlCheck.url.host),
    checking: vscode.l10n.t('Checking the key with {0}…', provider.name),
    check: async (key, signal) => {
      await registry.clientFor(provider, key).listModels({ signal });
      return { ok: true };
    },
    // Rejected: the box stays open with the reason. The key is not stored yet, so the logger does not know it:
    // name it, in case the server echoes it.
    rejection: (result, key) => (errorKind(result.error) === 'auth'
      ? vscode.l10n.t('{0} rejected this key ({1}). It was NOT saved: paste the right key, or press Escape.', provider.name, log.redact(errorMessage(result.error), [key]))
      : undefined),
  });
  if (!answer) return;
  const { key: trimmed, result: verdict } = answer;

  if (!verdict.ok) {
    const detail = log.redact(errorMessage(verdict.error), [trimmed]);
    const kind = errorKind(verdict.error);
    const saveAnyway = vscode.l10n.t('Save Anyway');
    const choice = await vscode.window.showWarningMessage(
      kind === 'network' || kind === 'timeout'
        ? vscode.l10n.t('Inference Chat could not reach {0}: {1}. Save the key anyway?', urlCheck.url.host, detail)
        : vscode.l10n.t('Inference Chat could not check the key: {0}. Save the key anyway?', detail),
      { modal: true },
      saveAnyway,
    );
    if (choice !== saveAnyway) return;
  }
  try {
    await registry.setApiKey(provider.id, trimmed);
  } catch (error) {
    const message = asAppError(error)?.reason === 'secret_storage' ? errorMessage(error) : vscode.l10n.t('The API key was NOT saved: {0}', errorMessage(error));
    log.error(message);
    void vscode.window.showErrorMessage(vscode.l10n.t('Inference Chat: {0}', message));
    return;
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Inference Chat: API key for {0} saved.', provider.name));
}

async function clearApiKey(registry: ProviderService): Promise<void> {
  const provider = registry.provider(registry.activeProviderId());
  if (!provider) return;
  try {
    await registry.clearApiKey(provider.id);
    void vscode.window.showInformationMessage(vscode.l10n.t('Inference Chat: API key for {0} removed.', provider.name));
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Inference Chat: {0}', errorMessage(error)));
  }
}

async function setTeamId(registry: ProviderService): Promise<void> {
  const current = registry.settings().teamId;
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Prime Intellect Team ID'),
    prompt: vscode.l10n.t('Requests are billed to this team (sent as X-Prime-Team-ID). Leave empty for your personal account.'),
    value: current,
    ignoreFocusOut: true,
    validateInput: (text) => (text.length > 200 ? vscode.l10n.t('At most 200 characters') : /\s/.test(text.trim()) ? vscode.l10n.t('A team id has no spaces') : undefined),
  });
  if (value === undefined) return;
  await registry.writeUserSetting('primeIntellect.teamId', value.trim());
  void vscode.window.showInformationMessage(
    value.trim() ? vscode.l10n.t('Inference Chat: requests to Prime Intellect now use team {0}.', value.trim()) : vscode.l10n.t('Inference Chat: team id cleared; requests use your personal account.'),
  );
}
