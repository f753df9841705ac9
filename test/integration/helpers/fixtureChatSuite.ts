// The set-up the chat suites share inside VS Code (mocha tdd): the loopback fixture server configured as the
// active provider for the suite; before each test the normal scenario, the suite's reply, no recorded requests, a
// new chat and a recorder of what the host posts from then on; after it, any stream stopped and the recorder
// disposed. Call it inside `suite(...)`; hooks the suite registers before the call run before these.
import type { ExtensionApi } from '../../../src/extensionApi';
import { DEFAULT_REPLY, type FixtureServer, startFixtureServer } from '../../fixtures/server';
import { configureFixtureProvider, extensionApi, resetProviders } from './fixtureProvider';
import { PostRecorder } from './postRecorder';

export interface FixtureChatSuite {
  readonly api: ExtensionApi;
  readonly server: FixtureServer;
  /** What the host posted since this test's new chat. */
  readonly recorder: PostRecorder;
}

export function fixtureChatSuite(options: { key: string; reply?: string }): FixtureChatSuite {
  let api: ExtensionApi | undefined;
  let server: FixtureServer | undefined;
  let recorder: PostRecorder | undefined;
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is set up in the suite's hooks: use it inside a test or hook.`);
    return value;
  };

  suiteSetup(async () => {
    api = await extensionApi();
    server = await startFixtureServer({ apiKey: options.key });
    await configureFixtureProvider(server.url, options.key);
  });
  suiteTeardown(async () => {
    await resetProviders();
    await server?.close();
  });
  setup(async () => {
    const s = ready(server, 'The fixture server');
    s.setScenario('normal');
    s.setReply(options.reply ?? DEFAULT_REPLY);
    s.requests.length = 0;
    await ready(api, 'The extension API').chat.newChat();
    recorder = new PostRecorder(ready(api, 'The extension API'));
  });
  teardown(async () => {
    await api?.chat.handleWebviewMessage({ type: 'stop' });
    recorder?.dispose();
  });

  return {
    get api() { return ready(api, 'The extension API'); },
    get server() { return ready(server, 'The fixture server'); },
    get recorder() { return ready(recorder, 'The recorder'); },
  };
}
