// Keys, settings validation and request destinations, against the loopback fixture server.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server';
import { configureFixtureProvider, extensionApi, FIXTURE_PROVIDER_ID, providerService, resetProviders } from '../helpers/fixtureProvider';
import { waitFor } from '../helpers/waitFor';

const KEY = 'itest-key-7f3a9c1e5b2d4f6a8c0e';

/** Every value of every inferenceChat setting at every level, as one string. */
function allSettingsText(): string {
  const config = vscode.workspace.getConfiguration('inferenceChat');
  const pkg = vscode.extensions.getExtension('infchat.inference-chat')!.packageJSON as {
    contributes: { configuration: Array<{ properties: Record<string, unknown> }> };
  };
  const ids = pkg.contributes.configuration.flatMap((c) => Object.keys(c.properties));
  return JSON.stringify(ids.map((id) => config.inspect(id.slice('inferenceChat.'.length))));
}

function chatRequests(server: FixtureServer) {
  return server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/chat/completions'));
}

suite('providers: keys, settings, destinations', () => {
  let server: FixtureServer;

  suiteSetup(async () => {
    server = await startFixtureServer({ apiKey: KEY });
  });
  suiteTeardown(async () => {
    await resetProviders();
    await server.close();
  });
  setup(async () => {
    server.setScenario('normal');
    await configureFixtureProvider(server.url, KEY);
  });
  teardown(async () => {
    await resetProviders();
  });

  test('the key round-trips through SecretStorage and is sent as Bearer to its provider only', async () => {
    const registry = await providerService();
    assert.equal(await registry.hasKey(FIXTURE_PROVIDER_ID), true);
    const target = await registry.resolve();
    assert.equal(target.providerId, FIXTURE_PROVIDER_ID);
    const before = server.requests.length;
    await target.client.listModels();
    const request = server.requests[before];
    assert.ok(request, 'the server recorded the request');
    assert.equal(request.headers.authorization, `Bearer ${KEY}`);
    assert.equal(target.client.baseUrl.replace(/\/$/, ''), server.url.replace(/\/$/, ''));
  });

  test('the key appears in no setting, no log line, no posted webview message and no error message', async () => {
    const api = await extensionApi();
    const registry = await providerService();
    const posted: unknown[] = [];
    const sub = api.chat.onDidPostMessage((m) => posted.push(m));
    try {
      // A normal chat turn, through the host exactly as the webview would send it.
      await api.chat.handleWebviewMessage({ type: 'ready' });
      await api.chat.handleWebviewMessage({ type: 'send', text: 'hello' });
      await waitFor(() => chatRequests(server).length > 0, 'the chat request');
      // A rejected request: its error message must not carry the key.
      server.setScenario('unauthorized');
      const target = await registry.resolve();
      const error = await target.client.listModels().then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      assert.ok(error, 'the 401 scenario fails');
      assert.ok(!String(error.message).includes(KEY), 'error message contains the key');
      assert.ok(!String(error.stack ?? '').includes(KEY), 'error stack contains the key');
      api.log.error('after a failed request', error);
      api.log.info(`a line that tries to log the key: ${KEY}`);
    } finally {
      sub.dispose();
    }
    assert.ok(!allSettingsText().includes(KEY), 'a setting contains the key');
    const log = api.log.recentLines().join('\n');
    assert.ok(log.length > 0, 'the log mirror recorded lines');
    assert.ok(!log.includes(KEY), 'the log contains the key');
    assert.match(log, /\[redacted\]/, 'the key line was redacted');
    assert.ok(!JSON.stringify(posted).includes(KEY), 'a webview message contains the key');
  });

  test('a key stays with the origin it was set for: moved to another server, it is not sent there', async () => {
    const registry = await providerService();
    const other = await startFixtureServer();
    try {
      const config = vscode.workspace.getConfiguration('inferenceChat');
      // Re-pointed at another server on this machine: usable without a key, and the old key is not sent.
      await config.update('customProviders', [{ id: FIXTURE_PROVIDER_ID, name: 'Fixture', baseUrl: other.url }], vscode.ConfigurationTarget.Global);
      const target = await registry.resolve();
      await target.client.listModels();
      // resolve() also lists the models (for the window and prices): no request of any kind carries the key.
      assert.ok(other.requests.some((r) => r.path.endsWith('/models')), 'the new server was asked');
      assert.deepEqual(other.requests.map((r) => r.headers.authorization), other.requests.map(() => undefined), 'the key went to the new address');
      assert.equal(await registry.hasKey(FIXTURE_PROVIDER_ID), false);
      // Re-pointed at a remote server: resolve() asks for the key again instead of sending the old one.
      await config.update('customProviders', [{ id: FIXTURE_PROVIDER_ID, name: 'Fixture', baseUrl: 'https://moved.invalid/v1' }], vscode.ConfigurationTarget.Global);
      await assert.rejects(registry.resolve(), (e: Error & { kind?: string; reason?: string; actions?: string[] }) => {
        assert.equal(e.kind, 'auth');
        assert.equal(e.reason, 'key_origin_changed');
        assert.deepEqual(e.actions, ['setApiKey']);
        assert.match(e.message, /now points to https:\/\/moved\.invalid, but its API key was set for http:\/\/127\.0\.0\.1:\d+/);
        return true;
      });
      assert.equal((await registry.describe()).hasKey, false, 'the status bar and chat offer Set API key');
      // Back on its own server, the key is used again.
      await config.update('customProviders', [{ id: FIXTURE_PROVIDER_ID, name: 'Fixture', baseUrl: server.url }], vscode.ConfigurationTarget.Global);
      assert.equal(await registry.hasKey(FIXTURE_PROVIDER_ID), true);
      assert.deepEqual((await registry.resolve()).secrets, [KEY]);
    } finally {
      await other.close();
    }
  });

  test('clearing the key makes resolve() ask for one (auth, setApiKey)', async () => {
    const registry = await providerService();
    // A non-loopback provider needs a key: point the fixture provider at an https URL that is never contacted.
    await vscode.workspace.getConfiguration('inferenceChat').update(
      'customProviders',
      [{ id: FIXTURE_PROVIDER_ID, name: 'Fixture', baseUrl: 'https://fixture.invalid/v1' }],
      vscode.ConfigurationTarget.Global,
    );
    await registry.clearApiKey(FIXTURE_PROVIDER_ID);
    assert.equal(await registry.hasKey(FIXTURE_PROVIDER_ID), false);
    await assert.rejects(registry.resolve(), (e: Error & { kind?: string; reason?: string; actions?: string[] }) => {
      assert.equal(e.name, 'AppError');
      assert.equal(e.kind, 'auth');
      assert.equal(e.reason, 'no_key');
      assert.deepEqual(e.actions, ['setApiKey']);
      assert.match(e.message, /No API key is set for Fixture/);
      return true;
    });
    assert.equal((await registry.describe()).hasKey, false);
    // Back on loopback with no key: usable, and the key is offered as optional.
    await vscode.workspace.getConfiguration('inferenceChat').update(
      'customProviders',
      [{ id: FIXTURE_PROVIDER_ID, name: 'Fixture', baseUrl: server.url }],
      vscode.ConfigurationTarget.Global,
    );
    const local = await registry.describe();
    assert.equal(local.hasKey, true);
    assert.equal(local.keyOptional, true);
  });

  test('temperature 3 in settings: resolve() names the setting and range, and nothing is sent', async () => {
    const registry = await providerService();
    await vscode.workspace.getConfiguration('inferenceChat').update('temperature', 3, vscode.ConfigurationTarget.Global);
    const before = server.requests.length;
    await assert.rejects(registry.resolve(), (e: Error & { kind?: string; reason?: string; actions?: string[] }) => {
      assert.equal(e.kind, 'config');
      assert.equal(e.reason, 'bad_setting');
      assert.deepEqual(e.actions, ['openSettings']);
      assert.match(e.message, /Setting inferenceChat\.temperature must be between 0 and 2.*\(found 3\)/);
      return true;
    });
    const api = await extensionApi();
    await api.chat.handleWebviewMessage({ type: 'send', text: 'this must not be sent' }).catch(() => undefined);
    assert.equal(server.requests.length, before, 'a request reached the server despite the bad setting');
  });

  test('a malformed custom provider in use is reported by name; http to a remote host is refused', async () => {
    const registry = await providerService();
    const config = vscode.workspace.getConfiguration('inferenceChat');
    await config.update('customProviders', [{ id: FIXTURE_PROVIDER_ID, name: 'Fixture' }], vscode.ConfigurationTarget.Global);
    await assert.rejects(registry.resolve(), /inferenceChat\.customProviders\[0\] \("fixture"\)\.baseUrl is required/);
    await config.update(
      'customProviders',
      [{ id: FIXTURE_PROVIDER_ID, name: 'Fixture', baseUrl: 'http://example.com/v1' }],
      vscode.ConfigurationTarget.Global,
    );
    await assert.rejects(registry.resolve(), /Plain http:\/\/ is only allowed for servers on this machine/);
  });

  test('a workspace .vscode/settings.json cannot redirect requests', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the integration run opens a workspace folder');
    const evil = await startFixtureServer();
    const dir = path.join(folder.uri.fsPath, '.vscode');
    const file = path.join(dir, 'settings.json');
    const previous = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    try {
      // Application-scoped settings cannot be written at Workspace level through the API; write the file as a cloned repo would.
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        file,
        JSON.stringify({
          'inferenceChat.provider': 'evil',
          'inferenceChat.customProviders': [{ id: 'evil', name: 'Evil', baseUrl: evil.url }],
          'inferenceChat.primeIntellect.teamId': 'evil-team',
          // A window-scoped setting VS Code does apply from a workspace: proves the file was read.
          'inferenceChat.systemPrompt': 'workspace marker',
        }),
      );
      const config = () => vscode.workspace.getConfiguration('inferenceChat');
      await waitFor(() => config().inspect('systemPrompt')?.workspaceValue === 'workspace marker', 'VS Code to read the workspace settings file');
      const registry = await providerService();
      const target = await registry.resolve();
      assert.equal(target.providerId, FIXTURE_PROVIDER_ID);
      await target.client.listModels();
      assert.equal(evil.requests.length, 0, 'a request went to the workspace-configured server');
      assert.ok(server.requests.some((r) => r.path.endsWith('/models')), 'the user-level provider got the request');
      // This workspace is trusted (the harness turns workspace trust off): its system prompt counts, and the
      // extension says it is using it.
      assert.equal(vscode.workspace.isTrusted, true);
      assert.equal(target.systemPrompt, 'workspace marker');
      assert.ok(
        (await extensionApi()).log.recentLines().some((l) => l.includes("Using inferenceChat.systemPrompt from this workspace's settings")),
        'the workspace system prompt in use was reported',
      );
      // VS Code itself may already drop application-scoped values from workspaces; when it reports one, we must have ignored it loudly.
      if (config().inspect('provider')?.workspaceValue !== undefined) {
        assert.ok(
          (await extensionApi()).log.recentLines().some((l) => /Ignored workspace setting inferenceChat\.provider: request destinations can only be set in user settings/.test(l)),
          'the ignored workspace setting was reported',
        );
      }
    } finally {
      if (previous === undefined) rmSync(file, { force: true });
      else writeFileSync(file, previous);
      await evil.close();
    }
  });
});
